"""This server process in the processes table: registered on start, a heartbeat while it
runs, gone on a clean stop. Every beat also looks for processes that are gone without saying
so (killed, crashed, their machine lost) and lets their work go on at once: the outbox rows
they had claimed as `sending` are sent again now, not after the two-minute lease.

A process is gone when its heartbeat is older than STALE_AFTER, or, when it ran in this
same process namespace (this machine, or this container's life), as soon as its pid is not
the same process any more: dead, or reused by another (told apart by boot id and start time).
So a restart on the same machine takes over at once; a process on another machine waits a
minute, so that a slow beat is not taken for a death.

The leader is the live process registered first (the lowest id). It alone runs the scheduled
jobs and sends (bot.delivery): one sender per install keeps Telegram's 30 messages a second per
bot and Twilio's MPS per number however many processes take webhooks. A process counts itself
leader only until STALE_AFTER minus a margin after its last good beat, which is before any other
process may judge it gone, so two never lead at once; a successor takes over at its next beat
(within BEAT_SECONDS on the same machine, where a dead pid is seen at once).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Row
from sqlalchemy.orm import Session, sessionmaker

from storage import outbox as outbox_db
from storage import processes as processes_db
from storage.db import unit_of_work
from storage.models import utcnow

log = logging.getLogger(__name__)

BEAT_SECONDS = 2.0
STALE_AFTER = timedelta(seconds=20)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


def host_key() -> str:
    """Where a pid means something: the host name and, on Linux, the pid namespace."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()}|{namespace}"


def instance_of(pid: int) -> str:
    """Boot id and start time of process `pid` (Linux), "" where unknown: a reused pid differs."""
    stat = _read(f"/proc/{pid}/stat")
    fields = stat.rsplit(")", 1)[-1].split() if stat else []
    start = fields[19] if len(fields) > 19 else ""  # field 22, starttime, counting from the state (3)
    return f"{_read('/proc/sys/kernel/random/boot_id')}:{start}" if start else ""


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    except OSError:
        return False
    return True


class Processes:
    """Registers this process and reaps the dead ones; `on_reclaimed` gets the outbox ids put back
    (and must not wait for their delivery: the heartbeat would wait with it)."""

    def __init__(self, sessions: sessionmaker[Session], db: Executor, *, role: str = "serve",
                 clock: Callable[[], datetime] = utcnow, on_reclaimed: Callable[[list[int]], None] | None = None,
                 on_leader: Callable[[], None] | None = None,
                 beat_seconds: float = BEAT_SECONDS, stale_after: timedelta = STALE_AFTER,
                 monotonic: Callable[[], float] = time.monotonic):
        self.sessions, self.db, self.role, self.clock = sessions, db, role, clock
        self.on_reclaimed = on_reclaimed
        self.on_leader = on_leader  # called once each time this process becomes the leader
        self.monotonic = monotonic
        self.others = 0  # other live processes at the last beat
        self._leader_until = float("-inf")  # monotonic: leader until then, unless the next beat says so
        self._new_leader = False
        # Whether this process last became leader after another's lead (it died, or was taken for
        # dead): that one's last sends still count on the platforms (bot.ratelimit.hold_all).
        self.took_over = False
        self._reaped = False
        self.beat_seconds, self.stale_after = beat_seconds, stale_after
        self.host, self.pid = host_key(), os.getpid()
        self.instance = instance_of(self.pid)
        self.id: int | None = None
        self._task: asyncio.Task[None] | None = None

    # -- the database side, on the db thread ---------------------------------------------

    def register(self) -> int:
        with unit_of_work(self.sessions) as s:
            self.id = processes_db.register(s, self.host, self.pid, self.instance, self.role, self.clock())
            s.commit()
        return self.id

    def beat(self) -> None:
        """Records this process alive (registering again if others took it for dead)."""
        assert self.id is not None
        with unit_of_work(self.sessions) as s:
            alive = processes_db.beat(s, self.id, self.clock())
            s.commit()
        if not alive:
            log.warning("process %s was taken for dead (a beat came late); registering again", self.id)
            self.register()

    def is_leader(self) -> bool:
        return self.monotonic() < self._leader_until

    def reap(self) -> list[int]:
        """Forgets the processes that are gone and sees who leads; returns the outbox rows of the
        gone ones now due again."""
        assert self.id is not None
        now, started = self.clock(), self.monotonic()
        with unit_of_work(self.sessions) as s:
            others = processes_db.fetch_others(s, self.id)
            gone = [p.id for p in others if self.is_gone(p, now)]
            processes_db.forget(s, gone)
            ids = outbox_db.reclaim_orphans(s, now)
            s.commit()
        alive = [p.id for p in others if p.id not in gone]
        self.others = len(alive)
        was = self.is_leader()
        if all(self.id < other for other in alive):
            # a margin below STALE_AFTER: this process stops leading before anyone may take it for dead
            self._leader_until = started + self.stale_after.total_seconds() * 0.75
        else:
            self._leader_until = float("-inf")
        if self.is_leader() and not was:
            # after its first look it may only lead once another stopped; on its first, a dead one's
            # row left behind (a crash, then a restart) says the same
            self.took_over = self._reaped or bool(gone)
            log.info("process %s leads: scheduled jobs and sending%s", self.id,
                     " (taking over)" if self.took_over else "")
            self._new_leader = True
        self._reaped = True
        if gone or ids:
            log.warning("processes %s are gone; %d outbox rows they had claimed are sent again", gone, len(ids))
        return ids

    def unregister(self) -> None:
        self._leader_until = float("-inf")
        if self.id is None:
            return
        with unit_of_work(self.sessions) as s:
            processes_db.forget(s, [self.id])
            s.commit()
        self.id = None

    def is_gone(self, other: Row, now: datetime) -> bool:
        if other.heartbeat_at < now - self.stale_after:
            return True
        if other.host != self.host:
            return False  # its pid means nothing here: only its heartbeat tells
        if other.pid == self.pid:
            return True  # this pid is this process: that row is an earlier life of the same pid
        if not pid_alive(other.pid):
            return True
        return bool(other.instance) and instance_of(other.pid) != other.instance

    # -- the running process ---------------------------------------------------------------

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.db, self.register)
        await self._reap()
        self._task = loop.create_task(self._run(), name="kedai-heartbeat")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        try:
            await asyncio.get_running_loop().run_in_executor(self.db, self.unregister)
        except Exception as exc:  # stopping anyway: the row goes stale and others reap it
            log.warning("could not unregister process %s: %r", self.id, exc)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.beat_seconds)
            try:
                await loop.run_in_executor(self.db, self.beat)
                await self._reap()
            except Exception as exc:  # the database may be away for a while; the next beat tries again
                log.warning("heartbeat failed: %r", exc)

    async def _reap(self) -> None:
        ids = await asyncio.get_running_loop().run_in_executor(self.db, self.reap)
        if self._new_leader:
            self._new_leader = False
            if self.on_leader is not None:
                self.on_leader()
        if ids and self.on_reclaimed is not None:
            self.on_reclaimed(ids)
