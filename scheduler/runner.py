"""APScheduler only ticks; every job reads its due work from rows, so a restart or a
second process neither loses nor repeats anything. Jobs are handed in by the composition
root, so this package needs nothing from the channel layer above it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from apscheduler.schedulers.asyncio import AsyncIOScheduler


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], Awaitable[object]]
    seconds: float


def build_scheduler(jobs: list[Job]) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    for job in jobs:
        # coalesce + one instance: a slow tick is skipped, never stacked.
        scheduler.add_job(job.run, "interval", seconds=job.seconds, id=job.name, max_instances=1, coalesce=True)
    return scheduler
