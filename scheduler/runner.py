"""APScheduler only ticks; every job reads its due work from rows, so a restart or a
second process neither loses nor repeats anything. Jobs are handed in by the composition
root, so this package needs nothing from the channel layer above it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], Awaitable[object]]
    seconds: float


async def drain_in_batches(db: Executor, batch: Callable[[], tuple[int, bool]], max_batches: int) -> int:
    """Runs batch() (-> (done, more)) until nothing more is due, at most max_batches times, one
    executor call each: on SQLite's single writer thread, messages get in between batches."""
    loop, done = asyncio.get_running_loop(), 0
    for _ in range(max_batches):
        count, more = await loop.run_in_executor(db, batch)
        done += count
        if not more:
            break
    return done


def build_scheduler(jobs: list[Job]) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    for job in jobs:
        # coalesce + one instance: a slow tick is skipped, never stacked.
        scheduler.add_job(stoppable(job), "interval", seconds=job.seconds, id=job.name, max_instances=1, coalesce=True)
    return scheduler


def stoppable(job: Job) -> Callable[[], Awaitable[object]]:
    """The job as the scheduler runs it. Stopping the server cancels a job mid-run, and APScheduler
    logs that as the job's failure with a traceback for each job then running (six at a time were
    seen on one stop); it is no failure: the job's transaction either committed or rolls back, and
    the next server's tick does what is left."""
    async def run() -> object:
        try:
            return await job.run()
        except asyncio.CancelledError:
            log.info("job %s stopped with the server", job.name)
            return None

    run.__name__ = job.name
    return run
