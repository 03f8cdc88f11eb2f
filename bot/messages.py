"""The two message types every channel translates to and from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from conversations.base import Button, Media, Reply, Turn


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

    def turn(self) -> Turn:
        return Turn(text=self.text, choice=self.choice, latitude=self.latitude, longitude=self.longitude,
                    address=self.address, phone=self.phone, media=self.media, start_payload=self.start_payload,
                    edited=self.edited)


@dataclass(frozen=True)
class Outbound:
    """A reply or notification bound for one person on one channel (an outbox row's payload)."""

    channel: str
    recipient: str
    text: str
    buttons: tuple[Button, ...] = ()
    image_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # channel hints, e.g. "edit" for paging

    @classmethod
    def reply(cls, channel: str, recipient: str, reply: Reply, pressed: str | None = None) -> Outbound:
        """pressed: the message whose button led here, which an in-place reply may replace."""
        extra: dict[str, Any] = {}
        if reply.in_place:
            extra = {"in_place": True, "edit": pressed} if pressed else {"in_place": True}
        if not reply.numbered:  # channels without buttons (WhatsApp) number choices only where a number means one
            extra["numbered"] = False
        return cls(channel, recipient, reply.text, tuple(reply.buttons), reply.image_url, extra)

    def payload(self) -> dict[str, Any]:
        return {"text": self.text, "buttons": [{"label": b.label, "value": b.value} for b in self.buttons],
                "image_url": self.image_url, "extra": self.extra}

    @classmethod
    def from_row(cls, channel: str, recipient: str, payload: dict[str, Any]) -> Outbound:
        return cls(channel, recipient, payload.get("text", ""),
                   tuple(Button(b["label"], b["value"]) for b in payload.get("buttons", [])),
                   payload.get("image_url"), payload.get("extra") or {})
