"""The FastAPI app: webhooks, the simulator, health. Built by create_app from a Kedai."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from bot import cluster_page, ratelimit
from bot.bootstrap import Kedai
from bot import media_routes
from bot.channels import simulator
from bot.front import Front
from bot.media_links import links_for
from bot.processes import Processes

log = logging.getLogger(__name__)

DEMO_MEDIA = Path(__file__).resolve().parent.parent / "catalog" / "demo" / "media"

Hook = Callable[[Kedai], Awaitable[None]]

# Webhooks and the simulator are public: a larger body gets 413 before it is all in memory
# (also ahead of a webhook's signature check). The longest valid request, a 20,000-character
# simulator message, fits many times over; Telegram updates and Twilio posts are a few KB.
MAX_REQUEST_BODY = 256 * 1024
# How often the leader looks for replies other processes committed (only while there are others).
COLLECT_SECONDS = 0.2


def create_app(kedai: Kedai, *, on_start: list[Hook] | None = None, on_stop: list[Hook] | None = None,
               channels: Sequence[APIRouter] = ()) -> FastAPI:
    """channels: the webhook routers, matched before every other route: each request tries the
    routes in order, and the ones ahead of a webhook cost it ~10 µs in all (docs/PERFORMANCE.md,
    branch `cpu`). No other route shares their paths, so the order decides nothing else."""
    # Registered before anything can claim an outbox row, so that every claim names its process.
    def lead() -> None:
        if processes.took_over:  # the last leader's last second of sends still counts on the platforms
            ratelimit.hold_all(1.0)
        kedai.delivery.wake()

    processes = Processes(kedai.sessions, kedai.db, on_reclaimed=kedai.delivery.kick, on_leader=lead)
    kedai.delivery.owner = lambda: processes.id
    # One process leads (bot.processes): it alone sends and runs the scheduled jobs.
    kedai.delivery.sending = kedai.leader = processes.is_leader

    async def collect() -> None:
        """The leader sends what the other processes wrote: they only commit rows."""
        while True:
            await asyncio.sleep(COLLECT_SECONDS)
            if processes.others and processes.is_leader():
                kedai.delivery.wake()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await processes.start()
        collector = asyncio.get_running_loop().create_task(collect(), name="kedai-collect")
        if kedai.settings.simulator_enabled():
            log.warning("the simulator is on (KEDAI_SIMULATOR=1): http://%s:%s/ answers requests from this "
                        "machine only; leave it off on a public server", kedai.settings.host, kedai.settings.port)
        for hook in on_start or []:
            await hook(kedai)
        # Everything alive now (modules, shops, clients) lives as long as the process: frozen, the
        # collector's full passes never walk it again (they took 200-350 ms: docs/PERFORMANCE.md).
        gc.collect()
        gc.freeze()
        yield
        for hook in on_stop or []:
            await hook(kedai)
        collector.cancel()
        await kedai.delivery.idle()
        await processes.stop()
        kedai.engine.close()

    app = FastAPI(title="Kedai", lifespan=lifespan, docs_url=None, redoc_url=None, max_body_size=MAX_REQUEST_BODY)
    app.state.kedai = kedai
    app.state.webhooks = [route for router in channels for route in router.routes]
    for router in channels:
        app.include_router(router)

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

    # Product photos and the QRIS picture must be reachable by Telegram and Twilio, which
    # fetch them by URL: everything under the data dir's media/ is public by design.
    media_routes.add(app, links_for(kedai.settings))
    media = kedai.settings.data_dir / "media"
    media.mkdir(parents=True, exist_ok=True)
    app.mount("/media/demo", StaticFiles(directory=DEMO_MEDIA), name="demo-media")
    app.mount("/media", StaticFiles(directory=media), name="media")

    app.include_router(cluster_page.router(kedai))
    if kedai.settings.simulator_enabled():
        app.include_router(simulator.router())
    return app


def served(app: FastAPI) -> Front:
    """What `kedai serve` gives uvicorn: the app, with the webhooks' POSTs taken straight to their
    routes (bot.front says why)."""
    return Front(app, app.state.webhooks, MAX_REQUEST_BODY)
