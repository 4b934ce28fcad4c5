"""Summarising: the pipeline summary counted row by row, its model and its JSON form."""
