"""Writing the scored rows: the output formats, safe for spreadsheets, to a file or several."""
