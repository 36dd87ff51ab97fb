"""Store size benchmark: bytes per notice in the crawl store, before and after schema 6.

For each N, three stores of the same N notices:

    before     written as the release with store schema 4 wrote it (tests/stores.py: its
               statements; the JSON twice, the full-text table with its own copy of the text)
    migrated   ``before`` opened by this noticecli: migrated in place to the current schema
               (timed); the file keeps the freed pages until VACUUM, which is run after
    fresh      written by this noticecli's ``StateStore.record_notice``

The notices are the crawl benchmark's (bench/crawl_bench.py): the tests/minisite.py fixture
templates, each parsed once, with a title of its own per notice, the crawl's URL and fetch
facts; every revision marked emitted, as after a crawl. Each store is written one notice per
transaction, as a crawl writes it. Sizes are the file after closing (WAL checkpointed), in
bytes per notice, with where they go (the ``dbstat`` table when SQLite has it). Search is
timed on ``before`` (the old release's statement: a phrase MATCH, ranked) and on ``fresh``
(:func:`noticecli.crawl.queries.search`), for a term in every notice, one in a fifth of them,
one in none, and a two-character term.

    python bench/store_size.py [--notices 2000 20000] [--keep DIR] [--json]

Target: ≤ 6 KB (6 144 bytes) per notice at 20 000 notices.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from noticecli.crawl.state import StateStore  # noqa: E402
from noticecli.models import FetchInfo, Notice  # noqa: E402
from noticecli.pipeline import parse_bytes  # noqa: E402
from tests.conftest import PAGES  # noqa: E402  (needs the repo on sys.path)
from tests.minisite import TEMPLATES  # noqa: E402
from tests.stores import create_v4_store, record_v4_notice  # noqa: E402

TARGET_BYTES = 6 * 1024
SITE = "bench"
NOW = "2024-11-05T08:00:00Z"
SEARCHES = (
    ("人民防空", "a term in every notice"),
    ("警报试鸣", "a term in a fifth of them"),
    ("不存在的词语", "a term in none"),
    ("人防", "a two-character term"),
)


def _notices(count: int) -> Iterator[tuple[str, Notice]]:
    """(url, notice) for notices 1..count, as bench/crawl_bench.py serves them."""
    parsed = [
        parse_bytes((PAGES / template).read_bytes(), source=template, url="http://127.0.0.1/")
        for template, _ in TEMPLATES
    ]
    for number in range(1, count + 1):
        url = f"http://127.0.0.1:8000/xxgk/tzgg/202411/t20241105_{100000 + number}.html"
        notice = copy.copy(parsed[number % len(parsed)])
        notice.title = f"关于第{number}批人防工程检查情况的通报"
        notice.url = url
        notice.fetch = FetchInfo(
            final_url=url,
            status=200,
            fetched_at=NOW,
            content_type="text/html; charset=utf-8",
            etag=f'"{number:016x}"',
            last_modified="Tue, 05 Nov 2024 08:00:00 GMT",
            sha256=f"{number:064x}",
            elapsed_ms=12,
            attempts=1,
        )
        yield url, notice


@dataclass
class Size:
    file_bytes: int
    free_bytes: int
    tables: dict[str, int] = field(default_factory=dict)  # bytes per table or index


@dataclass
class Result:
    notices: int
    before: Size | None = None
    migrated: Size | None = None
    vacuumed: Size | None = None
    fresh: Size | None = None
    write_before_s: float = 0.0
    write_fresh_s: float = 0.0
    migrate_s: float = 0.0
    vacuum_s: float = 0.0
    search_before_ms: dict[str, float] = field(default_factory=dict)
    search_fresh_ms: dict[str, float] = field(default_factory=dict)


def _size(path: Path) -> Size:
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0] * page_size
        try:
            rows = conn.execute(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
            ).fetchall()
        except sqlite3.OperationalError:  # SQLite built without dbstat
            rows = []
    finally:
        conn.close()
    return Size(path.stat().st_size, free, {name: int(size) for name, size in rows})


def _median_ms(run: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def _old_search(conn: sqlite3.Connection, term: str) -> list[tuple[str, ...]]:
    """The old release's search: a phrase MATCH (three characters or more) or LIKE over the
    full-text table's own copy of the text, ranked, 20 hits with snippets."""
    if len(term) >= 3:
        return conn.execute(
            "SELECT n.id, n.url, snippet(notices_fts, -1, '[', ']', '…', 24)"
            " FROM notices_fts AS f JOIN notices AS n ON n.page_id = f.rowid"
            " WHERE notices_fts MATCH ? ORDER BY rank, n.published_at DESC LIMIT 20",
            ('"' + term + '"',),
        ).fetchall()
    pattern = f"%{term}%"
    return conn.execute(
        "SELECT n.id, n.url, f.body FROM notices_fts AS f JOIN notices AS n"
        " ON n.page_id = f.rowid WHERE f.title LIKE ? OR f.body LIKE ?"
        " ORDER BY n.published_at DESC LIMIT 20",
        (pattern, pattern),
    ).fetchall()


