"""Scoring: answers, the pure score, scorecards, several frameworks at once, the JSON report."""
