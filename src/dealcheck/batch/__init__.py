"""Batch scoring of CRM exports: read, map columns, score every row, summarise, write.

The flow, in the order a row takes it::

    read/         an export or a deal folder as rows (`opened`): encoding, opening (CSV,
                  JSON Lines, a byte range of a CSV), records (CSV records with their
                  line numbers), jsonl_rows, deal_files; and quota
    map           the mapping bound to the header: the `dealcheck.mapping` wing, below
    score/        row_plan (a row's cells -> deal basics), row_verdicts (a chunk of
                  rows -> their verdicts, a column at a time, through run_columns and
                  the compiled `dealcheck.scoring.tables`), hygiene (the data checks)
    summarise/    builder counts each chunk of rows into the pipeline summary
                  (sections, the forecast rules, bounded deal lists), freeze turns it
                  into the model every renderer reads, to_json into its JSON form
    write/        outputs (scored CSV, JSON Lines, JSON), the formula neutraliser, the
                  destination file, the tee to several writers
    close_plan/   plan columns checked per row, only when the mapping has them: columns
                  (bound to the header, read per row), rows (a job's codes: read with
                  each row, tallied, written)

`pipeline.score_pipeline` runs the flow over each input with `row_loop.score_rows`,
the one row loop; `split/` runs that loop on two cores for one large CSV file (the
cut between the halves, the two workers, their part files, their lifetime). `run` is
the glue `dealcheck score` calls. Nothing here imports typer, rich or the renderers.
"""