def bench(count: int, work: Path, log: bool) -> Result:
    result = Result(count)

    def say(message: str) -> None:
        if log:
            print(f"# N={count}: {message}", file=sys.stderr, flush=True)

    before, fresh = work / "before.db", work / "fresh.db"
    say("writing the old release's store …")
    start = time.perf_counter()
    conn = create_v4_store(before)
    for url, notice in _notices(count):
        record_v4_notice(conn, SITE, url, notice.to_dict(), NOW, raw_sha256="0" * 64)
    conn.close()
    result.write_before_s = time.perf_counter() - start
    result.before = _size(before)
    conn = sqlite3.connect(before)
    for term, _ in SEARCHES:
        result.search_before_ms[term] = _median_ms(lambda: _old_search(conn, term))  # noqa: B023
    conn.close()

    say("migrating it …")
    start = time.perf_counter()
    StateStore.open(before).close()
    result.migrate_s = time.perf_counter() - start
    result.migrated = _size(before)
    start = time.perf_counter()
    conn = sqlite3.connect(before)
    conn.execute("VACUUM")
    conn.close()
    result.vacuum_s = time.perf_counter() - start
    result.vacuumed = _size(before)

    say("writing a fresh store …")
    start = time.perf_counter()
    with StateStore.open(fresh) as store:
        for url, notice in _notices(count):
            change = store.record_notice(SITE, url, notice, raw_sha256="0" * 64)
            store.mark_emitted(change.notice_id, change.revision)
    result.write_fresh_s = time.perf_counter() - start
    result.fresh = _size(fresh)
    with StateStore.open(fresh) as store:
        for term, _ in SEARCHES:
            result.search_fresh_ms[term] = _median_ms(lambda: store.search(term))  # noqa: B023
    return result


@contextlib.contextmanager
def _workdir(keep: Path | None, count: int) -> Iterator[Path]:
    if keep is not None:
        path = keep / f"n{count}"
        path.mkdir(parents=True, exist_ok=True)
        for old in path.iterdir():
            if old.is_file():
                old.unlink()
        yield path
    else:
        with tempfile.TemporaryDirectory(prefix="store-bench-") as name:
            yield Path(name)


def report(results: list[Result]) -> list[str]:
    lines = [f"SQLite {sqlite3.sqlite_version}, page size 4096", ""]
    for res in results:
        n = res.notices
        assert res.before and res.migrated and res.vacuumed and res.fresh
        lines += [
            f"N={n} notices",
            f"  {'store':<22} {'bytes/notice':>12} {'file MB':>8} {'free MB':>8} {'seconds':>8}",
        ]
        for name, size, seconds in (
            ("before (schema 4)", res.before, res.write_before_s),
            ("migrated in place", res.migrated, res.migrate_s),
            ("migrated + VACUUM", res.vacuumed, res.vacuum_s),
            ("fresh (this release)", res.fresh, res.write_fresh_s),
        ):
            lines.append(
                f"  {name:<22} {size.file_bytes / n:>12.0f} {size.file_bytes / 2**20:>8.1f}"
                f" {size.free_bytes / 2**20:>8.1f} {seconds:>8.1f}"
            )
        lines.append("  (seconds: writing the store, the migration, the VACUUM, writing it)")
        lines.append("  where the bytes go, per notice (dbstat):")
        names = sorted(
            set(res.before.tables) | set(res.fresh.tables),
            key=lambda t: -max(res.before.tables.get(t, 0), res.fresh.tables.get(t, 0)),
        )
        lines.append(f"    {'table or index':<36} {'before':>8} {'vacuumed':>9} {'fresh':>8}")
        for name in names[:12]:
            values = [s.tables.get(name) for s in (res.before, res.vacuumed, res.fresh)]
            lines.append(
                f"    {name:<36} "
                + " ".join(
                    f"{'—' if v is None else f'{v / n:.0f}':>{w}}"
                    for v, w in zip(values, (8, 9, 8), strict=True)
                )
            )
        lines.append("  search, median of 5, ms (old: phrase MATCH ranked; new: noticecli search)")
        for term, what in SEARCHES:
            lines.append(
                f"    {term:<8} {what:<28} old {res.search_before_ms[term]:>7.1f}"
                f"   new {res.search_fresh_ms[term]:>7.1f}"
            )
        per_fresh = res.fresh.file_bytes / n
        per_vacuumed = res.vacuumed.file_bytes / n
        verdict = "met" if max(per_fresh, per_vacuumed) <= TARGET_BYTES else "MISSED"
        lines += [
            f"  target ≤ {TARGET_BYTES} bytes per notice: fresh {per_fresh:.0f}, migrated and"
            f" vacuumed {per_vacuumed:.0f}: {verdict}"
            + ("" if n == 20000 else " (the target is stated at N = 20 000)"),
            "",
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--notices", type=int, nargs="+", default=[2000, 20000], metavar="N", help="[2000 20000]"
    )
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the stores in DIR/nN")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    if min(args.notices) < 1:
        parser.error("--notices must be at least 1")
    results = []
    for count in args.notices:
        with _workdir(args.keep, count) as work:
            results.append(bench(count, work, log=not args.json))
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2))
    else:
        print("\n".join(report(results)))


if __name__ == "__main__":
    main()
