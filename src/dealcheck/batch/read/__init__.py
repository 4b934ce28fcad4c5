"""Reading: CRM exports (CSV, JSON Lines) and deal folders as streams of rows, and quotas.

`encoding` recognises how a file was saved; `opening` opens an export (or a byte range
of one, for the split reader) as an `Opened` stream of rows (`opened`), read as CSV
records with their line numbers (`records`) or JSON Lines (`jsonl_rows`); `deal_files`
turns `qualify`'s deal files into the same rows; `quota` reads `--quota`.
"""
