"""What leaves the process: an Outbound message for one person on one channel, and the one
function that writes messages to the outbox. Delivery happens after commit (bot.delivery);
the outbox row's payload is exactly `Outbound.payload()`, hints and all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from conversations.base import Attachment, Button, Picture, Reply
from storage import outbox as outbox_db


@dataclass(frozen=True)
class Outbound:
    """A reply or notification bound for one person on one channel (an outbox row's payload)."""

    channel: str
    recipient: str
    text: str
    buttons: tuple[Button, ...] = ()
    image_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # channel hints, e.g. "edit" for paging
    # The shop it is sent for (the outbox row's), so it leaves from that shop's bot or number;
    # not part of the payload.
    shop_id: int | None = None
    pictures: tuple[Picture, ...] = ()  # a list's product pictures (conversations.base.Reply.pictures)
    # A document or picture sent with the text as its caption (conversations.base.Attachment);
    # in the payload only when there is one.
    attachment: Attachment | None = None

    @classmethod
    def reply(cls, channel: str, recipient: str, reply: Reply, pressed: str | None = None) -> Outbound:
        """pressed: the message whose button led here, which an in-place reply may replace."""
        extra: dict[str, Any] = {}
        if reply.in_place:
            extra = {"in_place": True, "edit": pressed} if pressed else {"in_place": True}
        if not reply.numbered:  # channels without buttons (WhatsApp) number choices only where a number means one
            extra["numbered"] = False
        if reply.ask_contact:
            extra["ask_contact"] = True
        return cls(channel, recipient, reply.text, tuple(reply.buttons), reply.image_url, extra,
                   pictures=tuple(reply.pictures), attachment=reply.attachment)

    def payload(self) -> dict[str, Any]:
        payload = {"text": self.text, "buttons": [{"label": b.label, "value": b.value} for b in self.buttons],
                   "image_url": self.image_url, "extra": self.extra}
        if self.pictures:
            payload["pictures"] = [{"url": p.url, "caption": p.caption} for p in self.pictures]
        if self.attachment is not None:
            payload["attachment"] = self.attachment.to_json()
        return payload

    @classmethod
    def from_row(cls, channel: str, recipient: str, payload: dict[str, Any], shop_id: int | None = None) -> Outbound:
        return cls(channel, recipient, payload.get("text", ""),
                   tuple(Button(b["label"], b["value"]) for b in payload.get("buttons", [])),
                   payload.get("image_url"), payload.get("extra") or {}, shop_id,
                   tuple(Picture(p["url"], p.get("caption", "")) for p in payload.get("pictures") or ()),
                   Attachment.from_json(payload.get("attachment")))


def outbox_row(shop_id: int, out: Outbound, inbound_id: int | None = None) -> dict[str, Any]:
    """The one way an Outbound becomes an outbox row."""
    return {"shop_id": shop_id, "channel": out.channel, "recipient": out.recipient, "payload": out.payload(),
            "inbound_id": inbound_id}


def write(session: Session, shop_id: int, outs: Sequence[Outbound], now: datetime, *,
          inbound_id: int | None = None) -> list[int]:
    """Writes messages to deliver, in order, in the caller's transaction; returns their row ids."""
    return outbox_db.add_outbox(session, [outbox_row(shop_id, out, inbound_id) for out in outs], now)


def to(channel: str, recipient: str, reply: Reply, *, remembered: bool = False) -> Outbound:
    """A message for someone other than the sender (a seller, a customer told of a change).

    Its choices are not what the recipient's conversation remembers (handlers.choices reads a
    typed number against their own last reply), so on WhatsApp they are not numbered: a "1"
    typed under a notice would press the first button of some earlier message instead (a seller
    answering "1. Layani Rina" would move an order). Its labels are shown to type instead.
    remembered: the caller stored these choices as the recipient's offer (a review ask)."""
    return Outbound.reply(channel, recipient, reply if remembered else replace(reply, numbered=False))
