"""Self-contained HTML reports: inline CSS and SVG, no scripts, a strict CSP."""
