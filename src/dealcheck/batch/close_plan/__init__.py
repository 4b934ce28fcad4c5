"""Close plan checks on export rows, for mappings with `close_plan:` columns.

`columns` binds the plan columns to an export's header and reads a row's plan codes;
`rows` tallies and writes them; `dates` is what a `score` job sees of them.
"""
