"""What an idle ``noticecli worker`` costs the database: transactions per second on the
store's database while one worker waits for work (no job queued), read from
``pg_stat_database.xact_commit`` over ``--seconds`` seconds, once per ``--concurrency``.

A throwaway PostgreSQL cluster (tests/postgres.py: Debian's server, a temporary folder, a
unix socket) holds the store; nothing is fetched.

    python bench/worker_idle.py [--concurrency 1 4] [--seconds 10]
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from tests.postgres import start_server  # noqa: E402


def commits(url: str, database: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = %s", (database,)
        ).fetchone()
    assert row is not None
    return int(row[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    server = start_server()
    try:
        url = server.create_database()
        database = url.split("/")[3].split("?")[0]
        for concurrency in args.concurrency:
            command = [sys.executable, "-m", "noticecli", "worker", "--db", url]
            worker = subprocess.Popen(
                [*command, "--concurrency", str(concurrency)], cwd=ROOT, stderr=subprocess.PIPE
            )
            try:
                time.sleep(5)  # started, waiting for work
                before = commits(url, database)
                time.sleep(args.seconds)
                # The second reading's own transaction is left out.
                rate = (commits(url, database) - before - 1) / args.seconds
            finally:
                worker.send_signal(signal.SIGTERM)
                worker.communicate(timeout=60)
            print(f"concurrency {concurrency}: {rate:.1f} transactions/s while idle")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
