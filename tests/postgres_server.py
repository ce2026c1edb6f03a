"""A throwaway PostgreSQL server for the tests: a new cluster in a temporary folder, on a free port of 127.0.0.1.

The pytest session starts one when BRIEFINGS_TEST_POSTGRES_URL is not set (tests/conftest.py); the command line
(`scripts/postgres-test-server`) installs the server, or runs a command with one started around it:

    scripts/postgres-test-server install             # apt-get install postgresql when no server binaries are found
    scripts/postgres-test-server run -- pytest -q    # start, export BRIEFINGS_TEST_POSTGRES_URL, run, stop

initdb and postgres refuse to run as root, so as root they run as the unprivileged system user SERVER_USER (made
when missing). The role's password is random, per server, and never printed: messages show the URL masked.
"""

from __future__ import annotations

import argparse
import glob
import grp
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "briefings-pg"  # the system user the server runs as when the tests run as root
ROLE = "briefings"
DATABASE = "briefings"
ENV_VAR = "BRIEFINGS_TEST_POSTGRES_URL"
START_TIMEOUT_S = 60
SPEED_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")  # a throwaway cluster: no durability


class ServerError(RuntimeError):
    """The test server cannot be installed or started; the message says why and what to do."""


@dataclass
class Account:
    """Who runs the server: the current user, or SERVER_USER when we are root."""

    uid: int | None
    gid: int | None

    def run(self, command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run a server binary as this account, its output captured for error messages."""
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "HOME": str(cwd)}
        return subprocess.run(
            command,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S + 30,
            user=self.uid,
            group=self.gid,
            extra_groups=[] if self.uid is not None else None,  # drop root's groups too
        )

    def own(self, path: Path) -> None:
        """Give a folder to this account."""
        if self.uid is not None and self.gid is not None:
            os.chown(path, self.uid, self.gid)


def binaries_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: on PATH, else Debian's newest /usr/lib/postgresql/N/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


def install() -> Path:
    """Install Debian's postgresql package when no server binaries are found; the binaries' folder."""
    found = binaries_dir()
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise ServerError(
            "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin: install "
            "Debian's `postgresql` package (apt-get install postgresql), or set BRIEFINGS_TEST_POSTGRES_URL "
            "to a server of your own"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, stdout=subprocess.DEVNULL, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, stdout=subprocess.DEVNULL, env=env)
    found = binaries_dir()
    if not found:
        raise ServerError("apt-get installed postgresql, yet no initdb was found in /usr/lib/postgresql/*/bin")
    return found


def server_account() -> Account:
    """The current user, or (as root) SERVER_USER, made as a system user without a home or shell when missing."""
    if os.geteuid() != 0:
        return Account(None, None)
    try:
        entry = pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(SERVER_USER)
    grp.getgrgid(entry.pw_gid)  # the user's group exists: setgid would fail late otherwise
    return Account(entry.pw_uid, entry.pw_gid)


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TestServer:
    """One throwaway cluster: `start()` gives its URL, `stop()` ends the server and deletes its folder."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self) -> None:
        self.bin = install()
        self.account = server_account()
        self.root = Path(tempfile.mkdtemp(prefix="briefings-pg-"))
        self.root.chmod(0o755)  # the server user must reach its data folder inside
        self.data = self.root / "data"
        self.port = 0
        self.password = secrets.token_urlsafe(24)
        self.started = False

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the test database (holds the password: mask it before showing it)."""
        return f"postgresql+psycopg://{ROLE}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    def start(self) -> str:
        """Make the cluster, start the server on a free port and create the test database; its URL."""
        try:
            self._init_cluster()
            self._start_server()
            self._create_database()
        except BaseException:
            self.stop()
            raise
        return self.url

    def _init_cluster(self) -> None:
        password_file = self.root / "pw"
        password_file.write_text(self.password + "\n")
        self.account.own(self.root)
        self.account.own(password_file)
        done = self.account.run(
            [
                str(self.bin / "initdb"),
                f"--pgdata={self.data}",
                f"--username={ROLE}",
                f"--pwfile={password_file}",
                "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            self.root,
        )
        password_file.unlink()
        if done.returncode != 0:
            raise ServerError(f"initdb failed in {self.data}: {_tail(done.stdout + done.stderr)}")

    def _start_server(self) -> None:
        for _attempt in range(3):  # another process may take the free port between probe and start
            self.port = free_port()
            done = self.account.run(
                [
                    str(self.bin / "pg_ctl"),
                    "start",
                    "--wait",
                    f"--timeout={START_TIMEOUT_S}",
                    f"--pgdata={self.data}",
                    f"--log={self.root / 'server.log'}",
                    f"--options={self._server_options()}",
                ],
                self.root,
            )
            if done.returncode == 0:
                self.started = True
                return
        log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
        raise ServerError(f"PostgreSQL did not start on 127.0.0.1:{self.port}: {_tail(done.stderr + log)}")

    def _server_options(self) -> str:
        settings = [f"port={self.port}", "listen_addresses=127.0.0.1", f"unix_socket_directories={self.root}"]
        return " ".join(f"-c {setting}" for setting in [*settings, *SPEED_SETTINGS])

    def _create_database(self) -> None:
        """The test database, by the server's own createdb (the password passed in its environment, never argv)."""
        done = subprocess.run(
            [str(self.bin / "createdb"), "--host=127.0.0.1", f"--port={self.port}", f"--username={ROLE}", DATABASE],
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PGPASSWORD": self.password, "LC_ALL": "C"},
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S,
        )
        if done.returncode != 0:
            raise ServerError(f"createdb {DATABASE} failed on 127.0.0.1:{self.port}: {_tail(done.stderr)}")

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its folder."""
        if self.started:
            self.account.run([str(self.bin / "pg_ctl"), "stop", "--mode=fast", f"--pgdata={self.data}"], self.root)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)


def _tail(text: str, lines: int = 8) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:]) or "no output"


def _masked(url: str) -> str:
    """The URL with its password as ***: this module runs before the project's dependencies are installed."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def main(argv: list[str] | None = None) -> int:
    """`install`, or `run -- COMMAND...`: a server around one command, its URL in BRIEFINGS_TEST_POSTGRES_URL."""
    parser = argparse.ArgumentParser(prog="postgres-test-server", description=main.__doc__)
    parser.add_argument("action", choices=["install", "run"])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="for run: the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    try:
        if args.action == "install":
            print(f"postgres-test-server: server binaries in {install()}")
            return 0
        if not command:
            parser.error("run needs a command after --, e.g. run -- pytest -q")
        if os.environ.get(ENV_VAR):
            print(f"postgres-test-server: using {_masked(os.environ[ENV_VAR])} from {ENV_VAR}", flush=True)
            return subprocess.run(command).returncode
        server = TestServer()
        url = server.start()
    except (ServerError, subprocess.SubprocessError, OSError) as exc:
        print(f"postgres-test-server: {exc}", file=sys.stderr)
        return 1
    try:
        print(f"postgres-test-server: {_masked(url)} (data in {server.root})", flush=True)
        return subprocess.run(command, env={**os.environ, ENV_VAR: url}).returncode
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
