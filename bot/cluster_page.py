"""`GET /c/CLUSTER`: a cluster's shared catalog, every member shop's visible products with a
link to order each from its own shop (t.me for a linked Telegram bot whose name is known,
wa.me for a WhatsApp number, the message pre-filled). Public, like the shops' pictures."""

from __future__ import annotations

import asyncio
from html import escape
from urllib.parse import quote

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse

from bot.bootstrap import Kedai
from bot.bot_names import USERNAMES
from language.money import rupiah
from marketing.cluster import ShopShelf, shelves
from storage import clusters as clusters_db
from storage.db import unit_of_work
from texts.id import cluster as t


def order_links(shelf: ShopShelf, product: str) -> list[tuple[str, str]]:
    """(label, url) of each way to order this product from its shop."""
    message = quote(t.ORDER_TEXT.format(product=product))
    out = []
    for channel, account in shelf.links:
        if channel == "telegram" and account in USERNAMES:
            out.append((t.LINK_TELEGRAM, f"https://t.me/{USERNAMES[account]}?text={message}"))
        elif channel == "whatsapp":
            out.append((t.LINK_WHATSAPP, f"https://wa.me/{account.lstrip('+')}?text={message}"))
    return out


def render(name: str, found: list[ShopShelf]) -> str:
    parts = [f"<!doctype html><html lang=id><meta charset=utf-8><meta name=viewport content='width=device-width'>"
             f"<title>{escape(t.PAGE_TITLE.format(cluster=name))}</title><h1>{escape(name)}</h1>"]
    for shelf in found:
        parts.append(f"<section><h2>{escape(shelf.name)}</h2><ul>")
        for label, price, on_sale in shelf.products:
            links = " ".join(f"<a href='{escape(url)}'>{escape(text)}</a>" for text, url in order_links(shelf, label))
            state = "" if on_sale else f" <em>({escape(t.PAGE_SOLD_OUT)})</em>"
            parts.append(f"<li>{escape(label)}: {escape(rupiah(price))}{state} {links}</li>")
        if not shelf.products:
            parts.append(f"<li>{escape(t.PAGE_EMPTY)}</li>")
        parts.append("</ul></section>")
    return "".join(parts) + "</html>"


def router(kedai: Kedai) -> APIRouter:
    api = APIRouter()

    @api.get("/c/{slug}", response_class=HTMLResponse)
    async def cluster_page(slug: str) -> HTMLResponse:
        def read() -> tuple[str, list[ShopShelf]] | None:
            with unit_of_work(kedai.sessions) as s:
                cluster = clusters_db.fetch_cluster(s, slug)
                return None if cluster is None else (cluster.name, shelves(s, cluster))

        found = await asyncio.get_running_loop().run_in_executor(kedai.db, read)
        if found is None:
            raise HTTPException(404, "no such cluster")
        return HTMLResponse(render(*found))

    return api
