"""The two message types every channel translates to and from: Inbound, defined here, and
Outbound, defined in effects.outbox (appliers, scheduled jobs and the CLI write messages too,
and they sit below bot/) and re-exported here for the channel adapters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from conversations.base import Media, Turn
from effects.outbox import Outbound

__all__ = ["Inbound", "Outbound"]


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
