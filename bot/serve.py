"""Builds the served app from settings: channels that have credentials, the scheduler."""

from __future__ import annotations

from fastapi import FastAPI

from bot.app import Hook, create_app
from bot.bootstrap import Kedai, build
from config import Settings
from scheduler import daily_recap
from scheduler.jobs_payments import payment_jobs
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
    ]


def build_app(settings: Settings, *, scheduler: bool = True) -> FastAPI:
    kedai = build(settings)
    on_start: list[Hook] = []
    on_stop: list[Hook] = []
    if scheduler:
        ticker = build_scheduler(jobs(kedai))

        async def start_scheduler(_: Kedai) -> None:
            ticker.start()

        async def stop_scheduler(_: Kedai) -> None:
            ticker.shutdown(wait=False)

        on_start.append(start_scheduler)
        on_stop.append(stop_scheduler)
    return create_app(kedai, on_start=on_start, on_stop=on_stop)
