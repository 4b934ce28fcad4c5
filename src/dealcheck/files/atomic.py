"""The one way dealcheck replaces a file: temporary file, fsync, rename, fsync the folder.

A crash, a kill or a full disk leaves the previous file or the new one, never half of
one. A symbolic link is written through to its target; a read-only file is refused,
not replaced; a device or a pipe (`/dev/null`, a FIFO) is written in place.

Temporary files are named `.<name>.<pid>.<token>.dealcheck-tmp` beside the target, so
the next run in that folder can tell its own leftovers (`stale`) from anyone else's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from dealcheck.errors import WriteError, os_reason, say
from dealcheck.files import stale

TEMP_SUFFIX = stale.TEMP_SUFFIX
#: Errors of writing itself, whoever's code made the write call.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def temporary_name(target: Path) -> Path:
    """A fresh temporary name beside `target`, in the pattern `stale` recognises."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(3)}{TEMP_SUFFIX}")


def writable_target(path: Path) -> Path:
    """The file a write to `path` lands in: a symbolic link's target.

    Raises:
        WriteError: The target is a folder, or a read-only file.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        status = target.stat()
    except FileNotFoundError:
        return target
    except OSError as error:
        raise WriteError(say("write.cannot", path=path, reason=os_reason(error))) from None
    if stat.S_ISDIR(status.st_mode):
        raise WriteError(say("write.is_folder", path=path))
    # The mode bits too: root may write anything, but a file marked read-only was
    # marked so by someone who meant it.
    read_only = not status.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK)
    if stat.S_ISREG(status.st_mode) and read_only:
        raise WriteError(say("write.read_only", path=path))
    return target


@contextmanager
def atomic_stream(
    path: Path | str, *, encoding: str = "utf-8", newline: str = ""
) -> Iterator[IO[str]]:
    """A text stream whose content replaces `path` only when the block ends cleanly.

    Raises:
        WriteError: The file cannot be written (read-only, folder, disk full, …);
            the previous file is left as it was.
    """
    shown = Path(path)
    target = writable_target(shown)
    if target.exists() and not target.is_file():
        with (
            _reported(shown),
            open(target, "w", encoding=encoding, newline=newline) as stream,
            _reported(shown, only=_FULL),
        ):
            yield stream
        return
    folder = target.parent
    stale.sweep(folder)
    temporary = temporary_name(target)
    with _reported(shown):
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
        stream = open(temporary, "x", encoding=encoding, newline=newline)  # noqa: SIM115
    # A new file gets the umask's mode; a replaced one keeps its own.
    with contextlib.suppress(OSError):
        os.chmod(temporary, mode)
    try:
        with _reported(shown, only=_FULL):
            yield stream
        with _reported(shown):
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            os.replace(temporary, target)
            _sync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            stream.close()
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_atomic(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` atomically (see `atomic_stream`).

    Raises:
        WriteError: The file cannot be written; the previous file is left as it was.
    """
    with atomic_stream(path, encoding=encoding, newline="\n") as stream:
        stream.write(text)


def ensure_folder(folder: Path) -> None:
    """Create `folder` (and its parents) if missing.

    Raises:
        WriteError: A file stands where the folder should be, or it cannot be made.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(say("write.not_folder", folder=folder)) from None
    except OSError as error:
        raise WriteError(say("write.no_folder", folder=folder, reason=os_reason(error))) from None


@contextmanager
def _reported(path: Path, only: frozenset[int] | None = None) -> Iterator[None]:
    """OS errors (those numbered in `only`, if given) as one line naming the user's file."""
    try:
        yield
    except OSError as error:
        if only is not None and error.errno not in only:
            raise
        raise WriteError(say("write.failed", path=path, reason=os_reason(error))) from None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
