"""A learning report read from the synthetic export, for the golden and HTML tests."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import replace
from pathlib import Path

from dealcheck.learn.report import LearnReport, LearnRequest, learn_from
from tests.learn.synthetic import write_export

HOSTILE = "</script><script>alert(1)</script> | *x* [a](javascript:b)"


def learn_report(lang: str, *, hostile: bool = False) -> LearnReport:
    """600 closed deals and 40 open ones; `hostile` puts markup in loss reasons and products."""
    with tempfile.TemporaryDirectory() as folder:
        export, mapping = write_export(Path(folder), 600, open_deals=40, seed=7)
        if hostile:
            with export.open(encoding="utf-8", newline="") as rows:
                table = list(csv.reader(rows))
            reason, product = table[0].index("Loss Reason"), table[0].index("Product")
            for n, row in enumerate(table[1:]):
                row[reason] = HOSTILE if row[reason] else ""
                row[product] = HOSTILE if n % 2 else row[product]
            with export.open("w", encoding="utf-8", newline="") as out:
                csv.writer(out).writerows(table)
        report = learn_from(LearnRequest([str(export)], mapping=str(mapping), lang=lang))
    return replace(report, reading=replace(report.reading, sources=["history.csv (csv, utf-8)"]))
