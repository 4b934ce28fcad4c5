"""Operating-system locks on deal files: held by a live process, released by its death.

The lock is a small file beside the deal (`.<slug>.lock`) locked with `fcntl.flock`
(`msvcrt.locking` on Windows) and holding the holder's pid for the message. Whatever
ends the holder (a crash, SIGTERM, `kill -9`) releases the lock with it: a lock file
left behind is just a file, and the next process takes it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from dealcheck.errors import LockedError, WriteError, os_reason, say
from dealcheck.files.atomic import ensure_folder


@contextlib.contextmanager
def held(lock: Path, what: Path) -> Iterator[None]:
    """Hold the lock file `lock` (which guards `what`) for the block.

    Raises:
        LockedError: A live process holds it.
        WriteError: The lock file cannot be created (read-only folder, …).
    """
    ensure_folder(lock.parent)
    for _attempt in range(5):
        try:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise WriteError(
                say(
                    "lock.cannot_create",
                    what=what,
                    lock=lock.name,
                    folder=lock.parent,
                    reason=os_reason(error),
                )
            ) from None
        if not _try_lock(handle):
            holder = _holder(handle)
            os.close(handle)
            raise LockedError(say("lock.held", what=what, pid=holder or "?"))
        if _same_file(handle, lock):
            break
        # The previous holder removed this file as we opened it: lock the new one.
        os.close(handle)
    else:
        raise LockedError(say("lock.failed", what=what, lock=lock))
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        # Removed while still held, so no one can lock the old file after us.
        with contextlib.suppress(OSError):
            lock.unlink()
        _unlock(handle)
        os.close(handle)


def _same_file(handle: int, lock: Path) -> bool:
    try:
        mine, there = os.fstat(handle), os.stat(lock)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _holder(handle: int) -> int | None:
    try:
        return int(os.pread(handle, 32, 0).decode("ascii").strip())
    except (OSError, ValueError, AttributeError):
        return None


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: int) -> bool:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(handle, 0, os.SEEK_SET)
            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_UN)
