"""Close plan checks on export rows, for mappings with `close_plan:` columns."""
