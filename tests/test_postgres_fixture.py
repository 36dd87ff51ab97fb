"""The throwaway PostgreSQL the store's tests use (tests/postgres.py): a cluster on a socket
in its own folder, a fresh database per test, everything removed when it stops."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.postgres import OWNER_FILE, PostgresServer, find_bindir, start_server, stop_orphans

psycopg = pytest.importorskip("psycopg")


def test_each_test_gets_a_fresh_empty_database(postgres_server: PostgresServer) -> None:
    first, second = postgres_server.create_database(), postgres_server.create_database()
    try:
        assert first != second
        with psycopg.connect(first) as conn:
            conn.execute("CREATE TABLE t (x int)")
        with psycopg.connect(second) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()
            assert tables == (0,)
            assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)
            # pg_trgm, which the store's search needs, is there.
            conn.execute("CREATE EXTENSION pg_trgm")
            assert conn.execute("SELECT '安全生产' % '安全生产检查'").fetchone() == (True,)
    finally:
        postgres_server.drop_database(first)
        postgres_server.drop_database(second)


def test_listens_on_its_socket_only(postgres_server: PostgresServer) -> None:
    with psycopg.connect(postgres_server.url()) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("",)
        assert conn.execute("SHOW unix_socket_directories").fetchone() == (
            str(postgres_server.socket_dir),
        )


def test_stopping_removes_the_cluster() -> None:
    if find_bindir() is None:
        pytest.skip("no PostgreSQL server binaries")
    server = start_server()
    url = server.create_database()
    assert (server.socket_dir / ".s.PGSQL.5432").exists()
    server.stop()
    assert not server.root.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=5)
    server.stop()  # twice is fine


def test_a_cluster_left_by_a_killed_session_is_stopped_by_the_next() -> None:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries")
    left = start_server(bindir)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    (left.root / OWNER_FILE).write_text(dead.stdout)  # as if its session had been killed
    alive = start_server(bindir)  # the owner (this process) is alive: left alone
    try:
        assert not left.root.exists()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(left.url(), connect_timeout=5)
        assert stop_orphans(bindir, alive.as_user) == []
        with psycopg.connect(alive.url()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        left.stop()
        alive.stop()
