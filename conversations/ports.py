"""What a flow may read besides the catalog (catalog.products.CatalogReader): the customer's
orders (Ctx.orders), the shop's promotions and broadcasts (Ctx.promos), open staff invites and the
owner code (Ctx.invites); examples from the shop's own products are conversations.examples. Each port is a Protocol with an in-memory default for tests that need no
database; the database implementations are in adapters/."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from marketing.broadcasts import BroadcastInfo, Preview, RunReport, Segment
from marketing.loyalty import Card, Rule, reward_promotion
from marketing.promotions import Promotion
from texts.id.regulars import REWARD_NAME


@dataclass(frozen=True)
class OrderSummary:
    code: str
    status: str
    total: int
    created_at: datetime
    payment_method: str = ""
    pay_by: datetime | None = None
    fulfilment: str = "delivery"
    unique_code: int = 0
    paid_at: datetime | None = None
    proof_pending: bool = False
    courier: str | None = None
    tracking_no: str | None = None
    customer_name: str = ""
    lines: tuple[tuple[int, str, int], ...] = ()  # (qty, name, line_total), filled by find()
    quote_by: datetime | None = None  # a quoted delivery fee: who must act next, by when
    delivery_fee: int = 0
    handle_at: datetime | None = None  # taken while the shop was closed: handled at its opening
    deliver_on: str | None = None  # a pre-order's delivery day (shop-local ISO date)
    items: tuple[tuple[str, int, str], ...] = ()  # (sku, qty, name) as ordered, filled by find(): what "pesan lagi" re-adds
    address: str | None = None  # where a delivered order went: checkout offers it next time


class OrderReader(Protocol):
    def recent(self, customer_id: int, limit: int = 5) -> list[OrderSummary]: ...

    def find(self, customer_id: int, code: str) -> OrderSummary | None:
        """This customer's order with this code; another customer's order is not found."""
        ...

    def awaiting_payment(self, customer_id: int) -> list[OrderSummary]:
        """This customer's orders still waiting for payment, newest first."""
        ...


@dataclass(frozen=True)
class Rating:
    """What customers thought of a product: the average stars, how many reviews, the latest comment."""

    average: float
    count: int
    comment: str | None = None


class ReviewReader(Protocol):
    def rating(self, skus: Sequence[str]) -> Rating | None:
        """The ratings of the orders that held any of these skus (a product's options), else None."""
        ...

    def awaiting(self, customer_id: int) -> str | None:
        """The code of this customer's order whose review was asked lately and not given yet."""
        ...


class NoReviews:
    def rating(self, skus: Sequence[str]) -> Rating | None:
        return None

    def awaiting(self, customer_id: int) -> str | None:
        return None


@dataclass
class MemoryReviews:
    """Ratings held in memory by sku, for flow tests."""

    by_sku: dict[str, Rating]
    asked: str | None = None  # the order whose review is awaited

    def rating(self, skus: Sequence[str]) -> Rating | None:
        return next((self.by_sku[s] for s in skus if s in self.by_sku), None)

    def awaiting(self, customer_id: int) -> str | None:
        return self.asked


@dataclass(frozen=True)
class OpenInvite:
    """A staff invite code that is still valid (conversations.seller.invites)."""

    id: int
    invited_by: int


class InviteReader(Protocol):
    def open_invite(self, code: str) -> OpenInvite | None:
        """The unused, unexpired invite with this code, else None."""
        ...

    def owner_code_open(self, code: str) -> bool:
        """Whether this is the shop's unused, unexpired owner code (shops.owner_code)."""
        ...


class NoInvites:
    def open_invite(self, code: str) -> OpenInvite | None:
        return None

    def owner_code_open(self, code: str) -> bool:
        return False


