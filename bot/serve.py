"""Builds the served app from settings: channels that have credentials, the scheduler."""

from __future__ import annotations

from fastapi import FastAPI

from bot.app import Hook, create_app
from bot.bootstrap import Kedai, build
from bot.broadcasting import broadcaster
from config import Settings
from scheduler.runner import Job, build_scheduler


def jobs(kedai: Kedai) -> list[Job]:
    return [Job("outbox-drain", kedai.delivery.drain, kedai.settings.scheduler_interval_seconds),
            Job("broadcasts", broadcaster(kedai).tick, kedai.settings.scheduler_interval_seconds)]


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
