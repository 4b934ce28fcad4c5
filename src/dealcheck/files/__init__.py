"""Files the user named: written atomically, never over an input, locked while in use."""
