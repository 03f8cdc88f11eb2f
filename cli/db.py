"""`kedai db upgrade`, `kedai db backup`, `kedai db restore`.

Backup and restore do not migrate the database first, unlike every other command: a backup
must not write to the database the server is using, and a restore replaces the file anyway
(the server brings it up to date when it starts)."""

from __future__ import annotations

import tarfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import prepared
from config import Settings

db_app = typer.Typer(help="Database.", no_args_is_help=True)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply migrations (and load the demo shop into an empty database)."""
    prepared()
    typer.echo("database is up to date")


@db_app.command("backup")
def db_backup(
    folder: Annotated[Optional[Path], typer.Argument(
        metavar="DIR", help="Where to write it (default: KEDAI_BACKUP_DIR, else KEDAI_DATA_DIR/backups).", show_default=False)] = None,
    keep: Annotated[Optional[int], typer.Option(metavar="N", help="Then delete the oldest backups there beyond N.")] = None,
    no_media: Annotated[bool, typer.Option("--no-media", help="The database only, without the photos and proofs.")] = False,
) -> None:
    """Back up the database (a consistent copy while the server runs) and the media next to it."""
    from scheduler.jobs_backup import take_backup
    from storage.backup import BackupError

    settings = Settings()
    folder = folder if folder is not None else settings.backup_folder()
    if keep is not None and keep < 1:
        _fail(f"--keep {keep}: keep at least the newest backup, e.g. --keep 7")
    try:
        taken = take_backup(settings, folder, datetime.now(timezone.utc), keep=keep, media=not no_media)
    except BackupError as exc:
        _fail(str(exc))
        return
    typer.echo(f"database backed up to {taken.database}" + (" (checked)" if taken.checked else
                                                              " (not checked: pg_restore is not installed here)"))
    if taken.media is not None:
        typer.echo(f"media backed up to {taken.media} ({taken.media_files} files)")
    else:
        typer.echo(f"media not included: copy {Path(settings.data_dir) / 'shop_media'} yourself")
    for old in taken.removed:
        typer.echo(f"deleted old backup {old.name}")
    typer.echo("Copy the backups off this machine too (rsync, rclone): a backup on the same disk dies with it.")


@db_app.command("restore")
def db_restore(
    file: Annotated[Path, typer.Argument(
        metavar="FILE", help="A backup made by `kedai db backup` (kedai-<time>Z.db).")],
    no_media: Annotated[bool, typer.Option("--no-media", help="Leave the media folder as it is.")] = False,
) -> None:
    """Replace the database with a backup (and put its media back). Stop the server first."""
    from media.archive import extract
    from storage.backup import BackupError, check_kedai, is_head, media_archive_of, restore_sqlite, sqlite_path
    from storage.pg_dump import restore_command

    settings = Settings()
    try:
        target = sqlite_path(settings.database_url)
    except BackupError as exc:
        _fail(str(exc))
        return
    if target is None:
        _fail("this install uses PostgreSQL: put a pg_dump backup back with pg_restore, the server stopped: "
              f"{restore_command(settings.database_url, str(file))} (the password from PGPASSWORD or ~/.pgpass)")
        return
    now = datetime.now(timezone.utc)
    try:
        revision = check_kedai(file)
        _refuse_if_served(settings, target, now)
        aside = restore_sqlite(file, target, now)
    except BackupError as exc:
        _fail(str(exc))
        return
    typer.echo(f"restored {file} into {target} (migration {revision})")
    if aside is not None:
        typer.echo(f"the database it replaced is kept as {aside}: delete it once the shop works")
    media = media_archive_of(file)
    if no_media:
        typer.echo(f"media left as it was in {Path(settings.data_dir) / 'shop_media'}")
    elif media.is_file():
        try:
            count = extract(media, Path(settings.data_dir))
        except (tarfile.TarError, OSError) as exc:
            _fail(f"the database is restored, but {media} could not be unpacked ({exc}): unpack it by hand "
                  f"(`tar -xf {media} -C {settings.data_dir}`) or take the media archive of another backup")
            return
        typer.echo(f"media restored from {media.name} ({count} files)")
    else:
        typer.echo(f"no media archive {media.name} next to the backup: product photos and payment proofs stay as "
                   f"they are in {Path(settings.data_dir) / 'shop_media'}")
    if not is_head(revision):
        typer.echo("the backup is from an older Kedai: `kedai serve` (or `kedai db upgrade`) brings it up to date")
    typer.echo("Start the server again (e.g. `sudo systemctl start kedai`).")


def _refuse_if_served(settings: Settings, target: Path, now: datetime) -> None:
    """A server writing to the database while it is replaced would lose whatever it writes, or
    worse: refused while any server process beats its heartbeat (bot/processes.py)."""
    from sqlalchemy import create_engine

    from bot.processes import STALE_AFTER
    from storage import processes as processes_db
    from storage.backup import BackupError
    from storage.db import session_factory, unit_of_work

    if not target.exists():
        return
    engine = create_engine(settings.database_url)  # not make_engine: its transactions take the write lock
    try:
        with unit_of_work(session_factory(engine)) as s:
            beat = processes_db.latest_heartbeat(s)
    except Exception:  # an unreadable database (the reason to restore) is served by nobody
        return
    finally:
        engine.dispose()
    if beat is not None and now - beat < STALE_AFTER:
        seconds = max(0, int((now - beat).total_seconds()))
        raise BackupError(f"a Kedai server is using {target} (its last heartbeat {seconds} s ago): stop it first "
                          "(`sudo systemctl stop kedai`, or Ctrl-C), then run this again. A server that was killed "
                          f"leaves its last heartbeat behind: {int(STALE_AFTER.total_seconds())} s later it no longer counts")
