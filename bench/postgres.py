"""A throwaway PostgreSQL server in a temporary folder, for the tests and `make bench`.

Uses Debian's PostgreSQL (`make system-packages` installs it as root). PostgreSQL refuses to run
as root, so as root the folder is given to the `postgres` user and the server runs as that user.
The server listens on 127.0.0.1 only, on a free port, trusts local connections (nothing but
this machine's tests can reach it) and is stopped and deleted by the ``with`` block that made it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .servers import free_port

INSTALL_HINT = "PostgreSQL is not installed: run `make system-packages` as root (Debian's postgresql)"


def bin_dir() -> Path | None:
    """Debian keeps initdb and pg_ctl in /usr/lib/postgresql/<version>/bin, off the PATH: take the newest."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


@dataclass
class PostgresServer:
    folder: Path
    port: int
    binaries: Path
    user: str | None  # who runs the server: "postgres" when we are root, else ourselves (None)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, *command: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.binaries / command[0]), *command[1:]], user=self.user, cwd=self.folder,
                              capture_output=True, text=True, check=True)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=100"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w",
                 "-t", "30", "start")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def new_database(self) -> str:
        """A fresh, empty database on this server (one per test); its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(self.url.replace("+psycopg", ""), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url.rsplit("/", 1)[0] + "/" + name

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""


@contextlib.contextmanager
def postgresql() -> Iterator[PostgresServer]:
    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError(INSTALL_HINT)
    folder = Path(tempfile.mkdtemp(prefix="dp-postgres-"))  # under /tmp, which the postgres user can reach
    user = "postgres" if os.geteuid() == 0 else None
    if user:
        account = pwd.getpwnam(user)
        os.chown(folder, account.pw_uid, account.pw_gid)
    server = PostgresServer(folder, free_port(), binaries, user)
    try:
        server.run("initdb", "-D", str(server.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync",
                   "--no-instructions")
        server.start()
        yield server
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr}\n{server.log()[-2000:]}") from error
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
