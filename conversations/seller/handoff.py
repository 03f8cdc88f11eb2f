"""The sellers' side of a handoff (conversations.customer.handoff): the queue ("antrian"), taking
a customer ("layani 1", or the button on the notice), then a chat: everything the seller writes
(text and photos) is relayed to the customer until "selesai"; "jadikan faq" saves the seller's
last answer to the customer's question as a FAQ entry."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from conversations.base import Button, Reply, Step, Turn, say
from conversations.choice import Choice, number
from conversations.seller import faq, orders
from conversations.seller.common import IDLE, clean, idle, words
from conversations.seller.ports import SellerCtx
from language.questions import faq_key
from orders.placing import order_code
from language.words import END_CHAT
from texts.id import handoff as t


class SellerHandoff(StrEnum):
    CHAT = "seller_handoff:chat"  # data "handoff": its id, "name": the customer's, "answer": the last reply


TAKE = Choice("ho:t", number)  # take this handoff: its id
QUEUE = frozenset({"antrian", "antrian chat", "chat pembeli", "chat pelanggan", "daftar chat", "pelanggan menunggu"})
TAKE_TEXT = re.compile(r"^(?:layani|balas|jawab|ambil)\s+(?:chat\s+|antrian\s+)?(\d{1,3})$")
# "Layani Rina": the notice's button label typed out (WhatsApp shows it to type, not to press).
TAKE_NAME = re.compile(r"^layani\s+(.+)$")
CLOSE = END_CHAT  # the customer ends a chat with these too (language.questions.ends_chat)
TO_FAQ = frozenset({"jadikan faq", "simpan faq", "faq ini", "faq", "simpan jadi faq"})


@dataclass(frozen=True)
class TakeHandoff:
    handoff_id: int
    seller_id: int
    seller: str


@dataclass(frozen=True)
class Taken:
    name: str
    order_code: str | None
    question: str
    log: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TakenAlready:
    """Another seller took the customer first, or the handoff closed."""


@dataclass(frozen=True)
class RelayToCustomer:
    handoff_id: int
    seller_id: int
    seller: str
    text: str
    media: tuple[str, ...] = ()


@dataclass(frozen=True)
class CloseHandoff:
    handoff_id: int
    seller_id: int  # who has the chat
    by_customer: bool = False  # the customer ended it: their seller is told (ended_notice) and leaves it


@dataclass(frozen=True)
class Closed:
    name: str
    next_name: str | None = None
    next_kind: str | None = None
    next_id: int | None = None  # the handoff waiting first, for its "Layani" button


@dataclass(frozen=True)
class ChatGone:
    """The chat was closed meanwhile (the timeout)."""


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if (taking := TAKE.one(turn.choice)) is not None:  # also from within a chat: the seller moves to that one
        return take(data, ctx, taking)
    if state == SellerHandoff.CHAT:
        return chatting(data, turn, ctx)
    if turn.choice:
        return None
    said = words(turn.text)
    if said in QUEUE:
        return queue(data, ctx)
    if picked := TAKE_TEXT.match(said):
        waiting = [h for h in ctx.handoffs.queue() if h.status == "waiting"]
        n = int(picked.group(1))
        if not 1 <= n <= len(waiting):
            return idle(data, Reply(t.NO_SUCH.format(n=n)))
        return take(data, ctx, waiting[n - 1].id)
    if (named := by_name(said, ctx)) is not None:
        return take(data, ctx, named)
    return None


def by_name(said: str, ctx: SellerCtx) -> int | None:
    """The handoff "layani Rina" names: one customer waiting, or one this seller serves."""
    if not (named := TAKE_NAME.match(said)):
        return None
    found = [h.id for h in ctx.handoffs.queue() if words(h.customer) == named.group(1)
             and (h.status == "waiting" or h.seller_id == ctx.seller.id)]
    return found[0] if len(found) == 1 else None


def queue(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """lists the customers waiting (numbered, for "layani 1") and those being served."""
    entries = ctx.handoffs.queue()
    if not entries:
        return idle(data, Reply(t.QUEUE_EMPTY))
    waiting = [h for h in entries if h.status == "waiting"]
    lines = [t.QUEUE_LINE.format(n=n, name=h.customer, kind=t.KINDS.get(h.kind, h.kind), who="")
             for n, h in enumerate(waiting, 1)]
    lines += [t.QUEUE_LINE.format(n="•", name=h.customer, kind=t.KINDS.get(h.kind, h.kind),
                                  who=t.QUEUE_TAKEN_BY.format(seller="Kakak" if h.seller_id == ctx.seller.id else "staf lain"))
              for h in entries if h.status != "waiting"]
    mine = [h for h in entries if h.status == "open" and h.seller_id == ctx.seller.id]
    buttons = [Button(t.BTN_TAKE.format(name=h.customer), TAKE.pack(h.id)) for h in (mine + waiting)[:5]]
    return idle(data, Reply(t.QUEUE.format(lines="\n".join(lines)), buttons))


def take(data: dict[str, Any], ctx: SellerCtx, handoff_id: int) -> Step:
    return idle(data, effects=[TakeHandoff(handoff_id, ctx.seller.id, ctx.seller.name or ctx.shop.name)], then=on_taken)


def on_taken(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """opens the chat, with the customer's last messages; or says someone else has them."""
    taken = outcomes[0]
    if isinstance(taken, TakenAlready):
        return idle(step.data, Reply(t.TAKEN_ALREADY))
    effect = step.effects[0]
    log = "\n".join(t.LOG_LINE.format(who=t.LOG_CUSTOMER if who == "c" else t.LOG_SELLER, text=text)
                    for who, text in taken.log) or "-"
    order = t.NEW_ORDER.format(code=taken.order_code) if taken.order_code else ""
    data = {**step.data, "handoff": effect.handoff_id, "name": taken.name, "question": taken.question}
    data.pop("answer", None)
    example = taken.order_code or order_code(ctx.shop.order_prefix, 1)
    return say(SellerHandoff.CHAT, data, Reply(t.TAKEN_SELLER.format(name=taken.name, order=order, log=log, code=example)))


