"""Builds the served app from settings: every shop's channels that have credentials, the scheduler."""

from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI

from bot import media_legacy
from bot.app import Hook, create_app
from bot.bootstrap import Kedai, build
from bot.broadcasting import broadcaster
from bot.channels import shop_channels
from bot.media_links import store_for
from config import Settings
from scheduler import daily_recap
from scheduler.jobs_payments import payment_jobs
from scheduler.jobs_quotes import quote_jobs
from scheduler.jobs_handoffs import handoff_jobs
from scheduler.jobs_backup import backup_jobs
from scheduler.jobs_media import media_jobs
from scheduler.jobs_reviews import review_jobs
from scheduler.runner import Job, build_scheduler

log = logging.getLogger(__name__)


def jobs(kedai: Kedai) -> list[Job]:
    async def recap() -> int:
        return await daily_recap.run_daily_recap(kedai.sessions, kedai.db, lambda: kedai.engine.clock(),
                                                 kedai.delivery.deliver)

    every = kedai.settings.scheduler_interval_seconds
    by_the_leader = [
        Job("outbox-drain", kedai.delivery.drain, every),
        Job("daily-recap", recap, daily_recap.EVERY_SECONDS),
        *payment_jobs(kedai.sessions, kedai.db, kedai.engine.clock, every),
        *quote_jobs(kedai.sessions, kedai.db, kedai.engine.clock, every),
        *handoff_jobs(kedai.sessions, kedai.db, kedai.engine.clock, every),
        *review_jobs(kedai.sessions, kedai.db, kedai.engine.clock, every),
        *backup_jobs(kedai.settings, lambda: kedai.engine.clock()),  # only with KEDAI_BACKUP_DIR
    ]
    made_files = kedai.delivery.files.folder if kedai.delivery.files is not None else None
    return [Job("broadcasts", broadcaster(kedai).tick, every), *media_jobs(store_for(kedai.settings), made_files),
            *(led(kedai, job) for job in by_the_leader)]


def led(kedai: Kedai, job: Job) -> Job:
    """Every process ticks; only the leader (bot.processes) runs the job (the broadcaster sees to it
    itself: it also stops mid-run when the lead is lost), so that with several
    processes each job runs in one at a time, and in another within seconds when that one dies."""
    async def run() -> object:
        return await job.run() if kedai.leader() else None

    return Job(job.name, run, job.seconds)


def build_app(settings: Settings, *, scheduler: bool = True) -> FastAPI:
    kedai = build(settings, serving=True)
    channels = shop_channels.assemble(kedai)  # fills kedai.senders, which delivery and broadcasts share
    store = store_for(settings)

    async def adopt_legacy_paths(k: Kedai) -> None:  # pictures kept as server paths before the media store
        moved = await asyncio.get_running_loop().run_in_executor(k.db, media_legacy.adopt_paths, k.sessions, store)
        if moved:
            log.info("%d product pictures moved into the media store", moved)

    on_start: list[Hook] = [adopt_legacy_paths, *channels.on_start]
    on_stop: list[Hook] = list(channels.on_stop)
    if kedai.checkpointer is not None:
        checkpointer = kedai.checkpointer

        async def start_checkpoints(_: Kedai) -> None:
            checkpointer.start()

        async def stop_checkpoints(_: Kedai) -> None:
            checkpointer.stop()

        on_start.append(start_checkpoints)
        on_stop.append(stop_checkpoints)
    if scheduler:
        ticker = build_scheduler(jobs(kedai))

        async def start_scheduler(_: Kedai) -> None:
            ticker.start()

        async def stop_scheduler(_: Kedai) -> None:
            ticker.shutdown(wait=False)

        on_start.append(start_scheduler)
        on_stop.insert(0, stop_scheduler)
    app = create_app(kedai, on_start=on_start, on_stop=on_stop, channels=channels.routers)
    app.state.banner = channels.banner
    app.state.live = channels.live  # `kedai serve` prints the links it picks up while running
    return app
