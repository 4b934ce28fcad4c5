"""One large CSV file scored on two cores: where to cut it, two workers, their part files.

`cuts` finds a record boundary near a byte offset; `workers` forks one worker per
range and merges their summaries; `output` writes and joins their part files;
`worker_life` makes sure no worker outlives the run.
"""
