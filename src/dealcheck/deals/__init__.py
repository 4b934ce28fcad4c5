"""Deal files: the model, safe storage (atomic writes, locks, drafts) and the qualify flow."""
