"""Writing a mapping for an export, and checking one: `map init`, `map check`, `validate`.

`map init` drafts a mapping from an export (`draft`): it finds the columns whose
headers name what a mapping needs and samples their first rows (`finding`), using the
headers of the common CRMs (`headers`, `layouts`), each column's value shapes (`sniff`)
and what the export's stage names likely mean (`stage_guess`), then writes each section
of the draft (`sections`). `map check` reads the export through a draft mapping and
shows how each column reads (`map_check`); `validate` checks mapping files without an
export (`mapping_files`). The wing reads exports through `batch`'s reader, so it sits
above `batch`, beside `learn` and `policy`.
"""
