"""Media refs as the URLs a channel can fetch or show.

A public ref (/media/<shop id>/<name>, or the demo's /media/demo/...) is a path on this server:
relative for the simulator page, under KEDAI_PUBLIC_URL for Twilio and Telegram. A private ref
(a customer's proof) becomes /media/private/<shop id>/<name>?e=<expiry>&s=<signature>, a link
only the shop's sellers are sent and which stops working after LINK_SECONDS."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from bot.messages import Outbound
from config import Settings
from media import signing
from media.store import PRIVATE_PREFIX, MediaStore, parse

LINK_SECONDS = 7 * 24 * 3600  # a seller may open an order's proof days later
PRIVATE_PATH = "/media/private"


class MediaLinks:
    def __init__(self, store: MediaStore, secret: bytes, public_url: str, *,
                 clock: Callable[[], float] = time.time):
        self.store = store
        self.secret = secret
        self.public_url = public_url.rstrip("/")
        self.clock = clock

    def url(self, ref: str, *, absolute: bool = False) -> str:
        """Where ref can be fetched; anything not ours (a URL, a Telegram file id) unchanged."""
        if ref.startswith(PRIVATE_PREFIX):
            parsed = parse(ref)
            if parsed is None:
                return ref
            shop_id, name, _ = parsed
            expires = int(self.clock()) + LINK_SECONDS
            path = f"{PRIVATE_PATH}/{shop_id}/{name}?e={expires}&s={signing.signature(self.secret, f'{shop_id}/{name}', expires)}"
        elif ref.startswith("/"):
            path = ref
        else:
            return ref
        return self.public_url + path if absolute else path

    def outbound(self, out: Outbound, *, absolute: bool = False) -> Outbound:
        """The Outbound with its picture as a fetchable URL."""
        if not out.image_url or not out.image_url.startswith(PRIVATE_PREFIX) and not absolute:
            return out
        return replace(out, image_url=self.url(out.image_url, absolute=absolute))

    def private_file(self, shop_id: int, name: str, expires: str, sig: str) -> Path | None:
        """The private file a signed link names, when the link is genuine and not expired."""
        if not re.fullmatch(r"\d{1,12}", expires or "") or not signing.valid(self.secret, f"{shop_id}/{name}", int(expires), sig or "",
                                                                             self.clock()):
            return None
        return self.store.file(shop_id, name, public=False)


def store_for(settings: Settings) -> MediaStore:
    return MediaStore(Path(settings.data_dir) / "shop_media")


@lru_cache(maxsize=8)
def _links(data_dir: str, configured: str | None, public_url: str) -> MediaLinks:
    store = MediaStore(Path(data_dir) / "shop_media")
    return MediaLinks(store, signing.secret_of(configured, Path(data_dir)), public_url)


def links_for(settings: Settings) -> MediaLinks:
    """One MediaLinks per install (the secret read once)."""
    return _links(str(settings.data_dir), settings.media_secret, settings.public_url)
