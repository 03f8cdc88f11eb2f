"""Builds the served app from settings: channels that have credentials, the scheduler."""

from __future__ import annotations

from fastapi import FastAPI

from bot.app import Hook, create_app
from bot.bootstrap import Kedai, build
from bot.channels.whatsapp import WhatsApp
from config import Settings
from scheduler.runner import Job, build_scheduler


def jobs(kedai: Kedai) -> list[Job]:
    return [Job("outbox-drain", kedai.delivery.drain, kedai.settings.scheduler_interval_seconds)]


def build_app(settings: Settings, *, scheduler: bool = True) -> FastAPI:
    whatsapp = WhatsApp.from_settings(settings)
    kedai = build(settings, {whatsapp.channel: whatsapp.sender} if whatsapp else {})
    on_start: list[Hook] = []
    on_stop: list[Hook] = [whatsapp.close] if whatsapp else []
    if scheduler:
        ticker = build_scheduler(jobs(kedai))

        async def start_scheduler(_: Kedai) -> None:
            ticker.start()

        async def stop_scheduler(_: Kedai) -> None:
            ticker.shutdown(wait=False)

        on_start.append(start_scheduler)
        on_stop.append(stop_scheduler)
    app = create_app(kedai, on_start=on_start, on_stop=on_stop)
    if whatsapp:
        whatsapp.bind(kedai)
        app.include_router(whatsapp.router())
    return app
