"""Scoring one row: its deal basics, its verdict read straight from its cells, its hygiene."""
