"""Backups of a SQLite database, and putting one back.

A copy is made with SQLite's online backup API in one step: one read transaction, so it is the
database as of one commit even while the server keeps writing (WAL lets writers go on meanwhile).
A plain copy of the file would miss what still sits in the `-wal` file, or catch a half-written
page. The copy is written under a temporary name, checked (`PRAGMA integrity_check`), and only
then renamed to its final name, so a file named `kedai-<UTC time>Z.db` is always a whole, sound
database. The names sort by time; rotation keeps the newest N.

Every error says what to do: the CLI prints it as it is, the scheduled job logs it.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.migrate import head_revisions, known_revisions

STAMP = "%Y%m%d-%H%M%S"
# kedai-20261206-231640Z.db (SQLite) or .dump (pg_dump); -2, -3 when two are taken in one second.
NAME = re.compile(r"^kedai-(\d{8}-\d{6})Z(?:-(\d+))?\.(db|dump)$")
MEDIA_SUFFIX = "-media.tar"
PART_KEEP_SECONDS = 3600  # a temporary file older than this is what a crash mid-backup left
SQLITE_HEADER = b"SQLite format 3\x00"
KEDAI_TABLES = ("shops", "orders", "products")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    number: int  # 1, or 2, 3 for a second, third backup within the same second

    @property
    def media(self) -> Path:
        return media_archive_of(self.path)


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL (relative to the working directory, as the engine opens
    it); None for any other database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError(f"{url} is an in-memory database: there is nothing on disk to back up or restore")
    return Path(parsed.database)


def media_archive_of(backup: Path) -> Path:
    """The media archive taken with a backup: kedai-<stamp>-media.tar next to it."""
    base = backup.name.rsplit(".", 1)[0] if NAME.match(backup.name) else backup.name
    return backup.with_name(base + MEDIA_SUFFIX)


def new_name(folder: Path, now: datetime, ext: str) -> Path:
    """A file name for a backup taken now that no backup in folder has yet."""
    stamp = now.astimezone(timezone.utc).strftime(STAMP)
    for number in range(1, 1000):
        path = folder / (f"kedai-{stamp}Z.{ext}" if number == 1 else f"kedai-{stamp}Z-{number}.{ext}")
        if not path.exists() and not media_archive_of(path).exists():
            return path
    raise BackupError(f"{folder} already holds 999 backups taken at {stamp}: remove some, or wait a second")


def backups(folder: Path) -> list[Backup]:
    """The backups in folder, oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        matched = NAME.match(path.name)
        if matched and path.is_file():
            taken = datetime.strptime(matched[1], STAMP).replace(tzinfo=timezone.utc)
            found.append(Backup(path, taken, int(matched[2] or 1)))
    return sorted(found, key=lambda b: (b.taken_at, b.number))


def rotate(folder: Path, keep: int) -> list[Path]:
    """Deletes the oldest backups (and their media archives) beyond the newest `keep`, and what a
    backup that crashed midway left; returns the backups deleted."""
    if keep < 1:
        raise BackupError(f"--keep {keep}: keep at least 1 backup (the newest), e.g. --keep 7")
    found = backups(folder)
    removed = []
    for old in found[:-keep]:
        old.media.unlink(missing_ok=True)
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    cutoff = time.time() - PART_KEEP_SECONDS
    for part in folder.glob(".kedai-*.part"):
        if part.stat().st_mtime < cutoff:
            part.unlink(missing_ok=True)
    return removed


def part_of(path: Path) -> Path:
    """The temporary name a file is written under until it is complete."""
    return path.with_name(f".{path.name}.part")


def publish(part: Path, path: Path, like: os.stat_result | None = None) -> None:
    """part becomes path, durably: its bytes on disk first, then the rename. Only its owner may
    read it (a backup holds customers' names, phone numbers and addresses), or whoever could read
    the file `like` it replaces, owned as that was (a restore run with sudo for a service user)."""
    os.chmod(part, 0o600 if like is None else like.st_mode & 0o777)
    if like is not None and hasattr(os, "chown"):
        try:
            os.chown(part, like.st_uid, like.st_gid)
        except PermissionError:  # not root: the file is ours, as the one it replaces was
            pass
    with open(part, "rb") as f:
        os.fsync(f.fileno())
    os.replace(part, path)
    try:
        directory = os.open(path.parent, os.O_RDONLY)
    except OSError:  # not every platform opens directories; the rename is still atomic
        return
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def backup_sqlite(db: Path, dest: Path) -> None:
    """A consistent copy of the database at db, checked, at dest."""
    if not db.is_file():
        raise BackupError(f"no database at {db.resolve()}: nothing to back up. Run this in the folder `kedai serve` "
                          "runs in, with the same KEDAI_DATABASE_URL (or .env file)")
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = part_of(dest)
    source = sqlite3.connect(str(db), timeout=30)
    try:
        _copy(source, part, check=True)
    finally:
        source.close()
    publish(part, dest)


