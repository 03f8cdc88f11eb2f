"""The two message types every channel translates to and from.

An Inbound is bounded and clean however it was built: every channel's adapter turns raw input
into one, and the constructor itself (`__post_init__`) cuts each field to what its column holds
(storage.models), removes NUL and other control characters and drops a location that is not
one, so no input reaches the database in a shape it refuses (PostgreSQL rejects NUL and
over-long strings), on any channel. Numbers inside button values are range-checked where a
flow reads them (conversations.choice.number): only the flow knows which part is a number and
which a SKU, which may well be a 13-digit barcode.

Outbound is defined in effects.outbox (appliers, scheduled jobs and the CLI write messages too,
and they sit below bot/) and re-exported here for the channel adapters.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from conversations.base import Media, Turn
from effects.outbox import Outbound  # noqa: F401  (re-exported: the channels read both types here)

# Column sizes (storage.models): identities.external_id, inbound_messages.message_id,
# shop_channels.account, identities.profile_name, payment_proofs.media_ref / content_type.
MAX_ID = 100
MAX_NAME = 200
MAX_TEXT = 20_000  # a message longer than this is cut; the flows answer anything over 4,096 as too long
MAX_CHOICE = 200
MAX_ADDRESS = 500
MAX_PHONE = 20
MAX_MEDIA_REF = 500
MAX_CONTENT_TYPE = 100
MAX_START = 64
# A button value longer than any of ours: the flows answer it as an old button.
STALE_CHOICE = "stale"

# C0 and C1 control characters, DEL, and lone surrogates (which no database encoding takes);
# text keeps its tabs and newlines, one-line fields turn them into spaces.
_CONTROL_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r]")


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """Text as a person wrote it, minus control characters, at most `limit` characters."""
    if not isinstance(value, str):
        return ""
    if _CONTROL_TEXT.search(value):
        value = _CONTROL_TEXT.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value[:limit]


def clean_line(value: object, limit: int) -> str:
    """A one-line field (a name, an address): line breaks become spaces, other controls go."""
    if not isinstance(value, str):
        return ""
    if _CONTROL_LINE.search(value):
        value = _CONTROL_LINE.sub("", _BREAKS.sub(" ", value))
    return value[:limit]


def clean_id(value: object, limit: int = MAX_ID) -> str:
    """A channel's id for a person or a message. One longer than its column is replaced by a
    digest of it rather than cut, so two long ids never become one (dedupe stays exact)."""
    text = value if isinstance(value, str) else str(value)
    text = clean_line(text, len(text))
    if len(text) <= limit:
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]
    return f"{text[:limit - 41]}~{digest}"


def clean_choice(value: object) -> str | None:
    """A button value, or STALE_CHOICE when it is longer than any button of ours."""
    if value is None:
        return None
    choice = clean_line(value, MAX_CHOICE + 1)
    return STALE_CHOICE if len(choice) > MAX_CHOICE else choice or None


def _optional(value: object, limit: int) -> str | None:
    return clean_line(value, limit) or None if value is not None else None


def _coordinate(value: object, bound: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) and -bound <= number <= bound else None


def _media(items: object) -> tuple[Media, ...]:
    if not isinstance(items, tuple):
        return ()
    kept = []
    for m in items[:10]:
        ref = clean_line(m.ref, MAX_MEDIA_REF + 1)
        kept.append(Media(ref if len(ref) <= MAX_MEDIA_REF else "", clean_line(m.content_type, MAX_CONTENT_TYPE),
                          m.rejected if ref and len(ref) <= MAX_MEDIA_REF else (m.rejected or "unavailable")))
    return tuple(kept)


@dataclass(frozen=True)
class Inbound:
    """One genuine message from a channel, already verified by its adapter."""

    channel: str  # "simulator" | "telegram" | "whatsapp"
    sender: str  # the channel's id for the person: chat id, E.164 number, simulator user
    message_id: str  # the channel's id for this delivery, used to drop redeliveries
    text: str = ""
    choice: str | None = None
    account: str | None = None  # which bot / number received it, for multi-shop deployments
    profile_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    phone: str | None = None  # a shared contact, E.164
    media: tuple[Media, ...] = ()
    start_payload: str | None = None
    edited: bool = False  # the person edited an earlier message (see handlers.customer.route)
    pressed: str | None = None  # the channel's id of the message whose button was pressed
    received_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def __post_init__(self) -> None:
        bounded = {
            "sender": clean_id(self.sender), "message_id": clean_id(self.message_id), "text": clean_text(self.text),
            "choice": clean_choice(self.choice), "account": _optional(self.account, MAX_ID),
            "profile_name": _optional(self.profile_name, MAX_NAME), "address": _optional(self.address, MAX_ADDRESS),
            "phone": _optional(self.phone, MAX_PHONE + 1), "media": _media(self.media),
            "start_payload": _optional(self.start_payload, MAX_START), "pressed": _optional(self.pressed, MAX_ID),
        }
        if bounded["phone"] is not None and len(bounded["phone"]) > MAX_PHONE:
            bounded["phone"] = None  # not a phone number at all
        latitude, longitude = _coordinate(self.latitude, 90), _coordinate(self.longitude, 180)
        if latitude is None or longitude is None:
            latitude = longitude = None
        bounded.update(latitude=latitude, longitude=longitude)
        if not isinstance(self.received_at, datetime) or self.received_at.tzinfo is None:
            bounded["received_at"] = datetime.now(timezone.utc)
        for name, value in bounded.items():
            if value != getattr(self, name):
                object.__setattr__(self, name, value)

    def turn(self) -> Turn:
        return Turn(text=self.text, choice=self.choice, latitude=self.latitude, longitude=self.longitude,
                    address=self.address, phone=self.phone, media=self.media, start_payload=self.start_payload,
                    edited=self.edited)
