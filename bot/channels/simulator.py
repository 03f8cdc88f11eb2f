"""The simulator channel: JSON in, JSON out, for the terminal chat, the browser page and tests.

Replies to the sender travel back in the HTTP response; messages for other simulator users
(a seller's new-order notice) wait in the outbox until that user's page polls for them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from bot.messages import Inbound, Outbound
from storage import outbox_queries as oq
from storage.db import unit_of_work
from storage.models import utcnow

CHANNEL = "simulator"
PAGE = Path(__file__).parent.parent / "web" / "simulator.html"


class SimButton(BaseModel):
    label: str
    value: str


class SimReply(BaseModel):
    text: str
    buttons: list[SimButton] = []
    image_url: str | None = None


class SimRequest(BaseModel):
    user: str = Field(min_length=1, max_length=100)
    text: str = Field("", max_length=20000)
    name: str | None = None
    message_id: str | None = Field(None, max_length=100)
    choice: str | None = Field(None, max_length=200)


class SimResponse(BaseModel):
    replies: list[SimReply]
    duplicate: bool = False


def to_reply(out: Outbound) -> SimReply:
    return SimReply(text=out.text, buttons=[SimButton(label=b.label, value=b.value) for b in out.buttons],
                    image_url=out.image_url)


def reply_json(out: Outbound) -> dict:
    return {"text": out.text, "buttons": [{"label": b.label, "value": b.value} for b in out.buttons],
            "image_url": out.image_url}


def router() -> APIRouter:
    """The poll and the page; POST /api/simulator/messages is bot.channels.simulator_post."""
    api = APIRouter()

    @api.get("/api/simulator/messages", response_model=SimResponse)
    async def poll(user: str, request: Request) -> SimResponse:
        """Messages that others' actions sent to this user (e.g. a seller's order notice)."""
        kedai = request.app.state.kedai

        def take() -> list[SimReply]:
            with unit_of_work(kedai.sessions) as s:
                shop = kedai.engine.shops.resolve(s, Inbound(CHANNEL, user, ""))
                rows = oq.take_pending_for(s, shop.id, CHANNEL, user, utcnow())
                s.commit()
                return [to_reply(Outbound.from_row(r.channel, r.recipient, r.payload)) for r in rows]

        return SimResponse(replies=await asyncio.get_running_loop().run_in_executor(kedai.db, take))

    @api.get("/", response_class=HTMLResponse)
    async def page() -> str:
        if not PAGE.exists():
            raise HTTPException(404)
        return PAGE.read_text(encoding="utf-8")

    return api
