"""The media store served: a shop's public pictures at /media/<shop id>/<name> (Telegram and
Twilio fetch them by URL), its private files only through a signed, expiring link
(bot.media_links). Names are content hashes; anything else is 404, never a path on disk."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

from bot.media_links import PRIVATE_PATH, MediaLinks
from media.sniff import sniff

PUBLIC_CACHE = "public, max-age=31536000, immutable"  # a name is its content: it never changes


def _response(path, cache: str) -> FileResponse:  # type: ignore[no-untyped-def]
    with open(path, "rb") as f:
        found = sniff(f.read(16))
    kind = found[0] if found else "application/octet-stream"
    return FileResponse(path, media_type=kind, headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"})


def add(app: FastAPI, links: MediaLinks) -> None:
    """Registered before the /media mounts, so these paths are answered here."""

    @app.get(PRIVATE_PATH + "/{shop_id}/{name}")
    async def private(shop_id: int, name: str, e: str = "", s: str = "") -> FileResponse:
        path = links.private_file(shop_id, name, e, s) if 0 <= shop_id < 10**12 else None
        if path is None:
            raise HTTPException(404)
        return _response(path, "private, no-store")

    @app.get("/media/{shop_id:int}/{name}")
    async def public(shop_id: int, name: str) -> FileResponse:
        path = links.store.file(shop_id, name, public=True) if 0 <= shop_id < 10**12 else None
        if path is None:
            raise HTTPException(404)
        return _response(path, PUBLIC_CACHE)
