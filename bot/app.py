"""The FastAPI app: webhooks, the simulator, health. Built by create_app from a Kedai."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text

from bot.bootstrap import Kedai
from bot.channels import simulator

Hook = Callable[[Kedai], Awaitable[None]]


def create_app(kedai: Kedai, *, on_start: list[Hook] | None = None, on_stop: list[Hook] | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for hook in on_start or []:
            await hook(kedai)
        yield
        for hook in on_stop or []:
            await hook(kedai)
        await kedai.delivery.idle()

    app = FastAPI(title="Kedai", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.kedai = kedai

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        def ping() -> None:
            with kedai.db_engine.connect() as conn:
                conn.execute(text("SELECT 1"))

        try:
            await asyncio.get_running_loop().run_in_executor(None, ping)
        except Exception as exc:  # the point is to report it, whatever it is
            return JSONResponse({"status": "error", "database": "unreachable", "detail": str(exc)[:200]}, 503)
        return JSONResponse({"status": "ok", "database": "ok"})

    if kedai.settings.simulator_enabled():
        app.include_router(simulator.router())
    return app
