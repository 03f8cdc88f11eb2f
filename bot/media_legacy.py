"""Product pictures kept before the media store, moved into it once at start: a WhatsApp
seller's photo kept as a server path, and a Telegram seller's kept as the bot's file id (fetched
by that bot through getFile). Either was a 404 on every other channel; afterwards it is the
shop's public picture like any other. Whatever cannot be read is left as it was and logged."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from media.store import MediaRejected, MediaStore
from storage import products as products_db
from storage.db import unit_of_work

log = logging.getLogger(__name__)


def adopt_paths(sessions: sessionmaker[Session], store: MediaStore) -> int:
    """Server paths that still name a picture become the shop's store refs; returns how many."""
    moved = 0
    with unit_of_work(sessions) as s:
        for row in products_db.fetch_images_outside_store(s):
            path = Path(row.image_url)
            if not path.is_absolute() or not path.is_file():
                continue
            try:
                kept = store.put(row.shop_id, path.read_bytes(), public=True)
            except (MediaRejected, OSError) as exc:
                log.warning("product %s: picture %s not moved into the media store (%s)", row.id, path, exc)
                continue
            products_db.set_image(s, row.id, kept.ref, row.image_url)
            moved += 1
        s.commit()
    return moved


async def adopt_file_ids(sessions: sessionmaker[Session], store: MediaStore, shop_id: int,
                         fetch: Callable[[str], Awaitable[bytes]]) -> int:
    """A shop's pictures kept as its Telegram bot's file ids, fetched through that bot."""
    with unit_of_work(sessions) as s:
        rows = [r for r in products_db.fetch_images_outside_store(s, shop_id) if not r.image_url.startswith("/")]
    moved = 0
    for row in rows:
        try:
            kept = store.put(shop_id, await fetch(row.image_url), public=True)
        except Exception as exc:  # not this bot's file, gone, or no picture: left as it was
            log.warning("product %s: Telegram file %.40s not moved into the media store (%s)", row.id, row.image_url, exc)
            continue
        with unit_of_work(sessions) as s:
            products_db.set_image(s, row.id, kept.ref, row.image_url)
            s.commit()
        moved += 1
    return moved
