"""Exactly-once emission in batches: lines written at once, made durable and marked emitted
per batch, and a run killed between the two recovered without loss or repetition."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from noticecli.crawl.emission import BATCH_BYTES, BATCH_RECORDS, Emitter
from noticecli.crawl.output import OUTPUT_TAIL, CrawlOutput, prepare_output
from tests.stores import STORE_KINDS, notice, open_test_store


def record(number: int, size: int = 0) -> dict[str, Any]:
    return {"title": "通" * size, "crawl": {"notice_id": f"n{number}", "revision": 1}}


class Events:
    """A stand-in output and store that log what the emitter asks of them, in order."""

    def __init__(self, to_file: bool = True) -> None:
        self.to_file = to_file
        self.log: list[Any] = []

    def write_line(self, line: str) -> int:
        self.log.append(("write", json.loads(line)["crawl"]["notice_id"]))
        return len(line.encode("utf-8"))

    def sync(self) -> None:
        self.log.append("sync")

    def mark_emitted_many(self, revisions: list[tuple[str, int]]) -> None:
        self.log.append(("mark", [nid for nid, _ in revisions]))


def emitter(events: Events) -> Emitter:
    return Emitter(events, events)  # type: ignore[arg-type]


def test_a_file_batch_is_made_durable_then_marked() -> None:
    events = Events()
    with emitter(events) as emit:
        for number in range(3):
            emit.emit(record(number))
        assert events.log == [("write", "n0"), ("write", "n1"), ("write", "n2")]
    # Leaving (the run's end, interrupted or not): one fsync, then one transaction.
    assert events.log[3:] == ["sync", ("mark", ["n0", "n1", "n2"])]


def test_batches_are_bounded_in_records_and_bytes() -> None:
    events = Events()
    emit = emitter(events)
    for number in range(BATCH_RECORDS):
        emit.emit(record(number))
    assert events.log[-2:] == ["sync", ("mark", [f"n{n}" for n in range(BATCH_RECORDS)])]
    events.log.clear()
    third = BATCH_BYTES // 3 // 3  # a third of a batch, in three-byte characters
    emit.emit(record(100, third))
    emit.emit(record(101, third))
    assert "sync" not in events.log
    # One more would pass the bound: the batch before it is committed first, so a batch
    # never outgrows the tail that the next run reads.
    emit.emit(record(102, 2 * third))
    assert events.log == [
        ("write", "n100"),
        ("write", "n101"),
        "sync",
        ("mark", ["n100", "n101"]),
        ("write", "n102"),
    ]
    assert BATCH_BYTES < OUTPUT_TAIL


def test_stdout_records_are_marked_one_by_one_once_flushed() -> None:
    events = Events(to_file=False)
    emit = emitter(events)
    emit.emit(record(1))
    emit.emit(record(2))
    assert events.log == [
        ("write", "n1"),
        "sync",
        ("mark", ["n1"]),
        ("write", "n2"),
        "sync",
        ("mark", ["n2"]),
    ]


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_a_run_killed_between_writing_and_marking_repeats_nothing(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    with open_test_store(kind, request, tmp_path) as store:
        changes = [
            store.record_notice("a", url, notice(url), raw_sha256=url)
            for url in (f"http://x.gov.cn/{n}.html" for n in range(4))
        ]
        with CrawlOutput(out) as output:
            emit = Emitter(store, output)
            for change in changes[:3]:
                emit.emit(store.emission(change.notice_id, change.revision))
            # Killed here: three lines written, none marked, the fourth never written.
        assert len(list(store.pending_emissions())) == 4
        with CrawlOutput(out) as output, Emitter(store, output) as emit:
            assert emit.emit_pending() == 1
        assert list(store.pending_emissions()) == []
    lines = [json.loads(line)["crawl"]["notice_id"] for line in out.read_text().splitlines()]
    assert lines == [change.notice_id for change in changes]


def test_the_tail_read_after_a_kill_starts_at_a_whole_line(tmp_path: Path) -> None:
    # A record larger than the tail, written last before a kill, then half of another: the
    # half line is cut, and the large record is found whole (a tail cut inside it would not
    # parse, and the record would be written twice).
    out = tmp_path / "out.jsonl"
    small = json.dumps(record(1)) + "\n"
    large = json.dumps(record(2, OUTPUT_TAIL), ensure_ascii=False) + "\n"
    out.write_text(small + large + '{"title": "half a li', "utf-8")
    assert prepare_output(out) == {("n2", 1)}
    assert out.read_text("utf-8") == small + large
    out.write_text(small + large, "utf-8")
    assert prepare_output(out) == {("n2", 1)}
    out.write_text(small, "utf-8")
    assert prepare_output(out) == {("n1", 1)}
    out.write_text("no newline at all", "utf-8")
    assert prepare_output(out) == set() and out.read_bytes() == b""
