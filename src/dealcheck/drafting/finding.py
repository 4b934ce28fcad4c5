"""Which columns of an export name what a mapping needs, and what their first rows hold."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from dealcheck.batch.read.opened import RowItem
from dealcheck.drafting.headers import words
from dealcheck.drafting.layouts import Knowledge
from dealcheck.drafting.sniff import SAMPLE_ROWS, Profile
from dealcheck.drafting.stage_guess import Seen, percent, yes_no

MAX_CANDIDATES = 3


@dataclass
class Found:
    """Columns whose header names a target: sure ones, and near ones (candidates)."""

    sure: list[int]
    near: list[int]


def find_columns(header: list[str], known: Knowledge) -> dict[str, Found]:
    """Target (role, `fw/criterion`, or `signal:won` …) -> columns naming it, in one pass."""
    found: dict[str, Found] = {}
    indexes = ((known.roles, ""), (known.signals, "signal:"), (known.criteria, ""))
    for position, column in enumerate(header):
        if not column.strip():
            continue
        spelled = words(column, known.roles.prefixes)  # once per column: wide files
        key = "".join(spelled) or column.strip().casefold()
        for index, prefix in indexes:
            target = index.sure_key(key)
            if target:
                found.setdefault(prefix + target, Found([], [])).sure.append(position)
                continue
            if prefix == "signal:":
                continue
            for word in spelled:
                for near in index.tokens.get(word, ()):
                    slot = found.setdefault(prefix + near, Found([], []))
                    if len(slot.near) < MAX_CANDIDATES and position not in slot.near:
                        slot.near.append(position)
    return found


def read_sample(
    rows: Iterator[RowItem], profiles: dict[int, Profile], found: dict[str, Found], stage: int
) -> dict[str, Seen]:
    """Profile the interesting columns and gather stage signals from the first rows."""
    signal = {
        s: (found.get(f"signal:{s}") or Found([-1], [])).sure[0] for s in ("won", "closed", "order")
    }
    seen: dict[str, Seen] = {}
    watched = list(profiles.items())
    for count, (_, cells, _problem) in enumerate(rows):
        if count >= SAMPLE_ROWS:
            break
        if cells is None:
            continue
        width = len(cells)
        for position, profile in watched:
            if position < width:
                profile.add(cells[position])
        if 0 <= stage < width and (name := cells[stage].strip()):
            stats = seen.setdefault(name, Seen())
            stats.count += 1
            for kind in ("won", "closed"):
                at = signal[kind]
                if 0 <= at < width and (answer := yes_no(cells[at])) is not None:
                    getattr(stats, kind)[answer] += 1
            if (
                0 <= signal["order"] < width
                and (value := percent(cells[signal["order"]])) is not None
            ):
                stats.order.append(value)
    return seen
