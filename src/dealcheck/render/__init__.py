"""Renderers: scorecards, frameworks and pipelines to terminal, Markdown, JSON and HTML."""
