"""The mapping language: which CRM export columns feed what, and how their cells read.

`score`, `learn`, `map init`, `map check` and `validate` all read a mapping, the way
every command reads a framework through `language`. The wing holds the mapping model
(`model`) and its loading with the built-in presets (`loading`), how column names and
cells read (`column_names`, `values`, `amounts`), a mapping bound to an export's header
(`binding`, `blind`) and the TODOs a drafted mapping leaves (`todos`). It reads no
export itself: that is `batch`'s job.
"""
