"""A Twilio WhatsApp webhook's form fields -> one Inbound, and its media fetched into the media store.

Fields read: From/WaId (the customer), To (our number), MessageSid, Body, ProfileName,
NumMedia with MediaUrl{N}/MediaContentType{N}, Latitude/Longitude/Address/Label,
ButtonPayload/ButtonText (quick replies) and ListId/ListTitle (list pickers). Anything else
Twilio adds is ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from bot import media_store
from bot.channels.twilio_http import rewrite_twilio_url
from bot.messages import Inbound
from media.store import MediaRejected, MediaStore
from bot.phones import normalize_phone
from conversations.base import Media

log = logging.getLogger(__name__)

CHANNEL = "whatsapp"
MAX_MEDIA = 10


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def translate(params: Mapping[str, str], now: datetime | None = None) -> Inbound | None:
    """The Inbound for a message webhook, or None when the fields do not describe one."""
    sender = normalize_phone(params.get("From")) or normalize_phone(params.get("WaId"))
    message_id = params.get("MessageSid") or params.get("SmsMessageSid")
    if not sender or not message_id:
        return None
    lat, lon = _float(params.get("Latitude")), _float(params.get("Longitude"))
    label, address = params.get("Label") or "", params.get("Address") or ""
    place = ", ".join(p for p in (label, address) if p) or None
    choice = params.get("ButtonPayload") or params.get("ListId") or None
    text = params.get("Body") or params.get("ButtonText") or params.get("ListTitle") or ""
    try:
        count = min(int(params.get("NumMedia") or 0), MAX_MEDIA)
    except ValueError:
        count = 0
    media = tuple(Media(ref=params[f"MediaUrl{i}"], content_type=params.get(f"MediaContentType{i}") or "")
                  for i in range(count) if params.get(f"MediaUrl{i}"))
    return Inbound(
        channel=CHANNEL, sender=sender, message_id=message_id, text=text, choice=choice,
        account=normalize_phone(params.get("To")) or params.get("To"), profile_name=params.get("ProfileName") or None,
        latitude=lat if lat is not None and lon is not None else None,
        longitude=lon if lat is not None and lon is not None else None,
        address=place if lat is not None else None, media=media,
        received_at=now or datetime.now(timezone.utc),
    )


def is_twilio_url(url: str) -> bool:
    """Our credentials go only to Twilio: a MediaUrl anywhere else is not fetched."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (host == "twilio.com" or host.endswith(".twilio.com"))


class TwilioMedia:
    """Downloads inbound media with the account's basic auth (Twilio answers with a redirect to
    its CDN, which httpx follows without the credentials) and hands the bytes to the media store,
    which checks what they are; the engine files them as the shop's."""

    def __init__(self, account_sid: str, auth_token: str, data_dir: Path, base_url: str | None = None,
                 timeout: float = 8.0):
        self.store = MediaStore(Path(data_dir) / "shop_media")
        self.base_url = base_url
        self.http = httpx.AsyncClient(auth=(account_sid, auth_token), follow_redirects=True, timeout=timeout,
                                      trust_env=base_url is None)

    async def keep(self, inbound: Inbound) -> Inbound:
        """The Inbound with each media ref replaced by the store's incoming ref (or marked rejected)."""
        if not inbound.media:
            return inbound
        kept = [await self._fetch(inbound.message_id, i, m) for i, m in enumerate(inbound.media)]
        return replace(inbound, media=tuple(kept))

    async def _fetch(self, message_id: str, index: int, media: Media) -> Media:
        try:
            media_store.check(media.content_type)
        except media_store.MediaRejected as exc:
            return replace(media, rejected=exc.reason)
        if not is_twilio_url(media.ref):
            return replace(media, rejected="unavailable")
        try:
            data, _ = await self._download(rewrite_twilio_url(media.ref, self.base_url))
            kept = self.store.receive(data)
        except MediaRejected as exc:
            return replace(media, rejected=exc.reason)
        except (httpx.HTTPError, OSError) as exc:
            log.warning("could not fetch media %s of %s: %r", index, message_id, exc)
            return replace(media, rejected="unavailable")
        return Media(ref=kept.ref, content_type=kept.content_type)

    async def _download(self, url: str) -> tuple[bytes, str]:
        """The bytes, stopping as soon as they pass the size limit."""
        async with self.http.stream("GET", url) as response:
            response.raise_for_status()
            content_type = response.headers.get("content-type", "")
            media_store.check(content_type or "image/unknown", int(response.headers.get("content-length") or 0))
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                media_store.check(content_type or "image/unknown", size)
                chunks.append(chunk)
            return b"".join(chunks), content_type

    async def aclose(self) -> None:
        await self.http.aclose()
