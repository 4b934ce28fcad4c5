"""Archiving a deal's history: the older qualifications move to `SLUG.archive.yaml`.

A deal file may hold 4 MiB; one that would grow past it is refused, and this is the way
out. The archive is a deal file too (same basics, the older qualifications), so
`dealcheck report SLUG.archive.yaml --at N` still shows them. The deal file keeps the
latest qualifications, the first of them written with every answer (history is stored
as changes, so it cannot take its unchanged answers from one that moved away).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dealcheck.deals import store
from dealcheck.errors import UsageError, say


@dataclass(frozen=True)
class Archived:
    """What moved where."""

    path: Path
    archive: Path
    moved: int
    kept: int


def archive_path(path: Path) -> Path:
    """The archive beside a deal file: `acme.yaml` -> `acme.archive.yaml`."""
    return path.with_name(f"{path.stem}.archive{path.suffix}")


def archive_history(path: Path, *, keep: int) -> Archived:
    """Move all but the latest `keep` qualifications of a deal to its archive file.

    The archive is written first and the deal file after, each atomically, under the
    deal's lock: a crash between them leaves the deal file whole.

    Raises:
        UsageError: No such deal, `keep` below 1 or not below the history's length, or
            an archive already there (it is never overwritten).
        LockedError: Another dealcheck process works on this deal.
        InputError, ValidationFailed: The deal file does not parse (it is left as it is).
    """
    if keep < 1:
        raise UsageError(say("archive.keep_one", keep=keep))
    if not path.is_file():
        raise UsageError(say("deal.missing", path=path))
    archive = archive_path(path)
    with store.locked(path):
        deal = store.load_deal(path)
        count = len(deal.qualifications)
        if keep >= count:
            raise UsageError(say("archive.nothing", path=path, count=count, keep=keep))
        if archive.exists() or archive.is_symlink():
            year = deal.qualifications[0].date.year
            renamed = f"{path.stem}.archive-{year}{path.suffix}"
            raise UsageError(say("archive.exists", archive=archive, renamed=renamed))
        older = deal.qualifications[:-keep]
        store.write_atomic(
            archive, store.deal_text(deal.model_copy(update={"qualifications": older}))
        )
        latest = deal.qualifications[-keep:]
        store.save_deal(path, deal.model_copy(update={"qualifications": latest}))
    return Archived(path, archive, len(older), len(latest))
