"""Backups and restore (`kedai db backup`, `kedai db restore`, the daily job): a copy taken while
another connection keeps committing is whole and holds what was committed; rotation keeps the
newest N; a restore refuses what is not a Kedai database (or a database a server is using) and
puts a real backup back with its media; PostgreSQL says pg_dump, or runs it."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import tarfile
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.bootstrap import build
from bot.serve import jobs
from config import Settings
from main import app
from media.store import MediaStore
from scheduler.jobs_backup import due, take_backup
from storage import processes as processes_db
from storage.backup import NAME, backups, check_kedai, restore_sqlite
from storage.db import make_engine, session_factory, unit_of_work
from storage.models import Order
from tests.integration.orders_support import add_customer, place
from tests.integration.seller_db import Clock
from tests.media_samples import picture
from tests.support import seeded_engine

UTC = timezone.utc
runner = CliRunner()


def _path(url: str) -> Path:
    return Path(url.split("///", 1)[1])


def _env(url: str, data: Path, **more: str) -> dict[str, str]:
    return {"KEDAI_DATABASE_URL": url, "KEDAI_DATA_DIR": str(data), "KEDAI_BACKUP_DIR": "", **more}


def _orders(url: str) -> int:
    engine = make_engine(url)
    try:
        with unit_of_work(session_factory(engine)) as s:
            return s.execute(select(func.count()).select_from(Order)).scalar_one()
    finally:
        engine.dispose()


def test_a_backup_taken_while_another_connection_keeps_writing_is_whole_and_holds_every_commit(sqlite_url, tmp_path):
    db = _path(sqlite_url)
    writer = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # as the server runs: what it commits stays in the -wal file
    writer.execute("CREATE TABLE churn (n INTEGER, pad BLOB)")
    writer.execute("BEGIN")
    writer.executemany("INSERT INTO churn VALUES (?, randomblob(4000))", [(n,) for n in range(1, 2001)])
    writer.execute("COMMIT")
    committed, stop = [2000], threading.Event()

    def keep_writing() -> None:
        n = committed[0]
        while not stop.is_set():
            n += 1
            writer.execute("BEGIN IMMEDIATE")  # two rows a transaction: a copy holds both or neither
            writer.execute("INSERT INTO churn VALUES (?, randomblob(4000)), (?, NULL)", (n, -n))
            writer.execute("COMMIT")
            committed[0] = n

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        while committed[0] < 2050:  # the writer is going
            pass
        before = committed[0]
        taken = take_backup(Settings(KEDAI_DATABASE_URL=sqlite_url, KEDAI_DATA_DIR=str(tmp_path / "data")),
                            tmp_path / "backups", datetime(2026, 12, 6, 2, 0, tzinfo=UTC))
        during = committed[0] - before
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert NAME.match(taken.database.name) and taken.database.name == "kedai-20261206-020000Z.db"
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == ["kedai-20261206-020000Z-media.tar",
                                                                        taken.database.name]
    copy = sqlite3.connect(taken.database)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file, no -wal to carry
        top = copy.execute("SELECT max(n) FROM churn").fetchone()[0]
        assert top >= before  # everything committed before the backup began, though it sat in the -wal
        assert copy.execute("SELECT count(*) FROM churn WHERE n > 0").fetchone() == (top,)
        assert copy.execute("SELECT count(*) FROM churn WHERE n < 0").fetchone() == (top - 2000,)  # no half commit
    finally:
        copy.close()
    assert during > 0  # the writer was not held up by the backup
    assert check_kedai(taken.database)


def test_rotation_keeps_the_newest_n_backups_with_their_media(sqlite_url, tmp_path):
    settings = Settings(KEDAI_DATABASE_URL=sqlite_url, KEDAI_DATA_DIR=str(tmp_path / "data"))
    folder = tmp_path / "backups"
    start = datetime(2026, 12, 1, 19, 0, tzinfo=UTC)
    for day in range(4):
        taken = take_backup(settings, folder, start + timedelta(days=day), keep=2)
    assert [p.name for p in taken.removed] == ["kedai-20261202-190000Z.db"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "kedai-20261203-190000Z-media.tar", "kedai-20261203-190000Z.db",
        "kedai-20261204-190000Z-media.tar", "kedai-20261204-190000Z.db"]
    again = take_backup(settings, folder, start + timedelta(days=3), keep=2)  # the same second: a name of its own
    assert again.database.name == "kedai-20261204-190000Z-2.db"
    assert [b.path.name for b in backups(folder)] == ["kedai-20261204-190000Z.db", "kedai-20261204-190000Z-2.db"]
    result = runner.invoke(app, ["db", "backup", str(folder), "--keep", "0"], env=_env(sqlite_url, tmp_path / "data"))
    assert result.exit_code == 1 and "error: --keep 0" in result.output
    assert len(backups(folder)) == 2
    public = tmp_path / "data" / "media" / "backups"  # what the server publishes at /media/...
    result = runner.invoke(app, ["db", "backup", str(public)], env=_env(sqlite_url, tmp_path / "data"))
    assert result.exit_code == 1 and "choose a folder outside it" in result.output and not public.exists()


def test_restore_refuses_what_is_not_a_kedai_database_and_changes_nothing(sqlite_url, tmp_path):
    env = _env(sqlite_url, tmp_path / "data")
    db = _path(sqlite_url)
    text = tmp_path / "notes.db"
    text.write_text("halo kak\n")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE things (id INTEGER)")
    newer = tmp_path / "newer.db"
    with sqlite3.connect(db) as source, sqlite3.connect(newer) as c:
        source.backup(c)
        c.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = db.read_bytes()
    for file, said in ((tmp_path / "missing.db", "no file"), (text, "not a SQLite database"),
                       (other, "not Kedai's (no alembic_version, shops, orders, products table)"),
                       (newer, "newer version"), (db, "is the database itself")):
        result = runner.invoke(app, ["db", "restore", str(file)], env=env)
        assert result.exit_code == 1, (file, result.output)
        assert "error: " in result.output and said in result.output, result.output
    assert db.read_bytes() == before
    assert [p.name for p in db.parent.iterdir() if ".replaced-" in p.name] == []


def test_restore_puts_a_real_backup_back_with_its_photos_and_keeps_the_replaced_database(sqlite_url, tmp_path):
    data = tmp_path / "data"
    env = _env(sqlite_url, data)
    _, sessions = seeded_engine(sqlite_url)
    siti = add_customer(sessions, "siti")
    place(sessions, siti)
    photo = MediaStore(data / "shop_media").put(1, picture(), public=True)
    photo_file = MediaStore(data / "shop_media").path_of(photo.ref)
    (data / "shop_media" / "incoming").mkdir(exist_ok=True)
    (data / "shop_media" / "incoming" / "fetched.jpg").write_bytes(picture())  # not filed yet: not kept
    (data / ".media-secret").write_text("rahasia\n")
    made = runner.invoke(app, ["db", "backup"], env=env)
    assert made.exit_code == 0, made.output
    [backup] = backups(data / "backups")
    with tarfile.open(backup.media) as tar:
        names = tar.getnames()
    assert f"shop_media/1/public/{photo_file.name}" in names and ".media-secret" in names
    assert not any("incoming" in n for n in names)
    assert "(checked)" in made.output and "(3 files)" in made.output  # the photo, its small copy, the secret

    place(sessions, siti)  # after the backup: lost by the restore, kept in the replaced file
    photo_file.unlink()
    assert _orders(sqlite_url) == 2
    sessions.kw["bind"].dispose()
    restored = runner.invoke(app, ["db", "restore", str(backup.path)], env=env)
    assert restored.exit_code == 0, restored.output
    assert _orders(sqlite_url) == 1
    assert photo_file.read_bytes()[:3] == b"\xff\xd8\xff"  # the JPEG is back
    [aside] = [p for p in _path(sqlite_url).parent.iterdir() if p.name.startswith("kedai.db.replaced-")]
    assert f"kept as {aside}" in restored.output.replace("\n", "")
    assert _orders(f"sqlite:///{aside}") == 2


def test_a_replaced_database_can_be_put_back_in_turn_and_no_two_restores_share_a_name(sqlite_url, tmp_path):
    db = _path(sqlite_url)
    backup = take_backup(Settings(KEDAI_DATABASE_URL=sqlite_url), tmp_path / "backups", datetime.now(UTC),
                         media=False).database
    _, sessions = seeded_engine(sqlite_url)  # the live database, in WAL mode, holds an order the backup lacks
    place(sessions, add_customer(sessions, "siti"))
    sessions.kw["bind"].dispose()
    at = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    first = restore_sqlite(backup, db, at)
    assert _orders(sqlite_url) == 0 and _orders(f"sqlite:///{first}") == 1
    second = restore_sqlite(first, db, at)  # undone, within the same second
    assert second != first and second.name.endswith("Z-2")
    assert _orders(sqlite_url) == 1 and _orders(f"sqlite:///{second}") == 0
    assert not Path(f"{first}-wal").exists() and not Path(f"{first}-shm").exists()  # reading it left nothing


def test_restore_refuses_while_a_server_beats_its_heartbeat_and_goes_on_once_it_stopped(sqlite_url, tmp_path):
    env = _env(sqlite_url, tmp_path / "data")
    backup = take_backup(Settings(KEDAI_DATABASE_URL=sqlite_url), tmp_path / "backups", datetime.now(UTC),
                         media=False).database
    engine = make_engine(sqlite_url)
    with unit_of_work(session_factory(engine)) as s:
        process = processes_db.register(s, "vps", 4242, "", "serve", datetime.now(UTC) - timedelta(seconds=3))
        s.commit()
    refused = runner.invoke(app, ["db", "restore", str(backup)], env=env)
    assert refused.exit_code == 1 and "a Kedai server is using" in refused.output and "stop it first" in refused.output
    with unit_of_work(session_factory(engine)) as s:  # a server killed ten minutes ago left its row
        processes_db.beat(s, process, datetime.now(UTC) - timedelta(minutes=10))
        s.commit()
    engine.dispose()
    done = runner.invoke(app, ["db", "restore", str(backup), "--no-media"], env=env)
    assert done.exit_code == 0, done.output


def test_the_daily_backup_is_a_job_only_when_configured_and_takes_one_a_day(sqlite_url, tmp_path):
    plain = build(Settings(KEDAI_DATABASE_URL=sqlite_url, KEDAI_DATA_DIR=str(tmp_path / "data")))
    try:
        assert "backup" not in [j.name for j in jobs(plain)]
    finally:
        plain.close()
    folder = tmp_path / "offsite"
    settings = Settings(KEDAI_DATABASE_URL=sqlite_url, KEDAI_DATA_DIR=str(tmp_path / "data"),
                        KEDAI_BACKUP_DIR=str(folder), KEDAI_BACKUP_KEEP="2")
    kedai = build(settings)
    try:
        [job] = [j for j in jobs(kedai) if j.name == "backup"]
        night = datetime(2026, 12, 6, 19, 30, tzinfo=UTC)  # 02:30 WIB, past KEDAI_BACKUP_HOUR (2)
        for at, taken in ((night, True), (night + timedelta(hours=20), False),  # 22:30 WIB: today's is taken
                          (night + timedelta(days=1), True), (night + timedelta(days=2), True)):
            kedai.engine.clock = Clock(at)
            assert (asyncio.run(job.run()) is not None) == taken, at
    finally:
        kedai.close()
    assert [b.path.name for b in backups(folder)] == ["kedai-20261207-193000Z.db", "kedai-20261208-193000Z.db"]
    assert check_kedai(backups(folder)[-1].path)


def test_a_backup_is_due_once_after_each_days_backup_hour_in_shop_time(tmp_path):
    settings = Settings(KEDAI_BACKUP_DIR=str(tmp_path), KEDAI_BACKUP_HOUR="2")
    assert due(tmp_path, datetime(2026, 12, 6, 12, 0, tzinfo=UTC), settings)  # none yet: at once
    (tmp_path / "kedai-20261206-183000Z.db").write_bytes(b"")  # 01:30 WIB on the 7th
    assert not due(tmp_path, datetime(2026, 12, 6, 18, 59, tzinfo=UTC), settings)  # 01:59 WIB
    assert due(tmp_path, datetime(2026, 12, 6, 19, 0, tzinfo=UTC), settings)  # 02:00 WIB


def test_postgresql_backup_names_pg_dump_without_the_password_or_runs_it(pg_url, tmp_path, monkeypatch):
    secret_url = pg_url.replace("postgres@", "postgres:rahasia123@")
    env = _env(secret_url, tmp_path / "data", PATH="/nonexistent")
    missing = runner.invoke(app, ["db", "backup", str(tmp_path / "b")], env=env)
    assert missing.exit_code == 1, missing.output
    assert "pg_dump is not installed" in missing.output and "--dbname=test" in missing.output
    assert "apt-get install postgresql-client" in missing.output and "rahasia123" not in missing.output
    restore = runner.invoke(app, ["db", "restore", "x.dump"], env=env)
    assert restore.exit_code == 1 and "pg_restore --clean" in restore.output and "rahasia123" not in restore.output
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed here")
    taken = runner.invoke(app, ["db", "backup", str(tmp_path / "b"), "--no-media"], env=_env(pg_url, tmp_path / "data"))
    assert taken.exit_code == 0, taken.output
    [dump] = backups(tmp_path / "b")
    assert dump.path.suffix == ".dump" and dump.path.read_bytes()[:5] == b"PGDMP"
    if shutil.which("pg_restore"):
        assert f"database backed up to {dump.path} (checked)" in taken.output.replace("\n", "")
        listed = subprocess.run(["pg_restore", "--list", str(dump.path)], capture_output=True, text=True, check=True)
        assert "TABLE" in listed.stdout and " orders " in listed.stdout  # this install's schema, with its tables
