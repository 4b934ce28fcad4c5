"""Reading: CRM exports (CSV, JSON Lines) and deal folders as streams of rows, and quotas."""
