"""Making the files replies carry (conversations.base.Attachment), after commit, off the event loop.

A flow names what to make; the outbox row carries that name (the report's month, the chart's
days and figures), not the file. Why: the flow runs inside the message's transaction, which
holds the person's conversation row and the inbound dedupe; drawing a PDF and a chart there
would hold them (and a database worker) for the ~0.3-1 s of CPU it takes. Made here instead,
in a worker thread (`asyncio.to_thread`: matplotlib's object API and fpdf2 are safe there),
when the row is sent; a crash before sending loses nothing, because the row still says what
to make, and a retry makes it again.

Made files go under the data dir's media/files/ in a folder with an unguessable name (a capability URL):
Twilio fetches a WhatsApp attachment by URL, Telegram gets the bytes uploaded, the simulator
a link.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from bot.messages import Outbound

URL_PREFIX = "/media/files"
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png"}


class Files:
    def __init__(self, sessions: sessionmaker[Session], media_dir: Path, clock: Callable[[], datetime]):
        self.sessions = sessions
        self.folder = Path(media_dir) / "files"
        self.clock = clock

    async def prepare(self, out: Outbound, shop_id: int | None = None) -> Outbound:
        """The message with its attachment made (path and url filled in); unchanged without one."""
        attachment = out.attachment
        if attachment is None or (attachment.path and Path(attachment.path).is_file()):
            return out
        shop = shop_id if shop_id is not None else out.shop_id
        path = await asyncio.to_thread(self._make, attachment.render, attachment.content_type, shop,
                                       attachment.filename)
        url = f"{URL_PREFIX}/{path.parent.name}/{path.name}"
        return replace(out, attachment=replace(attachment, path=str(path), url=url))

    def _make(self, spec: dict[str, Any], content_type: str, shop_id: int | None, filename: str = "") -> Path:
        data = render(spec, shop_id, self.sessions, self.clock())
        # The unguessable part is the folder; the file keeps its own name, because WhatsApp shows
        # a document under the last part of the URL Twilio fetched: "Laporan-Keuangan-2026-12.pdf"
        # for the seller to forward to the bank, not a string of random letters.
        folder = self.folder / secrets.token_urlsafe(18)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / file_name(filename, EXTENSIONS.get(content_type, ".bin"))
        tmp = path.with_name(f".{path.name}.part")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return path


def file_name(filename: str, extension: str) -> str:
    """A name safe in a URL and on disk: letters, digits, dots, dashes; the type's extension."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(filename).stem).strip(".-")[:80] or "file"
    return stem + extension


def render(spec: dict[str, Any], shop_id: int | None, sessions: sessionmaker[Session], now: datetime) -> bytes:
    """The bytes an attachment's `render` names: {"what": "chart", "days", "label", "shop"},
    {"what": "qris", "payload"}, or {"what": "report", "month": "YYYY-MM", "tz", "shop"} (read
    from the books now)."""
    what = spec.get("what")
    if what == "chart":
        from books.chart import render_sales_chart

        days = [(date.fromisoformat(d), int(a)) for d, a in spec.get("days", [])]
        return render_sales_chart(days, str(spec.get("label", "")), str(spec.get("shop", ""))).png
    if what == "qris":  # an order's own QRIS, the amount in it (orders.qris.to_dynamic)
        from orders.qris_image import qr_png

        return qr_png(str(spec.get("payload", "")))
    if what == "report":
        from books import figures
        from books.periods import parse_month
        from books.render_pdf import render_pdf

        if shop_id is None:
            raise ValueError("a report needs the shop it is for")
        period = parse_month(str(spec.get("month")), ZoneInfo(str(spec.get("tz") or "Asia/Jakarta")))
        with sessions() as session:
            report = figures.compute(session, shop_id, str(spec.get("shop", "")), period, now)
        return render_pdf(report)
    raise ValueError(f"nothing to render for {spec!r}")
