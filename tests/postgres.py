"""A throwaway PostgreSQL server for the tests: Debian's server binaries, a cluster in a
temporary folder, listening on a unix socket in that folder only (no TCP port at all).

:func:`start_server` finds the binaries (``$NOTICECLI_PG_BINDIR``, ``pg_config --bindir``,
``/usr/lib/postgresql/*/bin`` newest first, then ``PATH``), runs ``initdb`` and
``pg_ctl start``, and gives a :class:`PostgresServer`; its :meth:`~PostgresServer.stop`
stops the cluster (``pg_ctl stop -m fast``, ``immediate`` if that hangs) and removes the
folder. A session killed before its teardown (SIGKILL, a CI time-out) leaves its cluster
running: the next :func:`start_server` stops it, knowing it by the test process named in
its ``owner.pid`` being gone. PostgreSQL refuses to run as root: when the tests run as root (sessions and CI do),
every server command runs as the ``postgres`` user (``runuser -u postgres --``), and the
folder is given to that user. Clients connect as the cluster's superuser ``postgres``
(``trust`` on the socket: nothing but this machine's root and that user can reach it).

The fixtures in ``tests/conftest.py``: ``postgres_server`` (one cluster per test session,
skipped with the reason when no server binary is found) and ``postgres_url`` (a fresh,
empty database per test, ``CREATE DATABASE … TEMPLATE template0``, dropped afterwards).
``.ci/run`` installs Debian's ``postgresql`` when it is missing.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

SERVER_USER = "postgres"  # the OS user that runs the server when the tests run as root
SUPERUSER = "postgres"  # the cluster's superuser, whom the tests connect as
PORT = 5432  # names the socket file only: nothing listens on TCP
_START_TIMEOUT = 60
_names = itertools.count(1)


class NoServer(Exception):
    """No PostgreSQL server binaries here, or the cluster would not start (the message says
    which)."""


def find_bindir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or ``None``."""
    candidates: list[Path] = []
    if os.environ.get("NOTICECLI_PG_BINDIR"):
        candidates.append(Path(os.environ["NOTICECLI_PG_BINDIR"]))
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
            candidates.append(Path(out))

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))

    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    candidates += debian
    initdb = shutil.which("initdb")
    if initdb is not None:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


@dataclass
class PostgresServer:
    """A running throwaway cluster. ``socket_dir`` is where its socket is."""

    bindir: Path
    root: Path  # the temporary folder: data/, the socket, the log
    as_user: list[str]  # the command prefix that runs a server binary as its OS user
    _databases: list[str] = field(default_factory=list)
    _stopped: bool = False

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_path(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres") -> str:
        """The connection URL of ``database`` (libpq's form: the socket folder as ``host``)."""
        host = quote(str(self.socket_dir), safe="")
        return f"postgresql://{SUPERUSER}@/{database}?host={host}&port={PORT}"

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        self._databases.append(name)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`create_database` (connections to it are ended)."""
        import psycopg

        name = url.split("/")[3].split("?")[0]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        with contextlib.suppress(ValueError):
            self._databases.remove(name)

    def pg_ctl(
        self, *args: str, timeout: float = _START_TIMEOUT
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
            check=False,
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the cluster and remove its folder (safe to call twice)."""
        if self._stopped:
            return
        self._stopped = True
        try:
            if (self.data_dir / "postmaster.pid").exists():
                try:
                    self.pg_ctl("stop", "-m", mode, "-w", "-t", "30", timeout=40)
                except subprocess.TimeoutExpired:
                    self.pg_ctl("stop", "-m", "immediate", "-w", timeout=20)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _as_user() -> list[str]:
    """How to run a server binary: as ``postgres`` when we are root."""
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise NoServer("running as root and runuser is missing: cannot run PostgreSQL")
    try:
        import pwd

        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise NoServer(f"running as root and there is no {SERVER_USER!r} user") from None
    return [runuser, "-u", SERVER_USER, "--"]


OWNER_FILE = "owner.pid"  # the test process that started the cluster


def stop_orphans(bindir: Path, as_user: list[str]) -> list[Path]:
    """Stop and remove the clusters left by test sessions that were killed before their
    teardown (their owner process is gone); returns their folders. A cluster whose owner
    is unknown or alive is left alone."""
    stopped = []
    for root in Path("/tmp").glob("noticecli-pg-*"):
        try:
            owner = int((root / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        try:
            os.kill(owner, 0)
            continue  # its session is still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        PostgresServer(bindir, root, as_user).stop(mode="immediate")
        stopped.append(root)
    return stopped


def start_server(bindir: Path | None = None) -> PostgresServer:
    """initdb and start a cluster in a new temporary folder (after stopping those that
    killed test sessions left behind); raises :class:`NoServer`."""
    bindir = bindir or find_bindir()
    if bindir is None:
        raise NoServer(
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found: install Debian's "
            "postgresql package (.ci/run does) or set NOTICECLI_PG_BINDIR"
        )
    as_user = _as_user()
    stop_orphans(bindir, as_user)
    # A short path: a unix socket's path is limited to about 100 bytes.
    root = Path(tempfile.mkdtemp(prefix="noticecli-pg-", dir="/tmp"))
    server = PostgresServer(bindir, root, as_user)
    try:
        if as_user:
            import pwd

            entry = pwd.getpwnam(SERVER_USER)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        root.chmod(0o700)
        (root / OWNER_FILE).write_text(f"{os.getpid()}\n")
        initdb = subprocess.run(
            [
                *as_user,
                str(bindir / "initdb"),
                "-D",
                str(server.data_dir),
                "--username",
                SUPERUSER,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                # Sorting as C does; characters classed as Unicode says, so that pg_trgm
                # reads Chinese (under LC_CTYPE=C it sees no trigram in 安全生产).
                "--locale",
                "C.UTF-8",
                "--no-sync",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=root,
            check=False,
        )
        if initdb.returncode != 0:
            raise NoServer(f"initdb failed: {initdb.stderr.strip() or initdb.stdout.strip()}")
        options = " ".join(
            (
                "-c listen_addresses=''",  # no TCP: the socket below only
                f"-k {root}",
                f"-p {PORT}",
                "-c max_connections=200",  # several workers, each with a few connections
                # A throwaway cluster: durability is not wanted, speed is.
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
            )
        )
        started = server.pg_ctl(
            "-l", str(server.log_path), "-o", options, "-w", "-t", str(_START_TIMEOUT), "start"
        )
        if started.returncode != 0:
            log = (
                server.log_path.read_text("utf-8", "replace")[-2000:]
                if server.log_path.exists()
                else ""
            )
            raise NoServer(f"pg_ctl start failed: {started.stderr.strip()} {log.strip()}")
    except BaseException:
        server.stop()
        raise
    atexit.register(server.stop)  # also when the session ends without its teardown
    return server
