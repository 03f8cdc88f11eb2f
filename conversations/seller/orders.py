"""Seller order commands: `lunas KD-0042`, `tolak KD-0042 alasan`, `proses KD-0042`,
`kirim KD-0042 [kurir resi]`, `selesai KD-0042`, `batal KD-0042 [alasan]`, `ongkir KD-0042 25rb
jne` (the delivery fee of an order that waits for one, orders.quotes), and the same as
buttons (`lunas:KD-0042`). Pure: the command becomes an OrderCommand effect, applied inside the
message's transaction (effects.orders, with effects.order_actions, which the CLI shares: it words
the order's move for the seller and the customer alike); `on_order_outcome` hands the result on.

`route` answers None for anything that is not an order command, so the rest of the seller
console (and then the customer flows) can take it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from conversations.base import Button, Ctx, Reply, Step, Turn, done, say
from conversations.choice import Choice
from orders.lifecycle import Action
from conversations.seller.common import IDLE
from conversations.seller.common import clean as clean_step
from conversations.seller.ports import SellerCtx
from orders.placing import order_code
from language.money import rupiah
from language.numbers import parse_rupiah
from language.words import CANCEL, said
from texts.id import quotes as quote_texts
from texts.id import seller_orders as t


class SellerOrders(StrEnum):
    REASON = "seller_orders:reason"  # waiting for the reason a proof is rejected
    FEE = "seller_orders:fee"  # waiting for the delivery fee of data["sorders_quote"]


STATES = frozenset(SellerOrders)


@dataclass(frozen=True)
class OrderCommand:
    code: str
    action: Action
    reason: str | None = None
    courier: str | None = None
    tracking_no: str | None = None
    fee: int | None = None  # Action.QUOTE: the delivery fee


@dataclass(frozen=True)
class ShowOrder:
    code: str


# Outcomes.
@dataclass(frozen=True)
class ReasonNeeded:
    """A proof is to be rejected without a reason: the customer must be told why."""

    code: str


@dataclass(frozen=True)
class OrderReply:
    """What the shop's side says about the order now (effects.order_actions words it for chat and CLI)."""

    reply: Reply


VERBS: dict[str, Action] = {
    "lunas": Action.CONFIRM, "konfirmasi": Action.CONFIRM, "acc": Action.CONFIRM,
    "tolak": Action.REJECT_PROOF,
    "proses": Action.PROCESS, "diproses": Action.PROCESS,
    "kirim": Action.SHIP, "dikirim": Action.SHIP,
    "selesai": Action.COMPLETE, "beres": Action.COMPLETE,
    "batal": Action.CANCEL_BY_SELLER, "batalkan": Action.CANCEL_BY_SELLER, "batalin": Action.CANCEL_BY_SELLER,
    "ongkir": Action.QUOTE, "ongkos": Action.QUOTE,
}
# A button for an order's next move reads like the typed command: "lunas:KD-0042".
CHOICES = {verb: Choice(verb, str) for verb in VERBS}
BUTTON_VERBS = {Action.CONFIRM: "lunas", Action.REJECT_PROOF: "tolak", Action.PROCESS: "proses",
                Action.SHIP: "kirim", Action.COMPLETE: "selesai", Action.QUOTE: "ongkir"}


def button_value(action: Action, code: str) -> str:
    """The value of the button that moves order `code` by `action` (no button cancels)."""
    return CHOICES[BUTTON_VERBS[action]].pack(code)


# Alone, these still clearly mean an order command, so a missing code earns a hint; "batal"
# and "batalkan" alone belong to the rest of the console (leave a step, undo).
HINTED = {"lunas", "tolak", "proses", "kirim", "selesai"}  # ("ongkir" alone: the shop's delivery settings)
LOOK = re.compile(r"^(?:cek|lihat|detail|pesanan|order|status)?\s*(.+?)[?!.]*$", re.IGNORECASE)
HEAD = re.compile(r"^/?([a-z]+)\b\s*(.*)$", re.IGNORECASE | re.DOTALL)
MIN_REASON = 3
PAID_SHOWN = 5  # unpaid orders offered as buttons for "udah lunas yg bu wati"


