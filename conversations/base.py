"""Channel-neutral pieces every flow shares: what comes in (Turn), what goes out (Reply),
what a step returns (Step), and the read-only context a step may consult (Ctx).

A step is a plain function `(state, data, turn, ctx) -> Step`; unit tests call it directly.
A Step may ask the world for effects and name its continuation (`then`): `settle` applies
the effects through whatever `apply` it is given (effects.registry in the engine, a fake in
flow tests) and hands the outcomes to the continuation, which words them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from catalog.products import CatalogReader
from shops.profile import ShopProfile
from conversations.examples import ExampleReader, NoExamples
from conversations.ports import (FaqReader, HandoffReader, InviteReader, ListedFaqs, ListedHandoffs, MarketingReader,
                                 NoInvites, NoMarketing, NoReviews, OrderReader, ReviewReader)


@dataclass(frozen=True)
class Button:
    label: str
    value: str


@dataclass(frozen=True)
class Picture:
    """A product's picture in a list: its media ref and a caption naming it (its price with it)."""

    url: str
    caption: str


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply (a report as a document, a chart as a picture), the reply's text
    its caption. A flow is pure and runs inside the message's transaction, so it names what to
    make (`render`, plain JSON: it travels in the outbox row) and the file is made after commit,
    off the event loop, by the delivery (bot.attachments), which fills in `path` and `url`."""

    kind: str  # "document" | "image"
    filename: str
    content_type: str
    render: dict[str, Any] = field(default_factory=dict)  # what to make: {"what": "report" | "chart", ...}
    path: str | None = None  # the made file on this server's disk
    url: str | None = None  # where the made file is served ("/media/files/<token>.pdf"), for channels that fetch

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "filename": self.filename, "content_type": self.content_type,
                "render": self.render, "path": self.path, "url": self.url}

    @classmethod
    def from_json(cls, value: Any) -> Attachment | None:
        if not isinstance(value, dict) or value.get("kind") not in ("document", "image"):
            return None
        return cls(value["kind"], str(value.get("filename") or "file"), str(value.get("content_type") or ""),
                   dict(value.get("render") or {}), value.get("path"), value.get("url"))


@dataclass
class Reply:
    text: str
    buttons: list[Button] = field(default_factory=list)
    image_url: str | None = None
    # False where a bare number typed next means a quantity, not "the Nth choice".
    numbered: bool = True
    # A page of a list being paged through: a channel that can edit messages may show it in
    # place of the message whose button led here, instead of adding one more to the chat.
    in_place: bool = False
    # Ask for the person's own phone number with the channel's share-contact button (Telegram);
    # answering is optional, the conversation goes on either way.
    ask_contact: bool = False
    # Pictures of the products a list shows: an album on Telegram, image messages on WhatsApp,
    # thumbnails on the simulator page (before the text).
    pictures: tuple[Picture, ...] = ()
    attachment: Attachment | None = None  # a document or picture made after commit (bot.attachments)


@dataclass(frozen=True)
class Media:
    ref: str  # channel reference: Telegram file_id, or the stored file's path (bot.media_store)
    content_type: str = "image/jpeg"
    # Set when the channel could not keep the file: "type" (not an image or PDF), "too_large", "unavailable".
    rejected: str | None = None


@dataclass(frozen=True)
class Turn:
    """One inbound message as a flow sees it."""

    text: str = ""
    choice: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    phone: str | None = None
    media: tuple[Media, ...] = ()
    start_payload: str | None = None
    edited: bool = False  # a correction of an earlier message, not a new one


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Ctx:
    shop: ShopProfile
    catalog: CatalogReader
    customer: CustomerView
    orders: OrderReader
    now: datetime
    tz: ZoneInfo
    # Keyword-only with defaults: contexts that need no promotions or invites (flow tests, and
    # subclasses such as conversations.seller.ports.SellerCtx) need not know about them.
    promos: MarketingReader = field(default=NoMarketing(), kw_only=True)
    invites: InviteReader = field(default=NoInvites(), kw_only=True)
    examples: ExampleReader = field(default=NoExamples(), kw_only=True)  # the shop's own products, for examples
    faqs: FaqReader = field(default=ListedFaqs(), kw_only=True)  # the seller's own answers
    handoffs: HandoffReader = field(default=ListedHandoffs(), kw_only=True)  # customers handed to a seller
    reviews: ReviewReader = field(default=NoReviews(), kw_only=True)  # what customers thought of a product


# A flow's continuation: called by the engine, in the same transaction, with the step that asked
# for effects and one outcome per effect (in order), it returns the step that words how it went.
Then = Callable[["Step", list[Any], Any], "Step"]


@dataclass
class Step:
    """What a step returns: the next state and data, the replies, and what to ask the world.

    `effects` are plain values (no SQL); effects.registry applies each one and collects its
    outcome, then calls `then` (a function of the same flow) to word the result. Without
    `then` the outcomes are not needed (e.g. remembering a customer's name).
    """

    state: str
    data: dict[str, Any]
    replies: list[Reply] = field(default_factory=list)
    effects: list[Any] = field(default_factory=list)
    then: Then | None = None


def say(state: str, data: dict[str, Any], *replies: Reply, effects: list[Any] | None = None,
        then: Then | None = None) -> Step:
    return Step(state, data, list(replies), effects or [], then)


def ask(step: Step, effects: list[Any], then: Then) -> Step:
    """The same step, now asking the world for `effects` and worded afterwards by `then`."""
    return Step(step.state, step.data, step.replies, effects, then)


def done(step: Step, *replies: Reply) -> Step:
    """The step with its effects settled (none left to apply), with `replies` added."""
    return Step(step.state, step.data, step.replies + list(replies))


MAX_ROUNDS = 4  # a continuation may ask for more (an order, then the consent question), never forever


def settle(step: Step, apply: Callable[[Any], Any], ctx: Any) -> Step:
    """Applies the step's effects in order (`apply` returns each one's outcome) and hands the
    outcomes to the step's continuation, until a step asks for nothing more. The engine passes
    the real appliers (effects.registry); flow tests pass their own."""
    for _ in range(MAX_ROUNDS):
        if not step.effects:
            return step
        outcomes = [apply(effect) for effect in step.effects]
        step = step.then(step, outcomes, ctx) if step.then is not None else Step(step.state, step.data, step.replies)
    raise RuntimeError(f"effects kept asking for more effects: {step.effects!r}")
