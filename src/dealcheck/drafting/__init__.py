"""Writing a mapping for an export, and checking one: `map init`, `map check`, `validate`.

`map init` drafts a mapping from an export (`draft`): it sniffs each column's values
(`sniff`), knows the headers of the common CRMs (`headers`, `layouts`) and guesses what
the export's stage names mean (`stage_guess`). `map check` reads the export through a
draft mapping and shows how each column reads (`map_check`); `validate` checks mapping
files without an export (`mapping_files`). The wing reads exports through `batch`'s
reader, so it sits above `batch`, beside `learn` and `policy`.
"""