def _copy(source: sqlite3.Connection, part: Path, *, check: bool) -> None:
    """The whole of `source` into `part` as one self-contained file (no -wal beside it); `part`
    is removed if anything fails."""
    try:
        copy = sqlite3.connect(str(part))
        try:
            # pages=-1 (the default): every page in one step under one read transaction; done in
            # steps, each commit of the server would restart the copy from the beginning.
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            if check:
                _check(copy, part)
        finally:
            copy.close()
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _check(db: sqlite3.Connection, path: Path) -> None:
    found = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if found != ["ok"]:
        raise BackupError(f"the copy at {path} fails SQLite's integrity check ({'; '.join(found[:3])}): the database "
                          "itself may be damaged. Keep the server's kedai.db as it is and restore the last good backup")


def _open_given(file: Path) -> sqlite3.Connection:
    """A file given to restore, opened to read. Not read-only (`mode=ro`): a database in WAL mode
    (a `kedai.db.replaced-...` put back) then leaves -wal and -shm files behind; a read-write
    connection only reads here, and tidies those away when it closes."""
    return sqlite3.connect(str(file), timeout=30)


def check_kedai(file: Path) -> str:
    """The migration revision of the Kedai database in file; BackupError saying what is wrong
    when it is not a sound Kedai database that this version of Kedai can bring up to date."""
    if not file.is_file():
        raise BackupError(f"no file {file}: give the path of a backup, e.g. data/backups/kedai-20261206-020000Z.db")
    with open(file, "rb") as f:
        if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{file} is not a SQLite database: give a backup made by `kedai db backup` "
                              "(kedai-<time>Z.db); a PostgreSQL dump goes back with pg_restore")
    db = _open_given(file)
    try:
        _check(db, file)
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in ("alembic_version", *KEDAI_TABLES) if t not in tables]
        if missing:
            raise BackupError(f"{file} is a SQLite database but not Kedai's (no {', '.join(missing)} table): "
                              "give a backup made by `kedai db backup`")
        revisions = [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{file} cannot be read as a database ({exc}): give a backup made by `kedai db backup`") from exc
    finally:
        db.close()
    if len(revisions) != 1:
        raise BackupError(f"{file} records {len(revisions)} migration revisions, not one: it is no database "
                          "`kedai db backup` made; give another backup")
    if revisions[0] not in known_revisions():
        raise BackupError(f"{file} is at migration {revisions[0]}, which this Kedai does not know: it was made by a "
                          "newer version. Update this install first (git pull, make install), then restore")
    return revisions[0]


def is_head(revision: str) -> bool:
    return revision in head_revisions()


def restore_sqlite(file: Path, target: Path, now: datetime) -> Path | None:
    """The database at target becomes a copy of file (checked by check_kedai before); the one
    it replaces, with its -wal and -shm files, is renamed aside. Returns that aside name, or
    None when there was no database at target."""
    if target.exists() and file.resolve() == target.resolve():
        raise BackupError(f"{file} is the database itself: give a backup file, e.g. one in data/backups/")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.restoring")
    part.unlink(missing_ok=True)
    source = _open_given(file)
    try:
        _copy(source, part, check=False)  # check_kedai checked it before the restore began
    finally:
        source.close()
    like = target.stat() if target.exists() else None
    aside = _aside_name(target, now)
    moved = False
    # All three together: SQLite opens aside with aside-wal, so the set stays a readable database,
    # and no -wal of the old database is left for the restored one to replay.
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{target}{suffix}")
        if old.exists():
            os.replace(old, f"{aside}{suffix}")
            moved = True
    publish(part, target, like)
    return aside if moved else None


def _aside_name(target: Path, now: datetime) -> Path:
    """kedai.db.replaced-<UTC time>Z, never one already there (two restores in one second)."""
    stamp = now.astimezone(timezone.utc).strftime(STAMP)
    for number in range(1, 1000):
        aside = target.with_name(f"{target.name}.replaced-{stamp}Z" + (f"-{number}" if number > 1 else ""))
        if not any(Path(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
            return aside
    raise BackupError(f"999 databases replaced at {stamp} are kept next to {target}: delete some, then restore again")
