"""Keeps the media store's disk from filling: fetched files the engine has filed (or never
will) are swept from `incoming/` hourly. Each process sweeps the disk it sees, so this job is
not led: two sweeping the same folder only find fewer files."""

from __future__ import annotations

import asyncio
import logging

from media.store import MediaStore
from scheduler.runner import Job

log = logging.getLogger(__name__)

EVERY_SECONDS = 3600


def media_jobs(store: MediaStore) -> list[Job]:
    async def sweep() -> int:
        removed = await asyncio.to_thread(store.sweep_incoming)  # file I/O off the loop and the db thread
        if removed:
            log.info("media: %d fetched files swept from incoming/", removed)
        return removed

    return [Job("media-incoming-sweep", sweep, EVERY_SECONDS)]
