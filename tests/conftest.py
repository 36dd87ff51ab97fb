from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres import NoServer, PostgresServer, start_server
from tests.stores import HandClock

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
PAGES = FIXTURES / "pages"
EXPECTED = FIXTURES / "expected"
# The shared folder sits beside the checkout (../shared), in development and in CI.
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "anhui-rfb-2020-05-06.txt"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seed is not present")
    return SEED.read_text("utf-8")


# --- a throwaway PostgreSQL (tests/postgres.py) ---------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway cluster for the session (skipped, with the reason, when no PostgreSQL
    server can be found or started; the driver is in the test extra)."""
    pytest.importorskip("psycopg", reason="psycopg is missing: pip install -e '.[test]'")
    try:
        server = start_server()
    except NoServer as error:
        pytest.skip(f"no PostgreSQL for these tests: {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database for one test: its connection URL."""
    url = postgres_server.create_database()
    try:
        yield url
    finally:
        postgres_server.drop_database(url)


@pytest.fixture
def clock() -> HandClock:
    """A clock a store test moves by hand."""
    return HandClock()
