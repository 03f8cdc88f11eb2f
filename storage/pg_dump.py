"""Backups of a PostgreSQL database: pg_dump is the tool, run with the configured URL's host,
port, user and database (the password goes in the environment, never on a command line anyone
can read in `ps` or a log). The dump is PostgreSQL's custom format, which pg_restore reads."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from storage.backup import BackupError, part_of, publish

TIMEOUT_SECONDS = 3600
INSTALL_HINT = ("install PostgreSQL's client tools (Debian: `sudo apt-get install postgresql-client`, "
                "of the server's major version or newer)")


def _schema(url: URL) -> str | None:
    """The schema a `?options=-csearch_path=...` URL keeps Kedai's tables in, if any."""
    options = url.query.get("options")
    found = re.search(r"-c\s*search_path=([A-Za-z0-9_]+)", options if isinstance(options, str) else " ".join(options or ()))
    return found[1] if found else None


def _connection(url: URL) -> list[str]:
    args = [f"--host={url.host or 'localhost'}", f"--port={url.port or 5432}"]
    if url.username:
        args.append(f"--username={url.username}")
    return args


def dump_command(url: str, dest: Path) -> list[str]:
    """pg_dump's arguments for the database at url into dest, without the password."""
    parsed = make_url(url)
    args = ["pg_dump", "--format=custom", "--no-owner", f"--file={dest}", *_connection(parsed)]
    if schema := _schema(parsed):
        args.append(f"--schema={schema}")
    return [*args, f"--dbname={parsed.database}"]


def restore_command(url: str, file: str) -> str:
    """The pg_restore command that puts a dump back into the database at url (shown, not run)."""
    parsed = make_url(url)
    args = ["pg_restore", "--clean", "--if-exists", "--no-owner", *_connection(parsed),
            f"--dbname={parsed.database}", file]
    return shlex.join(args)


def shown(args: list[str]) -> str:
    return shlex.join(args)


def _environment(url: str) -> dict[str, str]:
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    sslmode = parsed.query.get("sslmode")
    if isinstance(sslmode, str):
        env["PGSSLMODE"] = sslmode
    return env


def run_pg_dump(url: str, dest: Path) -> bool:
    """The database at url dumped into dest (under a temporary name until pg_dump has finished and
    pg_restore, where installed, has read it back: then True); BackupError saying what to do otherwise."""
    part = part_of(dest)
    command = dump_command(url, part)
    if shutil.which("pg_dump") is None:
        raise BackupError("this install uses PostgreSQL, which pg_dump backs up, and pg_dump is not installed here: "
                          f"{INSTALL_HINT}, or run on a machine that has it: "
                          f"{shown(dump_command(url, dest))} (the password from PGPASSWORD or ~/.pgpass)")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(command, env=_environment(url), capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        if done.returncode != 0:
            raise BackupError(f"pg_dump failed ({done.stderr.strip()[:500]}): check that "
                              f"`{shown(dump_command(url, dest))}` works "
                              "(the password from KEDAI_DATABASE_URL, PGPASSWORD or ~/.pgpass)")
        checked = shutil.which("pg_restore") is not None
        if checked:  # the dump reads back: a cheap check it is whole
            listed = subprocess.run(["pg_restore", "--list", str(part)], capture_output=True, text=True,
                                    timeout=TIMEOUT_SECONDS)
            if listed.returncode != 0:
                raise BackupError(f"the dump at {part} does not read back ({listed.stderr.strip()[:300]}): "
                                  "check the disk, then run the backup again")
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    publish(part, dest)
    return checked
