"""A customer handed to a person of the shop: "mau bicara dengan penjual", "admin", "komplain …",
or a question nobody could answer ("Tanya penjual"). While the handoff is waiting or open, what
the customer writes (text and photos) is relayed to the sellers and their conversation stays
where it was, so the flows resume there once the chat closes: by the seller ("selesai"), by
the customer (a whole message that ends it, language.questions.ends_chat: the seller's own
close, their seller told), or idle (scheduler.jobs_handoffs). The handoff itself is a row
(storage.handoffs) the engine reads through `Ctx.handoffs`; the sellers' side is
conversations.seller.handoff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from conversations.base import Button, Ctx, Reply, Step, Turn, say
from conversations.choice import Choice
from conversations.customer.ask_seller import ASK_SELLER, ORDER_REASONS, PAY, QTY
from conversations.customer.cart import MAX_QTY
from conversations.customer import order_status
from conversations.customer.questions import closed_until
from conversations.ports import OrderSummary
from conversations.seller.handoff import CloseHandoff
from language.questions import ends_chat, handoff_request
from language.money import rupiah
from language.text import normalize
from language.words import CANCEL, said
from orders.codes import find_code
from texts.id import customer as customer_texts
from texts.id import handoff as t
from texts.id import payment as payment_texts
from texts.id import seller as seller_texts

FINISHED = frozenset({"completed", "cancelled", "expired", "rejected"})
CODE = re.compile(r"\b([A-Za-z]{2,5}-\d{3,6})\b")


@dataclass(frozen=True)
class OpenHandoff:
    kind: str  # talk | complaint | question
    question: str
    order_code: str | None  # a complaint's order
    open_orders: tuple[str, ...]  # "KD-0001 (pending_payment)", for the seller
    about: str = ""  # why, in our words, when a "Tanya penjual" button under a reply opened it


@dataclass(frozen=True)
class Opened:
    position: int  # in the queue of waiting customers, 1 first
    already: bool = False  # the customer was handed over already
    nobody: bool = False  # the shop has no seller to take chats: nothing opened


@dataclass(frozen=True)
class RelayToSeller:
    handoff_id: int
    text: str
    media: tuple[str, ...] = ()  # the channel's media refs (Telegram file_id, a stored file's path)
    cancel_code: str = ""  # the customer's order the words ask to cancel: the seller is shown how


@dataclass(frozen=True)
class Relayed:
    waiting: bool  # no seller has taken the customer yet


@dataclass(frozen=True)
class LeaveHandoff:
    handoff_id: int


def intercept(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    """While handed to a seller: the message goes to them, the customer's own step waits."""
    if turn.choice:
        return None
    active = ctx.handoffs.active(ctx.customer.id)
    if active is None:
        return None
    text = turn.text.strip()
    if active.status == "waiting" and (said(text) in CANCEL or ends_chat(text)):
        return say(state, data, Reply(t.LEFT), effects=[LeaveHandoff(active.id)])
    if active.status == "open" and active.seller_id is not None and ends_chat(text):  # "selesai", "akhiri chat"
        return Step(state, data, [], [CloseHandoff(active.id, active.seller_id, by_customer=True)], then=on_ended)
    media = tuple(m.ref for m in turn.media if m.rejected is None)
    if not text and not media:
        return say(state, data)
    code = find_code(text, ctx.shop.order_prefix)
    if order_status.cancels_order(" ".join(normalize(text).split()), code):  # "batalkan pesanan KD-0042"
        order = order_to_cancel(ctx, code)
        relay = RelayToSeller(active.id, text, media, order.code if order is not None else "")
        return Step(state, data, [], [relay], then=on_cancel_relayed)
    if active.status == "open" and said(text) in CANCEL:
        return Step(state, data, [], [RelayToSeller(active.id, text, media)], then=on_batal_relayed)
    return Step(state, data, [], [RelayToSeller(active.id, text, media)], then=on_relayed)


