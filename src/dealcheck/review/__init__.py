"""The weekly pipeline review (`score --compare`): what moved since last week's scored file.

Last week's deals are read back from its scored output, or scored again from its
export (`snapshots`); this week's rows are kept as they are scored; `compare` pairs the
two into movements and forecast moves; `weekly` is the glue `score --compare` calls.
The wing scores through `batch`, so it sits above it; `policy` uses it to show a
policy change's impact.
"""
