"""Score one large CSV file on two cores: two byte ranges, two forked workers.

The second worker finds the cut (`cuts`) a little past the middle while the first is
already scoring from the top; the first learns where to stop when it gets there. The
second range is a little shorter, so finding the cut costs no wall time of its own.

Each worker scores its range into a temporary file beside the output; the parent
appends the parts after what it has written and merges the workers' summary counts,
so the output and the summary are those of one pass. If the first range does not end
where a record ends (a quote left open by malformed data), the cut was wrong and the
input is scored again in one pass.
"""

from __future__ import annotations

import codecs
import os
import sys
import time
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from dealcheck.batch.read.opened import Opened
from dealcheck.batch.read.opening import open_csv_range
from dealcheck.batch.row_loop import Progress, score_rows
from dealcheck.batch.split import output as split_output
from dealcheck.batch.split import worker_life
from dealcheck.batch.split.cuts import Cut, find_cut
from dealcheck.batch.summarise.builder import SummaryBuilder
from dealcheck.batch.write.outputs import CsvWriter, JsonLinesWriter, ScoredWriter

if TYPE_CHECKING:
    from dealcheck.batch.pipeline import RowLoop

#: Inputs smaller than this are scored in one process (override: DEALCHECK_SPLIT_BYTES).
SPLIT_BYTES = 8 << 20
BYTE_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "cp949", "cp1252"})
#: Where the cut is looked for, as a share of the file. The second worker first
#: counts quotes and line breaks up to there (about 7 % of the time scoring that
#: stretch takes, measured on the 1M-row benchmark), so its range is that much
#: shorter and both workers finish together.
CUT_SHARE = 0.52
_PENDING, _NO_CUT = -1, -2


def split_threshold() -> int:
    """The size from which an input is split (DEALCHECK_SPLIT_BYTES, for tests)."""
    return int(os.environ.get("DEALCHECK_SPLIT_BYTES", SPLIT_BYTES))


def can_split(opened: Opened, writer: ScoredWriter | None, has_rejects: bool) -> bool:
    """Whether this input may be scored in two processes with identical results."""
    if has_rejects or opened.kind != "csv" or opened.records is None or sys.platform == "win32":
        return False
    if opened.size is None or opened.size < max(split_threshold(), 2):
        return False
    if codecs.lookup(opened.encoding).name not in BYTE_ENCODINGS:
        return False
    if writer is None:
        return True
    if type(writer) is CsvWriter or (type(writer) is JsonLinesWriter and not writer.array):
        stream = writer.stream
        encoding = getattr(stream, "encoding", None) or ""
        return (
            stream is not sys.stdout
            and hasattr(stream, "buffer")
            and codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
        )
    return False