def code_head(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:#?(\d{{1,6}})|{re.escape(prefix)}\s*-?\s*(\d{{1,6}}))(?!\d)\s*(.*)$", re.IGNORECASE | re.DOTALL)


# "KD-0042 sudah bayar", "udah tf KD-0042", "uangnya udah masuk KD-0042": the seller saying it is
# paid, as they would tell a person. A question ("sudah bayar?", "belum") is never read as one.
PAID = re.compile(r"\b(?:(?:sudah|sdh|udah|udh|dah|uda)\s+(?:di)?(?:bayar|tf|transfer|lunas|masuk)\w*|"
                  r"(?:uang|uangnya|dana|dananya|transferan|transferannya|tf|tfnya)\s+(?:(?:sudah|udah|udh|sdh)\s+)?masuk)\b",
                  re.IGNORECASE)
PAID_AROUND = re.compile(r"\b(?:ya|yah|kak|ka|bu|pak|ini|itu|yg|yang|pesanan|order|nya)\b|[,.!]", re.IGNORECASE)
NOT_SAID = re.compile(r"\?|\b(?:belum|blm|blom|apa|apakah|kah)\b", re.IGNORECASE)


def said_paid(text: str, prefix: str) -> str | None:
    """"lunas KD-0042" when the text says order KD-0042 is paid in words; else None."""
    if not PAID.search(text) or NOT_SAID.search(text):
        return None
    rest = " ".join(PAID_AROUND.sub(" ", PAID.sub(" ", text)).split())
    found = code_head(prefix).match(rest)
    return f"lunas {rest}" if found is not None and not found.group(3).strip() else None


def parse(text: str, prefix: str) -> tuple[str, Action, str | None, str] | None:
    """(verb, action, code or None, the rest) for an order command, else None."""
    text = said_paid(text, prefix) or text
    first = code_head(prefix).match(text.strip())
    if first is not None and first.group(2) is not None and (tail := HEAD.match(first.group(3))):
        text = f"{tail.group(1)} {prefix}-{first.group(2)} {tail.group(2)}"  # "KD-0042 lunas" reads as "lunas KD-0042"
    head = HEAD.match(text.strip())
    if head is None or head.group(1).lower() not in VERBS:
        return None
    verb, rest = head.group(1).lower(), head.group(2).strip()
    match = code_head(prefix).match(rest)
    if match is None:
        return verb, VERBS[verb], None, rest
    number = int(match.group(1) or match.group(2))
    return (verb, VERBS[verb], order_code(prefix, number), match.group(3).strip()) if number > 0 else None


def shipping(rest: str) -> tuple[str | None, str | None]:
    """`JNE JP1234567` -> courier and tracking number; a lone word is the courier."""
    words = rest.split()
    if not words:
        return None, None
    if any(ch.isdigit() for ch in words[-1]):
        return (" ".join(words[:-1])[:60] or None), words[-1][:100]
    return rest[:60], None


FREE_WORDS = {"gratis", "free", "nol", "0"}
MAX_FEE = 100_000_000  # a delivery fee above this is a slip, never a quote
NOT_COURIER = {"rp", "rb", "ribu", "rebu", "k", "via", "pakai", "pake", "kurir", "ongkir", "ongkos", "kirim", "nya"}


def delivery_fee(rest: str) -> tuple[int | None, str | None]:
    """"25rb jne" -> (25000, "JNE"); "gratis" -> (0, None); a bare "25" is Rp25.000 (sellers drop
    the thousands, as in prices); no amount -> (None, None)."""
    words = rest.lower().split()
    fee = 0 if words and all(w in FREE_WORDS for w in words[:1]) else parse_rupiah(rest)
    if fee is not None and 0 < fee < 1000:
        fee *= 1000
    if fee is not None and fee > MAX_FEE:
        fee = None
    courier = " ".join(w for w in rest.split() if not any(ch.isdigit() for ch in w)
                       and w.lower().strip(".,") not in NOT_COURIER | FREE_WORDS)
    return fee, (courier.upper() if len(courier) <= 4 else courier)[:60] or None


def route(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    prefix = ctx.shop.order_prefix
    if turn.choice:
        for verb, choice in CHOICES.items():
            if code := choice.one(turn.choice):
                if VERBS[verb] == Action.QUOTE:
                    return ask_fee(state, data, code)
                return command(state, data, OrderCommand(code, VERBS[verb]))
        return None
    text = " ".join(turn.text.split())
    parsed = parse(text, prefix)
    if state == SellerOrders.REASON and (parsed is None or parsed[2] is None):
        return on_reason(data, text)
    if state == SellerOrders.FEE and (parsed is None or parsed[2] is None):
        return on_fee(data, text)
    if parsed is None:
        return look(state, data, text, prefix) or paid_which(state, data, text, ctx)
    verb, action, code, rest = parsed
    if code is None:
        if verb in HINTED and not rest:
            example = t.COMMANDS[action].format(code=order_code(prefix, 42))
            return say(idle(state), clean(data), Reply(t.CODE_HINT.format(example=example)))
        return None
    if action == Action.REJECT_PROOF:  # without a reason, on_order_outcome asks for one if there is a proof to reject
        return command(state, data, OrderCommand(code, action, reason=rest[:500] if len(rest) >= MIN_REASON else None))
    if action == Action.SHIP:
        courier, tracking = shipping(rest)
        return command(state, data, OrderCommand(code, action, courier=courier, tracking_no=tracking))
    if action == Action.CANCEL_BY_SELLER:
        return command(state, data, OrderCommand(code, action, reason=rest[:500] or None))
    if action == Action.QUOTE:
        fee, courier = delivery_fee(rest)
        if fee is None:
            return ask_fee(state, data, code)
        return command(state, data, OrderCommand(code, action, courier=courier, fee=fee))
    return command(state, data, OrderCommand(code, action))


def look(state: str, data: dict[str, Any], text: str, prefix: str) -> Step | None:
    """`KD-0042` or `cek KD-0042`: the order as the shop sees it (a bare number is not enough here)."""
    match = LOOK.match(text)
    code = code_head(prefix).match(match.group(1)) if match else None
    if code is None or code.group(2) is None or code.group(3) or int(code.group(2)) == 0:
        return None
    return Step(idle(state), clean(data), [], [ShowOrder(order_code(prefix, int(code.group(2))))], then=on_order_outcome)


def paid_which(state: str, data: dict[str, Any], text: str, ctx: Ctx) -> Step | None:
    """"udah lunas yg bu wati": paid, but which order? The unpaid ones as buttons, the ones whose
    customer the words name first; the seller presses (a name alone never confirms a payment)."""
    if state not in (IDLE, *STATES) or not isinstance(ctx, SellerCtx) or not PAID.search(text) or NOT_SAID.search(text):
        return None
    unpaid = ctx.desk.orders("unpaid", ctx.now, ctx.now)
    if not unpaid:
        return say(idle(state), clean(data), Reply(t.PAID_NONE_OPEN))
    named = {w for w in re.findall(r"[a-z]{3,}", text.lower())}
    unpaid.sort(key=lambda o: not named & set(re.findall(r"[a-z]{3,}", o.customer_name.lower())))
    buttons = [Button(t.BTN_PAID_WHICH.format(code=o.code, name=o.customer_name, total=rupiah(o.total)),
                      CHOICES["lunas"].pack(o.code)) for o in unpaid[:PAID_SHOWN]]
    example = t.COMMANDS[Action.CONFIRM].format(code=unpaid[0].code)
    return say(idle(state), clean(data), Reply(t.PAID_WHICH.format(example=example), buttons))


def idle(state: str) -> str:
    return IDLE if state in STATES else state


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """An order command ends whatever seller step was open, "batalkan"-undo included."""
    return {k: v for k, v in clean_step(data).items() if k not in ("sorders_reject", "sorders_quote")}


def command(state: str, data: dict[str, Any], cmd: OrderCommand) -> Step:
    """asks the world to carry out the command; on_order_outcome passes on how it went."""
    return Step(idle(state), clean(data), [], [cmd], then=on_order_outcome)


def on_order_outcome(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """says what the order's move (or view) came to, or asks for the reason of a rejection."""
    outcome = outcomes[0]
    if isinstance(outcome, ReasonNeeded):
        return ask_reason(step.state, step.data, outcome.code)
    return done(step, outcome.reply)


def ask_reason(state: str, data: dict[str, Any], code: str) -> Step:
    """asks why the proof is rejected, the customer will read it."""
    return say(SellerOrders.REASON, {**clean(data), "sorders_reject": code}, Reply(t.ASK_REASON.format(code=code)))


def ask_fee(state: str, data: dict[str, Any], code: str) -> Step:
    """asks the delivery fee of an order that waits for one."""
    return say(SellerOrders.FEE, {**clean(data), "sorders_quote": code}, Reply(quote_texts.ASK_FEE.format(code=code)))


def on_fee(data: dict[str, Any], text: str) -> Step:
    """takes the delivery fee (and courier) asked for (`batal` leaves it: handlers.seller)."""
    code = data.get("sorders_quote") or ""
    fee, courier = delivery_fee(text)
    if fee is None:
        return say(SellerOrders.FEE, data, Reply(quote_texts.FEE_INVALID.format(code=code)))
    return command(SellerOrders.FEE, data, OrderCommand(code, Action.QUOTE, courier=courier, fee=fee))


def on_reason(data: dict[str, Any], text: str) -> Step:
    """takes the rejection reason (or `batal` to drop it)."""
    code = data.get("sorders_reject") or ""
    if said(text) in CANCEL:
        return say(IDLE, clean(data), Reply(t.REASON_DROPPED.format(code=code)))
    if len(text) < MIN_REASON:
        return say(SellerOrders.REASON, data, Reply(t.REASON_TOO_SHORT))
    return command(SellerOrders.REASON, data, OrderCommand(code, Action.REJECT_PROOF, reason=text[:500]))
