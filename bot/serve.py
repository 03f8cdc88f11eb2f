"""Builds the served app from settings: channels that have credentials, the scheduler."""

from __future__ import annotations

from fastapi import FastAPI

from bot.app import Hook, create_app
from bot.bootstrap import Kedai, build
from bot.broadcasting import broadcaster
from bot.channels.whatsapp import WhatsApp
from bot.delivery import Sender
from config import Settings
from scheduler import daily_recap
from scheduler.jobs_payments import payment_jobs
from scheduler.jobs_quotes import quote_jobs
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
        Job("broadcasts", broadcaster(kedai).tick, every),
    ]


def build_app(settings: Settings, *, scheduler: bool = True) -> FastAPI:
    senders: dict[str, Sender] = {}
    on_start: list[Hook] = []
    on_stop: list[Hook] = []
    telegram = None
    if settings.telegram_bot_token:
        from bot.channels.telegram import TelegramChannel

        telegram = TelegramChannel(settings)
        senders["telegram"] = telegram.sender
        on_start.append(telegram.start)
        on_stop.append(telegram.stop)
    whatsapp = WhatsApp.from_settings(settings)
    if whatsapp is not None:
        senders[whatsapp.channel] = whatsapp.sender
        on_stop.append(whatsapp.close)
    kedai = build(settings, senders, serving=True)
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
    if telegram is not None:
        from bot.channels import telegram_webhook

        app.include_router(telegram_webhook.router(telegram))
    if whatsapp is not None:
        whatsapp.bind(kedai)
        app.include_router(whatsapp.router())
    return app
