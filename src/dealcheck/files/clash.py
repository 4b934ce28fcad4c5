"""Outputs never overwrite inputs: names are compared by resolved path and by inode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from dealcheck.errors import UsageError, say

#: (what the user called it, e.g. "--rejects", the path as given)
Named = tuple[str, str]


def refuse_clashes(inputs: Iterable[Named], outputs: Iterable[Named]) -> None:
    """Fail before any work when an output names an input or another output.

    Standard streams (`-`) and devices (`/dev/null`) never clash. Hard links and
    symbolic links to the same file do.

    Raises:
        UsageError: Two names are one file.
    """
    known: dict[tuple[object, ...], Named] = {}
    for named in inputs:
        for key in _identities(named[1]):
            known.setdefault(key, named)
    for label, path in outputs:
        keys = _identities(path)
        for key in keys:
            if key in known:
                other_label, other_path = known[key]
                role = say("clash.an_input") if other_label.startswith("input") else other_label
                raise UsageError(
                    say("clash.same_file", label=label, path=path, role=role, other=other_path)
                )
        for key in keys:
            known[key] = (label, path)


def _identities(path: str) -> list[tuple[object, ...]]:
    """The keys that say two names are one regular file (none for streams and devices)."""
    if path == "-":
        return []
    try:
        status = os.stat(path)
    except OSError:
        return [("path", os.path.normcase(os.path.realpath(path)))]
    if not stat.S_ISREG(status.st_mode):
        return []
    return [
        ("path", os.path.normcase(os.path.realpath(path))),
        ("inode", status.st_dev, status.st_ino),
    ]