def chatting(data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    """in a chat: relays what the seller writes; "selesai" closes it, "jadikan faq" keeps the answer."""
    if turn.choice:  # a button of another message (an order's "lunas"): its own flow; "layani" comes back here
        return None
    if turn.text.lstrip().startswith("/") and (cmd := orders.parse(turn.text.strip(), ctx.shop.order_prefix)) and cmd[2]:
        return None  # "/batal KD-0042": the slash makes it an order command (orders.route), kept from the customer
    handoff_id = int(data.get("handoff") or 0)
    said = words(turn.text)
    if said in CLOSE:
        return say(SellerHandoff.CHAT, data, effects=[CloseHandoff(handoff_id, ctx.seller.id)], then=on_closed)
    if said in TO_FAQ:
        question, answer = str(data.get("question") or ""), str(data.get("answer") or "")
        if not answer:
            return say(SellerHandoff.CHAT, data, Reply(t.FAQ_NEEDS_ANSWER))
        if not faq_key(question):
            return say(SellerHandoff.CHAT, data, Reply(t.FAQ_NO_QUESTION))
        saving = faq.SaveFaq(faq_key(question), question[:200], answer[:700], ctx.seller.id)
        return say(SellerHandoff.CHAT, data, effects=[saving],
                   then=lambda step, outcomes, c: _in_chat(faq.on_saved(step, outcomes, c), data))
    if (named := by_name(said, ctx)) is not None:  # the label under "tidak sampai ke Rina", typed: never relayed
        return take(data, ctx, named)
    media = tuple(m.ref for m in turn.media if m.rejected is None)
    text = turn.text.strip() or (turn.choice or "")
    if not text and not media:
        return say(SellerHandoff.CHAT, data)
    relay = RelayToCustomer(handoff_id, ctx.seller.id, ctx.seller.name or ctx.shop.name, text, media)
    kept = {**data, "answer": text} if text else data
    return say(SellerHandoff.CHAT, kept, effects=[relay], then=on_relayed)


def _in_chat(step: Step, data: dict[str, Any]) -> Step:
    return say(SellerHandoff.CHAT, data, *step.replies)


def on_relayed(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    if isinstance(outcomes[0], ChatGone):
        return idle({k: v for k, v in step.data.items() if k not in CHAT_KEYS}, Reply(t.NOT_RELAYED))
    return say(step.state, step.data)


CHAT_KEYS = ("handoff", "name", "question", "answer")


def on_closed(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """leaves the chat; names who waits next."""
    closed = outcomes[0]
    data = {k: v for k, v in step.data.items() if k not in CHAT_KEYS}
    if isinstance(closed, ChatGone):
        return idle(data, Reply(t.TIMED_OUT_SELLER))
    return idle(data, with_next(t.SELLER_CLOSED.format(name=closed.name), closed))


def with_next(said: str, closed: Closed) -> Reply:
    """A closed chat's words to its seller, and who waits next with the button to take them."""
    if not closed.next_name or closed.next_id is None:
        return Reply(said)
    following = t.NEXT.format(name=closed.next_name, kind=t.KINDS.get(closed.next_kind or "", ""))
    return Reply(f"{said}\n\n{following}", [Button(t.BTN_TAKE.format(name=closed.next_name), TAKE.pack(closed.next_id))])


def ended_notice(closed: Closed) -> Reply:
    """What the seller is told when their customer ended the chat."""
    return with_next(t.CUSTOMER_ENDED_SELLER.format(name=closed.name), closed)


def in_chat(state: str, data: dict[str, Any], handoff_id: int) -> bool:
    """Whether what the seller types now goes to this handoff's customer."""
    return state == SellerHandoff.CHAT and data.get("handoff") == handoff_id


def elsewhere(reply: Reply, name: str, handoff_id: int) -> Reply:
    """A customer's words to a seller who is not in their chat now (in another customer's, or
    busy with a command): what they type would not reach this one, so say so, with the way back."""
    return replace(reply, text=f"{reply.text}\n{t.NOT_IN_THIS_CHAT.format(name=name)}",
                   buttons=[Button(t.BTN_TAKE.format(name=name), TAKE.pack(handoff_id))])


def left_by_customer(state: str, data: dict[str, Any], handoff_id: int) -> tuple[str, dict[str, Any]] | None:
    """The seller's conversation (state, data) once the customer ended this chat, so their next
    message is a command again and no reply for nobody; None when they are not in it now."""
    if not in_chat(state, data, handoff_id):
        return None
    return IDLE, clean({k: v for k, v in data.items() if k not in CHAT_KEYS})
