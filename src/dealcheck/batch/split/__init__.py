"""One large CSV file scored on two cores: where to cut it, two workers, their part files."""
