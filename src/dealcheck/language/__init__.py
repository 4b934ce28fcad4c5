"""The framework language: models, rules, safe YAML, loading, the catalogue, the schema."""
