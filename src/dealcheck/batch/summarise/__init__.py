"""Summarising: the pipeline summary's model, its bounded deal lists and its JSON form."""