class MarketingReader(Protocol):
    def offers(self, customer_id: int, codes: Sequence[str]) -> list[Promotion]:
        """Live promos this customer may still use: the automatic ones and those with `codes`."""

    def by_code(self, code: str) -> Promotion | None: ...

    def promotions(self) -> list[Promotion]: ...

    def preview(self, segment: Segment) -> Preview:
        """Who a broadcast to this segment would reach (and skip), as of now."""

    def broadcasts(self) -> list[BroadcastInfo]: ...

    def reports(self, broadcast_id: int) -> list[RunReport]: ...

    def loyalty_rule(self) -> Rule | None:
        """The shop's loyalty rule (marketing.loyalty), if it has one."""

    def loyalty(self, customer_id: int) -> Card | None:
        """This customer's stamps under the shop's loyalty rule; None without a rule."""


class NoMarketing:
    """A shop without promotions: the default, so flows and tests need no database."""

    def offers(self, customer_id: int, codes: Sequence[str]) -> list[Promotion]:
        return []

    def by_code(self, code: str) -> Promotion | None:
        return None

    def promotions(self) -> list[Promotion]:
        return []

    def preview(self, segment: Segment) -> Preview:
        return Preview()

    def broadcasts(self) -> list[BroadcastInfo]:
        return []

    def reports(self, broadcast_id: int) -> list[RunReport]:
        return []

    def loyalty_rule(self) -> Rule | None:
        return None

    def loyalty(self, customer_id: int) -> Card | None:
        return None


@dataclass
class MemoryMarketing(NoMarketing):
    """Promos held in memory, for flow tests (limits as given on each Promotion)."""

    promos: Sequence[Promotion] = ()
    used: dict[int, int] | None = None
    audience: Preview = Preview()
    card: Card | None = None  # the customer's stamps (and so the shop's rule)

    def loyalty_rule(self) -> Rule | None:
        return self.card.rule if self.card else None

    def loyalty(self, customer_id: int) -> Card | None:
        return self.card

    def offers(self, customer_id: int, codes: Sequence[str]) -> list[Promotion]:
        wanted = {c.upper() for c in codes}
        reward = reward_promotion(self.card, REWARD_NAME) if self.card else None
        return [p for p in self.promos if (p.code is None or p.code in wanted) and p.usable((self.used or {}).get(p.id, 0))] + (
            [reward] if reward else [])

    def by_code(self, code: str) -> Promotion | None:
        return next((p for p in self.promos if p.code == code.upper()), None)

    def promotions(self) -> list[Promotion]:
        return list(self.promos)

    def preview(self, segment: Segment) -> Preview:
        return self.audience


@dataclass(frozen=True)
class Faq:
    """A seller's own answer to a question (conversations.seller.faq), as customers are answered."""

    id: int
    question: str
    answer: str
    key: str  # the question's words as compared (language.questions.faq_key)


class FaqReader(Protocol):
    def faqs(self) -> list[Faq]:
        """The shop's entries, oldest first (the numbers a seller sees)."""
        ...


class ListedFaqs:
    """Entries as plain data: the default (none) and flow tests."""

    def __init__(self, entries: Sequence[Faq] = ()):
        self.entries = list(entries)

    def faqs(self) -> list[Faq]:
        return list(self.entries)


@dataclass(frozen=True)
class HandoffView:
    """A customer handed to the sellers (conversations.customer.handoff, conversations.seller.handoff)."""

    id: int
    status: str  # waiting | open
    kind: str  # talk | complaint | question
    customer: str  # their name, or where they chat
    question: str = ""
    seller_id: int | None = None
    order_code: str | None = None


class HandoffReader(Protocol):
    def active(self, customer_id: int) -> HandoffView | None:
        """The customer's handoff that is waiting or open, if any."""
        ...

    def queue(self) -> list[HandoffView]:
        """Every handoff not closed, oldest first."""
        ...


class ListedHandoffs:
    """Handoffs as plain data: the default (none) and flow tests."""

    def __init__(self, entries: Sequence[HandoffView] = (), customer_id: int | None = None):
        self.entries, self.customer_id = list(entries), customer_id

    def active(self, customer_id: int) -> HandoffView | None:
        return self.entries[0] if self.entries and customer_id == self.customer_id else None

    def queue(self) -> list[HandoffView]:
        return list(self.entries)
