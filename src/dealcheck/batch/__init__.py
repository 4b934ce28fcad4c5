"""Batch scoring of CRM exports: read, map columns, score every row, summarise the pipeline.

The flow, one module per step::

    encoding  -> reading (rows by index)  -> plan (mapping + header -> DealFacts)
              -> verdicts (memoised assess) + hygiene -> outputs + summary

Nothing here imports typer or rich; `dealcheck score` is a thin command over
`pipeline.score_pipeline`.
"""
