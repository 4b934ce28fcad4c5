"""Deal files on disk: slug names, safe reads, atomic writes, a lock, and drafts.

* Writes go to a temporary file in the same folder, are flushed to disk, then
  `os.replace`d over the deal file: a crash leaves the old file or the new one, never
  half of one.
* An operating-system lock on `.<slug>.lock` (holding the pid, for the message) keeps
  a second `dealcheck` process off the same deal; it goes with its process, however
  that process ends.
* A deal file that fails to parse is never overwritten: the rep's hand edits win.
* The draft `.<slug>.draft.yaml` beside the deal holds an unfinished qualification; it
  is rewritten after every answer and removed when the qualification is saved.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from dealcheck.deals import history_file
from dealcheck.deals.model import Deal, Draft
from dealcheck.errors import DealcheckError, InputError, Message, UsageError, WriteError, say
from dealcheck.files.atomic import ensure_folder
from dealcheck.files.locks import held
from dealcheck.language.validation import validate_located
from dealcheck.language.yamlfile import YamlMapping, parse_yaml, read_yaml

#: A deal file may grow to this: thousands of qualifications (a few hundred bytes to a
#: couple of KB each), years of weekly calls.
DEAL_MAX_BYTES = 4 * 1024 * 1024
HEADER = (
    "# dealcheck deal file: basics at the top, qualification history below (oldest first).\n"
    "# A qualification with `only_changes: true` lists only the answers that changed since\n"
    "# the one before it; every answer it does not list is as before.\n"
)


def slugify(name: str) -> str:
    """A file-name slug: lower-case words joined by '-'; Korean letters are kept."""
    text = unicodedata.normalize("NFKC", name).casefold()
    words = re.findall(r"[^\W_]+", text)
    return "-".join(words)[:80].strip("-") or "deal"


def deal_path(deals_dir: Path, name: str) -> Path:
    """Where a new deal named `name` is kept."""
    return deals_dir / f"{slugify(name)}.yaml"


def draft_path(path: Path) -> Path:
    """The draft file beside a deal file."""
    return path.with_name(f".{path.stem}.draft.yaml")


def lock_path(path: Path) -> Path:
    """The lock file beside a deal file."""
    return path.with_name(f".{path.stem}.lock")


def load_deal(path: Path) -> Deal:
    """Read and validate a deal file.

    Raises:
        UsageError: The file does not exist.
        ValidationFailed: The file is not valid YAML or breaks the deal file rules.
    """
    if not path.is_file():
        raise UsageError(say("deal.missing", path=path))
    try:
        tree = read_yaml(path, max_bytes=DEAL_MAX_BYTES)
    except DealcheckError:
        if path.suffix.lower() in (".yaml", ".yml"):
            raise  # a deal file with a typo: its FILE:LINE:COL problem is the help
        raise InputError(_not_a_deal(path, say("deal.not.yaml"))) from None
    if not isinstance(tree, YamlMapping):
        raise InputError(_not_a_deal(path, say("deal.not.mapping")))
    if "name" not in tree:
        raise InputError(_not_a_deal(path, say("deal.not.name")))
    foreign = [key for key in tree if key not in Deal.model_fields]
    if len(foreign) * 2 > len(tree):  # a framework or a mapping, not a deal with a typo
        shown = ", ".join(f"{key}:" for key in foreign[:3])
        raise InputError(_not_a_deal(path, say("deal.not.keys", keys=shown)))
    return validate_located(Deal, history_file.expand(tree))


def read_deal_tree(path: Path) -> Any:
    """A deal file's located tree, every qualification whole (to locate a problem in it)."""
    return history_file.expand(read_yaml(path, max_bytes=DEAL_MAX_BYTES))


def _not_a_deal(path: Path, why: Message) -> Message:
    # One line instead of a page of "unknown key" errors for a mapping, framework or README.
    return say("deal.not_a_deal", path=path, why=why)


def save_deal(path: Path, deal: Deal) -> None:
    """Write a deal file atomically; refuse to replace a file that does not parse."""
    if path.exists():
        try:
            load_deal(path)
        except Exception as error:
            raise InputError(say("deal.unparsable_kept", path=path, error=error)) from None
    text = deal_text(deal)
    size = len(text.encode("utf-8"))
    if size > DEAL_MAX_BYTES:
        archive = path.with_name(f"{path.stem}.archive{path.suffix}")
        raise WriteError(
            say("deal.too_big", path=path, size=size, most=DEAL_MAX_BYTES, archive=archive.name)
        )
    write_atomic(path, text)


def deal_text(deal: Deal) -> str:
    """The deal file's text: each qualification after the first written as its changes.

    The text is read back before it is used; should it not give the same deal, the
    history is written in full instead (the file only grows, nothing is lost).
    """
    data = deal.model_dump(mode="json", exclude_none=True)
    history = data.get("qualifications", [])
    if len(history) > 1:
        data["qualifications"] = history_file.compact(history)
        text = HEADER + dump(data)
        try:
            tree = parse_yaml(text.encode("utf-8"), "<deal>", max_bytes=len(text) * 4)
            if validate_located(Deal, history_file.expand(tree)) == deal:
                return text
        except DealcheckError:
            pass
        data["qualifications"] = history
    return HEADER + dump(data)


def load_draft(path: Path) -> Draft | None:
    """The draft beside a deal file, or None when there is none (or it is unreadable)."""
    draft = draft_path(path)
    if not draft.is_file():
        return None
    try:
        return validate_located(Draft, read_yaml(draft, max_bytes=DEAL_MAX_BYTES))
    except Exception:
        return None


def save_draft(path: Path, draft: Draft) -> None:
    """Write the draft beside a deal file, atomically."""
    write_atomic(draft_path(path), dump(draft.model_dump(mode="json", exclude_none=True)))


def remove_draft(path: Path) -> None:
    """Delete the draft beside a deal file, if any."""
    draft_path(path).unlink(missing_ok=True)


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes dates bare (2025-05-02): deal files are read as YAML 1.2."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def dump(data: Any) -> str:
    """Readable block-style YAML, Unicode kept, keys in model order."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (see `dealcheck.files.atomic`).

    Raises:
        WriteError: The folder or the file cannot be written.
    """
    from dealcheck.files.atomic import write_atomic as replace

    ensure_folder(path.parent)
    replace(path, text)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the deal's lock for the duration of the block (an OS lock: see `files.locks`).

    Raises:
        LockedError: Another live dealcheck process holds the lock.
        WriteError: The deals folder is not writable.
    """
    with held(lock_path(path), path):
        yield