def on_relayed(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """says nothing in an open chat (the seller answers), or that the message waits for one."""
    relayed = outcomes[0]
    return say(step.state, step.data, *([Reply(t.WAITING_RELAYED)] if relayed.waiting else []))


def on_batal_relayed(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """"batal" to a seller goes to them (a person reads it in context, and may have just asked
    "jadi pesan, Kak?"); the customer is told so, and how to end the chat if that is what they meant."""
    return say(step.state, step.data, Reply(t.CANCEL_RELAYED))


def order_to_cancel(ctx: Ctx, code: str | None) -> OrderSummary | None:
    """The customer's order the words ask to cancel: the one named, else the only one they could cancel."""
    if code:
        return ctx.orders.find(ctx.customer.id, code)
    cancellable = [o for o in ctx.orders.awaiting_payment(ctx.customer.id) if order_status.can_cancel(o)]
    return cancellable[0] if len(cancellable) == 1 else None


def on_cancel_relayed(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """Asking a seller to cancel an order: it reached them (with the way to do it), and the
    customer learns whether they can do it themselves (the button works during a chat) or the
    seller does."""
    code = step.effects[0].cancel_code
    order = ctx.orders.find(ctx.customer.id, code) if code else None
    if order is None:
        return say(step.state, step.data, Reply(t.CANCEL_ORDER_RELAYED))
    if order_status.can_cancel(order):
        return say(step.state, step.data, Reply(t.CANCEL_ORDER_RELAYED + t.CANCEL_ORDER_YOURSELF.format(code=order.code),
                                                [Button(payment_texts.BTN_CANCEL_ORDER, order_status.CANCEL.pack(order.code))]))
    status = customer_texts.STATUS_LABELS.get(order.status, order.status)
    return say(step.state, step.data, Reply(t.CANCEL_ORDER_RELAYED + t.CANCEL_ORDER_BY_SELLER.format(code=order.code, status=status)))


def on_ended(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """back with the bot (also when the chat had closed meanwhile): what they can do now."""
    lines = [t.ENDED] + ([t.ENDED_CART] if step.data.get("cart") else [])
    return say(step.state, step.data, Reply("\n\n".join(lines)))


def request(state: str, data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """Asking for a person, or complaining: the sellers are told; None when the text does neither."""
    kind = handoff_request(text)
    return open_(state, data, ctx, kind, text) if kind is not None else None


def open_(state: str, data: dict[str, Any], ctx: Ctx, kind: str, question: str, order: str | None = None,
          about: str = "") -> Step:
    """hands the customer to the sellers, with their open orders (and a complaint's order)."""
    recent = ctx.orders.recent(ctx.customer.id, 5)
    if kind == "complaint":
        named = CODE.search(question)
        order = (named.group(1).upper() if named else None) or (recent[0].code if recent else None)
    open_orders = tuple(f"{o.code} ({seller_texts.STATUS.get(o.status, o.status)})" for o in recent if o.status not in FINISHED)
    kept = {k: v for k, v in data.items() if k != "asked"}
    return Step(state, kept, [], [OpenHandoff(kind, question, order, open_orders, about)], then=on_opened)


def on_opened(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """tells the customer they are handed over, their place in the queue, and when to expect an
    answer if the shop is closed now."""
    opened = outcomes[0]
    if opened.already:
        return say(step.state, step.data, Reply(t.ALREADY))
    if opened.nobody:
        phone = t.NOBODY_PHONE.format(phone=ctx.shop.phone) if ctx.shop.phone else ""
        return say(step.state, step.data, Reply(t.NOBODY + phone + t.NOBODY_BOT))
    effect = step.effects[0] if step.effects else None
    kind = effect.kind if isinstance(effect, OpenHandoff) else "talk"
    code = effect.order_code if isinstance(effect, OpenHandoff) else None
    lines = [t.OPENED[kind].format(order=t.OPENED_ORDER.format(code=code) if code else "")]
    if isinstance(effect, OpenHandoff) and effect.about:
        lines.append(t.OPENED_ABOUT.format(about=effect.about))
    if opened.position > 1:
        lines.append(t.QUEUED.format(ahead=opened.position - 1, position=opened.position))
    if (later := closed_until(ctx)) is not None:
        lines.append(t.CLOSED_NOW.format(when=later))
    return say(step.state, step.data, Reply("\n\n".join(lines)))


def ask_seller(state: str, data: dict[str, Any], ctx: Ctx) -> Step:
    """the "Tanya penjual" button under an answer we could not give."""
    return open_(state, data, ctx, "question", str(data.get("asked") or ""))


def ask_about(state: str, data: dict[str, Any], ctx: Ctx, ref: str, why: str, qty: int) -> Step:
    """a "Tanya penjual" button under a reply that leaves something to the seller
    (conversations.customer.ask_seller): the sellers are told why, with the product and
    quantity or the order (only ever one of this customer's own)."""
    order = ctx.orders.find(ctx.customer.id, ref) if why in ORDER_REASONS and ref else None
    about = t.ABOUT["talk"]
    if why == QTY and (p := ctx.catalog.by_sku(ref)) is not None:
        about = t.ABOUT[why].format(qty=f"{qty:,}".replace(",", "."), name=p.label, limit=MAX_QTY)
    elif why == PAY:
        cart = dict(data.get("cart") or {})
        products = ctx.catalog.by_skus(list(cart))
        lines = ", ".join(f"{q} × {products[s].label}" for s, q in cart.items() if s in products)
        total = sum(products[s].price * q for s, q in cart.items() if s in products)
        about = t.ABOUT[why].format(cart=t.ABOUT_CART.format(lines=f"{lines} ({rupiah(total)})") if lines else "")
    elif order is not None:
        about = t.ABOUT[why].format(code=order.code, status=seller_texts.STATUS.get(order.status, order.status))
    return open_(state, data, ctx, "talk", "", order.code if order is not None else None, about)
