"""Backups: one taken now (`kedai db backup`), and the daily one the server takes when
KEDAI_BACKUP_DIR is set.

A backup is the database (SQLite: a checked copy made while the server runs; PostgreSQL: a
pg_dump) and, next to it, the data dir's media (product photos, the QRIS picture, payment
proofs): a shop restored without them would show none of its pictures.

The daily job reads what is due from the folder itself: a backup is due when the newest one
there is older than today's KEDAI_BACKUP_HOUR (shop time), so a restart, a missed hour or a
second process neither skips nor repeats a day, and a backup taken by hand counts. It is led
(one process runs it) and its work runs on a thread of its own, off the event loop and off the
database thread the messages use."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from config import Settings
from media.archive import FOLDER, archive
from scheduler.runner import Job
from storage.backup import BackupError, backup_sqlite, backups, media_archive_of, new_name, part_of, publish, rotate, sqlite_path
from storage.pg_dump import run_pg_dump

log = logging.getLogger(__name__)

EVERY_SECONDS = 600.0  # how often the job looks whether the day's backup is due


@dataclass(frozen=True)
class Taken:
    database: Path
    media: Path | None
    media_files: int
    checked: bool = True  # read back whole (a pg_dump only where pg_restore is installed)
    removed: list[Path] = field(default_factory=list)


def take_backup(settings: Settings, folder: Path, now: datetime, *, keep: int | None = None,
                media: bool = True) -> Taken:
    """A backup of the configured database (and media) into folder; the oldest beyond `keep`
    deleted afterwards. BackupError says what to do when it cannot be made."""
    try:
        return _take(settings, folder, now, keep, media)
    except (OSError, sqlite3.Error) as exc:  # a full disk, a folder not ours: said with what to look at
        raise BackupError(f"the backup into {folder} failed ({exc}): check the free space (`df -h {folder}`) "
                          "and that the user running Kedai may write there, then run it again") from exc


def _take(settings: Settings, folder: Path, now: datetime, keep: int | None, media: bool) -> Taken:
    data = Path(settings.data_dir)
    for served in (data / "media", data / FOLDER):  # web-served (bot/app.py) or archived into every backup
        if folder.resolve().is_relative_to(served.resolve()):
            raise BackupError(f"{folder} is inside {served}, which the server publishes or archives: "
                              f"choose a folder outside it, e.g. {data / 'backups'} or /var/backups/kedai")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # backups hold customers' details
    db = sqlite_path(settings.database_url)
    dest = new_name(folder, now, "db" if db is not None else "dump")
    checked = True
    if db is not None:
        backup_sqlite(db, dest)
    else:
        checked = run_pg_dump(settings.database_url, dest)
    archived, count = None, 0
    if media:  # after the database: every file the copy names is on disk by now (media/archive.py)
        archived = media_archive_of(dest)
        part = part_of(archived)
        try:
            count = archive(data, part)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        publish(part, archived)
    return Taken(dest, archived, count, checked, rotate(folder, keep) if keep is not None else [])


def due(folder: Path, now: datetime, settings: Settings) -> bool:
    """Whether the newest backup in folder is older than the last KEDAI_BACKUP_HOUR (local)."""
    local = now.astimezone(settings.tz)
    slot = local.replace(hour=settings.backup_hour, minute=0, second=0, microsecond=0)
    if slot > local:
        slot -= timedelta(days=1)
    found = backups(folder)
    return not found or found[-1].taken_at < slot


def backup_if_due(settings: Settings, now: datetime) -> Taken | None:
    folder = settings.backup_folder()
    if not due(folder, now, settings):
        return None
    return take_backup(settings, folder, now, keep=settings.backup_keep)


def backup_jobs(settings: Settings, clock: Callable[[], datetime]) -> list[Job]:
    """The daily backup, only when KEDAI_BACKUP_DIR is set."""
    if settings.backup_dir is None:
        return []

    async def run() -> Taken | None:
        try:
            taken = await asyncio.to_thread(backup_if_due, settings, clock())
        except BackupError as exc:  # said every tick until fixed: a missing backup must be noticed
            log.error("scheduled backup into %s failed: %s", settings.backup_folder(), exc)
            return None
        if taken is not None:
            log.info("backup %s taken (%d media files), %d old ones deleted", taken.database, taken.media_files,
                     len(taken.removed))
        return taken

    return [Job("backup", run, EVERY_SECONDS)]
