"""Keeps the data dir's disk from filling, hourly:

- the media store's `incoming/`: fetched files older than an hour, which the engine has filed
  into the shop's folders (a copy) or never will;
- documents and pictures made for messages (reports, charts, QRIS codes; bot.attachments)
  older than a day: by then the platform has fetched each one, and a send retried later makes
  its file again.

Each process sweeps the disk it sees, so this job is not led: two sweeping the same folder
only find fewer files."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from media.store import MediaStore, sweep_folder
from scheduler.runner import Job

log = logging.getLogger(__name__)

EVERY_SECONDS = 3600
MADE_FILES_KEEP_SECONDS = 24 * 3600


def media_jobs(store: MediaStore, made_files: Path | None = None) -> list[Job]:
    def sweep_all() -> int:
        removed = store.sweep_incoming()
        if made_files is not None:
            removed += sweep_folder(made_files, MADE_FILES_KEEP_SECONDS)
        return removed

    async def sweep() -> int:
        removed = await asyncio.to_thread(sweep_all)  # file I/O off the loop and the db thread
        if removed:
            log.info("media: %d old files swept", removed)
        return removed

    return [Job("media-sweep", sweep, EVERY_SECONDS)]
