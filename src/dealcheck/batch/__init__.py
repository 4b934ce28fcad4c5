"""Batch scoring of CRM exports: read, map columns, score every row, summarise, write.

The flow, in the order a row takes it::

    read/         an export or a deal folder as rows: encoding, opening (CSV, JSON
                  Lines, a byte range of a CSV), deal_files, quota; records (CSV
                  records with their line numbers)
    map           the mapping bound to the header: the `dealcheck.mapping` wing, below
    score         plan (a row's cells -> deal basics and answers), tables and
                  verdicts (a verdict per combination of answers), hygiene, forecast
    summarise/    summary and summary_fold build the pipeline summary row by row;
                  summarise/ holds its model, its bounded deal lists and its JSON form
    write/        outputs (scored CSV, JSON Lines, JSON); write/ holds the formula
                  neutraliser, the destination file and the tee to several writers
    close_plan/   plan columns checked per row, only when the mapping has them

`pipeline.score_pipeline` runs the flow; `hotloop` is its row loop for plain CSV in
and out; `parallel`, `cuts`, `split_output` and `worker_life` score one large file on
two cores. `run` is the glue `dealcheck score` calls. Nothing here imports typer, rich
or the renderers.
"""
