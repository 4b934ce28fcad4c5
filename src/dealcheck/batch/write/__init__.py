"""Writing the scored rows: where they go, safe for spreadsheets, to several writers."""