def score_split(loop: RowLoop, progress: Progress | None) -> bool:
    """Score `loop.opened` in two worker processes; False when it must be redone in one.

    Raises:
        Whatever scoring a range raised, the first range's error first.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    writer, size = loop.writer, loop.opened.size or 0
    parts: list[str | None] = [None, None]
    if writer is not None:
        split_output.flush(writer)
        parts = [split_output.part_file(writer), split_output.part_file(writer)]
    sys.stdout.flush()
    sys.stderr.flush()
    cut = _SharedCut(context, size)
    positions = [context.Value("q", 0, lock=False) for _ in parts]
    pipes = [context.Pipe(duplex=False) for _ in parts]
    workers = []
    try:
        # A stop signal between a fork and `workers.append` would leave a worker unkilled.
        with worker_life.signals_held():
            for number, (path, position, (_, send)) in enumerate(
                zip(parts, positions, pipes, strict=True)
            ):
                args = (loop, cut, number, path, position, send, os.getpid())
                worker = context.Process(target=_work, args=args, daemon=True)
                workers.append(worker)
                worker.start()
                send.close()
        results = _collect([receive for receive, _ in pipes], positions, size, progress, cut)
        for worker in workers:
            worker.join()
        for result in results:
            if result[1] is not None:
                raise result[1]
        first = results[0][0]
        if first is not None and first.reject_reasons.get("unclosed quote"):
            return False  # the part files go unread (`finally`)
        for builder, _ in results:
            if builder is not None:
                loop.summary.merge(builder)
        if writer is not None:
            split_output.append_parts(writer, parts)
        return True
    finally:
        for worker in workers:
            if worker.pid is not None and worker.is_alive():
                worker.kill()
                worker.join()
        for path in parts:
            if path is not None:
                Path(path).unlink(missing_ok=True)


class _SharedCut:
    """The cut as the second worker finds it, for the first worker to stop at."""

    def __init__(self, context: Any, size: int) -> None:
        self.size = size
        self.near = int(size * CUT_SHARE)
        self._offset = context.Value("q", _PENDING, lock=False)
        self._line = context.Value("q", 0, lock=False)

    def find(self, path: str) -> Cut | None:
        """Look for the cut and tell the first worker (in the second worker)."""
        found = None
        try:
            found = find_cut(path, self.size, self.near)
        finally:
            if found is None:
                self.give_up()
            else:
                self._line.value = found.line
                self._offset.value = found.offset  # last: the offset says the line is set
        return found

    def give_up(self) -> None:
        """No cut: the first worker reads to the end of the file."""
        if self._offset.value == _PENDING:
            self._offset.value = _NO_CUT

    def end(self) -> int:
        """Where the first range ends (in the first worker; waits for the second)."""
        while (offset := int(self._offset.value)) == _PENDING:
            time.sleep(0.002)
        return self.size if offset == _NO_CUT else offset


def _work(
    loop: RowLoop,
    cut: _SharedCut,
    number: int,
    path: str | None,
    position: Any,
    send: Connection,
    parent: int,
) -> None:
    """Score one range (in the forked worker) into `path` and send back its summary counts."""
    worker_life.die_with_parent(parent)
    try:
        opened, writer = loop.opened, loop.writer
        builder = loop.summary.fork(number)
        if number == 0:
            start, end, first_line, end_later = 0, cut.near, 1, cut.end
        else:
            found = cut.find(opened.name)
            if found is None:
                send.send((builder, None))
                return
            start, end, first_line, end_later = found.offset, cut.size, found.line, None
        part = open_csv_range(opened, start, end, first_line=first_line, end_later=end_later)

        def report(done: int, total: int | None) -> None:
            position.value = done - start

        stream: IO[str] | None = None
        try:
            part_writer: ScoredWriter | None = None
            if writer is not None and path is not None:
                stream = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
                part_writer = (
                    CsvWriter(stream) if type(writer) is CsvWriter else JsonLinesWriter(stream)
                )
            score_rows(part, loop.plan, loop.hygiene, builder, part_writer, None, report)
        finally:
            part.close()
            if stream is not None:
                stream.close()
        send.send((builder, None))
    except BaseException as error:  # every failure goes back to the parent
        try:
            send.send((None, error))
        except Exception:  # e.g. an exception that does not pickle
            send.send((None, RuntimeError(str(error))))
    finally:
        send.close()


def _collect(
    pipes: list[Connection],
    positions: list[Any],
    size: int,
    progress: Progress | None,
    cut: _SharedCut,
) -> list[tuple[SummaryBuilder | None, BaseException | None]]:
    results: list[tuple[SummaryBuilder | None, BaseException | None] | None] = [None for _ in pipes]
    while any(result is None for result in results):
        # Wakes as soon as any worker reports, or every 0.1 s for the progress bar.
        waiting = [pipe for n, pipe in enumerate(pipes) if results[n] is None]
        for pipe in wait(waiting, timeout=0.1):
            n = pipes.index(pipe)  # type: ignore[arg-type]
            try:
                results[n] = pipes[n].recv()
            except EOFError:
                results[n] = (None, RuntimeError("a scoring worker stopped unexpectedly"))
            if n == 1:
                cut.give_up()  # never leave the first worker waiting for a dead second one
        if progress is not None:
            progress(sum(int(p.value) for p in positions), size)
    return [result for result in results if result is not None]
