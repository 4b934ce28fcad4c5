"""Score one large CSV file on two cores: two byte ranges, two forked workers.

The file is cut at a line break outside quotes near its middle (quote parity from
counting `"` bytes: RFC 4180's `""` escape keeps it right). Each worker scores its
range into a temporary file beside the output (the first range straight into the
output when it is a regular file); the parent appends the parts after what it has
written and merges the workers' summary counts, so the output and the summary are
those of one pass. Only byte-oriented encodings qualify (UTF-8, CP949,
cp1252: no `"` or line-feed byte inside a multi-byte character).

If the first range does not end where a record ends (a quote left open by malformed
data), the cut was wrong and the input is scored again in one pass.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import IO, Any

from dealcheck.batch import split_output
from dealcheck.batch.hygiene import HygieneRules
from dealcheck.batch.outputs import CsvWriter, JsonLinesWriter, ScoredWriter
from dealcheck.batch.plan import RowPlan
from dealcheck.batch.reading import Opened, open_csv_range
from dealcheck.batch.summary import SummaryBuilder

#: Inputs smaller than this are scored in one process (override: DEALCHECK_SPLIT_BYTES).
SPLIT_BYTES = 8 << 20
BYTE_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "cp949", "cp1252"})
CHUNK = 1 << 20
#: How far past the middle to look for a line break outside quotes.
SEARCH_LIMIT = 16 << 20
Progress = Callable[[int, int | None], None]
ScoreRows = Callable[..., None]


@dataclass(frozen=True)
class Cut:
    """Where the second range starts: a byte offset and its physical line number."""

    offset: int
    line: int


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


def find_cut(path: str, size: int) -> Cut | None:
    """A line break outside quotes at or after the middle of the file, if one is near."""
    middle = size // 2
    quotes = lines = 0
    previous_cr = False
    with open(path, "rb") as file:
        done = 0
        while done < middle:
            chunk = file.read(min(CHUNK, middle - done))
            if not chunk:
                return None
            quotes += chunk.count(b'"')
            lines += _line_breaks(chunk, previous_cr)
            previous_cr = chunk.endswith(b"\r")
            done += len(chunk)
        while done < min(size, middle + SEARCH_LIMIT):
            chunk = file.read(CHUNK)
            if not chunk:
                return None
            at = 0
            while (found := chunk.find(b"\n", at)) >= 0:
                piece = chunk[at : found + 1]
                quotes += piece.count(b'"')
                lines += _line_breaks(piece, previous_cr)
                previous_cr = False
                at = found + 1
                if quotes % 2 == 0 and done + at < size:
                    return Cut(done + at, lines + 1)
            rest = chunk[at:]
            quotes += rest.count(b'"')
            lines += _line_breaks(rest, previous_cr)
            previous_cr = rest.endswith(b"\r")
            done += len(chunk)
    return None


def _line_breaks(data: bytes, previous_cr: bool) -> int:
    r"""Line breaks as `newline=""` text reading counts them: `\r`, `\n` and `\r\n`."""
    joined = 1 if previous_cr and data.startswith(b"\n") else 0
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") - joined


def score_split(
    opened: Opened,
    cut: Cut,
    plan: RowPlan,
    hygiene: HygieneRules,
    summary: SummaryBuilder,
    writer: ScoredWriter | None,
    progress: Progress | None,
    score_rows: ScoreRows,
) -> bool:
    """Score `opened` in two worker processes; False when it must be redone in one.

    Raises:
        Whatever scoring a range raised, the first range's error first.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    size = opened.size or 0
    ranges = [(0, cut.offset, 1), (cut.offset, size, cut.line)]
    folder = split_output.parts_folder(writer)
    parts: list[str | None] = [
        split_output.part_file(folder) if writer is not None else None for _ in ranges
    ]
    if writer is not None:
        split_output.flush(writer)
    # The first range writes straight into a regular output file (its descriptor is
    # shared across the fork): only the second range's rows are copied afterwards.
    direct_from = split_output.output_end(writer)
    if direct_from is not None and parts[0] is not None:
        Path(parts[0]).unlink()
        parts[0] = None
    done = False
    sys.stdout.flush()
    sys.stderr.flush()
    positions = [context.Value("q", 0, lock=False) for _ in ranges]
    pipes = [context.Pipe(duplex=False) for _ in ranges]
    workers = []
    try:
        for part, ((start, end, first_line), path, position, (_, send)) in enumerate(
            zip(ranges, parts, positions, pipes, strict=True)
        ):
            job = _Part(part, start, end, first_line, path, direct=path is None)
            worker = context.Process(
                target=_work,
                args=(job, opened, plan, hygiene, summary, writer, score_rows, position, send),
                daemon=True,
            )
            worker.start()
            send.close()
            workers.append(worker)
        results = _collect([receive for receive, _ in pipes], positions, size, progress)
        for worker in workers:
            worker.join()
        for result in results:
            if result[2] is not None:
                raise result[2]
        first = results[0][0]
        if first is not None and first.reject_reasons.get("unclosed quote"):
            return False  # the `finally` below takes back what the first range wrote
        for builder, computed, _ in results:
            if builder is not None:
                summary.merge(builder)
            plan.cache.computed += computed
        if writer is not None:
            split_output.append_parts(writer, parts)
        done = True
        return True
    finally:
        if direct_from is not None and not done:
            split_output.truncate(writer, direct_from)
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
        for path in parts:
            if path is not None:
                Path(path).unlink(missing_ok=True)


