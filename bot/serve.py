"""Builds the served app from settings: every shop's channels that have credentials, the scheduler."""

from __future__ import annotations

from fastapi import FastAPI

from bot.app import Hook, create_app
from bot.bootstrap import Kedai, build
from bot.broadcasting import broadcaster
from bot.channels import shop_channels
from config import Settings
from scheduler import daily_recap
from scheduler.jobs_payments import payment_jobs
from scheduler.jobs_quotes import quote_jobs
from scheduler.jobs_reviews import review_jobs
from scheduler.runner import Job, build_scheduler


def jobs(kedai: Kedai) -> list[Job]:
    async def recap() -> int:
        return await daily_recap.run_daily_recap(kedai.sessions, kedai.db, lambda: kedai.engine.clock(),
                                                 kedai.delivery.deliver)

    every = kedai.settings.scheduler_interval_seconds
    return [
        Job("outbox-drain", kedai.delivery.drain, every),
        Job("daily-recap", recap, daily_recap.EVERY_SECONDS),
        *payment_jobs(kedai.sessions, kedai.db, kedai.engine.clock, every),
        *quote_jobs(kedai.sessions, kedai.db, kedai.engine.clock, every),
        *review_jobs(kedai.sessions, kedai.db, kedai.engine.clock, every),
        Job("broadcasts", broadcaster(kedai).tick, every),
    ]


def build_app(settings: Settings, *, scheduler: bool = True) -> FastAPI:
    kedai = build(settings, serving=True)
    channels = shop_channels.assemble(kedai)  # fills kedai.senders, which delivery and broadcasts share
    on_start: list[Hook] = list(channels.on_start)
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
    app = create_app(kedai, on_start=on_start, on_stop=on_stop)
    for router in channels.routers:
        app.include_router(router)
    app.state.banner = channels.banner
    return app
