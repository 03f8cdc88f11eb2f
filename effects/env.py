"""What an applier works with: the message's transaction, the context the flow had, who sent
the message, and the notices (messages to other people) the appliers add as they go."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from conversations.base import Ctx
from effects.outbox import Outbound
from media.store import MediaStore
from orders.quotes import NoRates, RatesService


@dataclass(frozen=True)
class Who:
    shop_id: int
    customer_id: int
    channel: str
    sender: str
    window_minutes: float  # the payment window (KEDAI_PAYMENT_WINDOW_MINUTES), unless the shop sets its own


@dataclass
class Env:
    session: Session
    ctx: Ctx
    who: Who
    notices: list[Outbound] = field(default_factory=list)
    shop_changed: bool = False  # the shop's profile was rewritten: the engine re-reads it for the next message
    # A courier rates service that may quote a delivery fee at once; off by default (orders.quotes).
    rates: RatesService = field(default_factory=NoRates)
    # The shop's files (a picture the owner sent, say), where the server keeps a media store.
    media: MediaStore | None = None