@dataclass(frozen=True)
class _Part:
    number: int
    start: int
    end: int
    first_line: int
    output: str | None
    direct: bool = False


def _work(
    job: _Part,
    opened: Opened,
    plan: RowPlan,
    hygiene: HygieneRules,
    summary: SummaryBuilder,
    writer: ScoredWriter | None,
    score_rows: ScoreRows,
    position: Any,
    send: Connection,
) -> None:
    """Score one range (in the forked worker) and send back its summary counts."""
    try:
        part = open_csv_range(
            opened.name,
            job.start,
            job.end,
            header=opened.header,
            first_line=job.first_line,
            opened=opened,
        )
        builder = summary.fork(job.number)
        computed = plan.cache.computed

        def report(done: int, total: int | None) -> None:
            position.value = done - job.start

        stream: IO[str] | None = None
        try:
            part_writer: ScoredWriter | None = None
            if writer is not None and job.output is not None:
                stream = open(job.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            elif writer is not None and job.direct:
                shared = os.dup(writer.stream.buffer.fileno())  # type: ignore[attr-defined]
                stream = open(shared, "w", encoding="utf-8", newline="")  # noqa: SIM115
            if stream is not None:
                part_writer = (
                    CsvWriter(stream) if type(writer) is CsvWriter else JsonLinesWriter(stream)
                )
            score_rows(part, plan, hygiene, builder, part_writer, None, report)
        finally:
            part.close()
            if stream is not None:
                stream.close()
        send.send((builder, plan.cache.computed - computed, None))
    except BaseException as error:  # every failure goes back to the parent
        try:
            send.send((None, 0, error))
        except Exception:  # e.g. an exception that does not pickle
            send.send((None, 0, RuntimeError(str(error))))
    finally:
        send.close()


def _collect(
    pipes: list[Connection], positions: list[Any], size: int, progress: Progress | None
) -> list[tuple[SummaryBuilder | None, int, BaseException | None]]:
    results: list[tuple[SummaryBuilder | None, int, BaseException | None] | None] = [
        None for _ in pipes
    ]
    while any(result is None for result in results):
        # Wakes as soon as any worker reports, or every 0.1 s for the progress bar.
        waiting = [pipe for n, pipe in enumerate(pipes) if results[n] is None]
        for pipe in wait(waiting, timeout=0.1):
            n = pipes.index(pipe)  # type: ignore[arg-type]
            try:
                results[n] = pipes[n].recv()
            except EOFError:
                results[n] = (None, 0, RuntimeError("a scoring worker stopped unexpectedly"))
        if progress is not None:
            progress(sum(int(p.value) for p in positions), size)
    return [result for result in results if result is not None]
