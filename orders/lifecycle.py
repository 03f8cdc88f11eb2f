"""The order lifecycle: an explicit state machine with an audit trail.

    pending_payment -> paid -> processing -> shipped -> completed
    pending_payment -> cancelled (customer, while unpaid)   -> expired (unpaid past pay_by)
    pending_payment | paid | processing -> cancelled (seller, before shipping)

    awaiting_quote -> quoted -> pending_payment      a delivery fee the seller quotes ("ongkir
    awaiting_quote | quoted -> cancelled | expired   menyusul"): placed with its stock reserved,
                                                     quoted by the seller, accepted by the customer
                                                     (only then the payment clock and the
                                                     receivable start); past quote_by it expires

Cash on delivery is paid at the door, so a COD order may be processed and shipped while
unpaid, and completing it records the payment. Every move is one compare-and-set UPDATE on
the order row (expected status and flags in the WHERE clause): of two racing moves exactly
one wins, and stock goes back only on the winning move into cancelled/expired, so exactly once;
the same holds for the ledger entries the move writes (books.posting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from books import posting
from storage import order_events as order_events_db
from storage import orders as orders_db
from storage import payment_proofs as payment_proofs_db
from storage import reviews as reviews_db
from storage.models import Order


class Status(StrEnum):
    PENDING = "pending_payment"
    PAID = "paid"
    PROCESSING = "processing"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    AWAITING_QUOTE = "awaiting_quote"  # the seller is to quote the delivery fee
    QUOTED = "quoted"  # the customer is to accept the quoted total


FINAL = {Status.COMPLETED, Status.CANCELLED, Status.EXPIRED}
VOID = frozenset({Status.CANCELLED, Status.EXPIRED})  # orders that count in no figure (storage.orders.VOID)
# A completed order's review is asked this long after, so the customer has tried what came.
REVIEW_DELAY = timedelta(hours=3)


class Action(StrEnum):
    CONFIRM = "confirm"  # the money arrived (seller `lunas`)
    REJECT_PROOF = "reject_proof"  # the proof does not match; the order keeps waiting
    PROCESS = "process"
    SHIP = "ship"
    COMPLETE = "complete"
    CANCEL_BY_CUSTOMER = "cancel_by_customer"
    CANCEL_BY_SELLER = "cancel_by_seller"
    EXPIRE = "expire"
    QUOTE = "quote"  # the seller (or a rates service) sets the delivery fee
    ACCEPT_QUOTE = "accept_quote"  # the customer agrees to the quoted total


# Who may ask for which action: actor strings are "customer:12", "seller:3", "cli", "system".
ACTORS: dict[Action, frozenset[str]] = {
    Action.CONFIRM: frozenset({"seller", "cli"}),
    Action.REJECT_PROOF: frozenset({"seller", "cli"}),
    Action.PROCESS: frozenset({"seller", "cli"}),
    Action.SHIP: frozenset({"seller", "cli"}),
    Action.COMPLETE: frozenset({"seller", "cli"}),
    Action.CANCEL_BY_SELLER: frozenset({"seller", "cli"}),
    Action.CANCEL_BY_CUSTOMER: frozenset({"customer"}),
    Action.EXPIRE: frozenset({"system"}),
    Action.QUOTE: frozenset({"seller", "cli", "system"}),
    Action.ACCEPT_QUOTE: frozenset({"customer", "cli"}),
}


@dataclass(frozen=True)
class Facts:
    """What the rules look at; the same fields are checked again in the compare-and-set."""

    status: Status
    payment_method: str
    fulfilment: str
    paid: bool = False
    proof_pending: bool = False

    @classmethod
    def of(cls, order: Order) -> Facts:
        return cls(Status(order.status), order.payment_method, order.fulfilment,
                   order.paid_at is not None, order.proof_submitted_at is not None)


Guard = Callable[[Facts], bool]


def always(f: Facts) -> bool:
    return True


def cod(f: Facts) -> bool:
    return f.payment_method == "cod"


def cod_unpaid(f: Facts) -> bool:
    return cod(f) and not f.paid


def pickup(f: Facts) -> bool:
    return f.fulfilment == "pickup"


def cod_pickup(f: Facts) -> bool:
    return cod(f) and pickup(f)


def proof_pending(f: Facts) -> bool:
    return f.proof_pending


def no_proof_pending(f: Facts) -> bool:
    return not f.proof_pending


def prepaid_without_proof(f: Facts) -> bool:
    # A proof under review holds the order: the customer has paid, or believes so.
    return not cod(f) and not f.proof_pending


@dataclass(frozen=True)
class Rule:
    action: Action
    source: Status
    target: Status
    when: Guard = always


S, A = Status, Action
RULES: tuple[Rule, ...] = (
    Rule(A.CONFIRM, S.PENDING, S.PAID),
    Rule(A.CONFIRM, S.PROCESSING, S.PROCESSING, cod_unpaid),
    Rule(A.CONFIRM, S.SHIPPED, S.SHIPPED, cod_unpaid),
    Rule(A.REJECT_PROOF, S.PENDING, S.PENDING, proof_pending),
    Rule(A.PROCESS, S.PAID, S.PROCESSING),
    Rule(A.PROCESS, S.PENDING, S.PROCESSING, cod),
    Rule(A.SHIP, S.PAID, S.SHIPPED),
    Rule(A.SHIP, S.PROCESSING, S.SHIPPED),
    Rule(A.SHIP, S.PENDING, S.SHIPPED, cod),
    Rule(A.COMPLETE, S.SHIPPED, S.COMPLETED),
    Rule(A.COMPLETE, S.PAID, S.COMPLETED, pickup),
    Rule(A.COMPLETE, S.PROCESSING, S.COMPLETED, pickup),
    Rule(A.COMPLETE, S.PENDING, S.COMPLETED, cod_pickup),
    Rule(A.CANCEL_BY_CUSTOMER, S.PENDING, S.CANCELLED, no_proof_pending),
    Rule(A.CANCEL_BY_SELLER, S.PENDING, S.CANCELLED),
    Rule(A.CANCEL_BY_SELLER, S.PAID, S.CANCELLED),
    Rule(A.CANCEL_BY_SELLER, S.PROCESSING, S.CANCELLED),
    Rule(A.EXPIRE, S.PENDING, S.EXPIRED, prepaid_without_proof),
    Rule(A.QUOTE, S.AWAITING_QUOTE, S.QUOTED),
    Rule(A.QUOTE, S.QUOTED, S.QUOTED),  # a corrected quote, before the customer agreed
    Rule(A.ACCEPT_QUOTE, S.QUOTED, S.PENDING),
    Rule(A.CANCEL_BY_CUSTOMER, S.AWAITING_QUOTE, S.CANCELLED),
    Rule(A.CANCEL_BY_CUSTOMER, S.QUOTED, S.CANCELLED),
    Rule(A.CANCEL_BY_SELLER, S.AWAITING_QUOTE, S.CANCELLED),
    Rule(A.CANCEL_BY_SELLER, S.QUOTED, S.CANCELLED),
    Rule(A.EXPIRE, S.AWAITING_QUOTE, S.EXPIRED),
    Rule(A.EXPIRE, S.QUOTED, S.EXPIRED),
)
QUOTING = {Status.AWAITING_QUOTE, Status.QUOTED}


def rule_for(facts: Facts, action: Action) -> Rule | None:
    return next((r for r in RULES if r.action == action and r.source == facts.status and r.when(facts)), None)


def possible_actions(facts: Facts, actor_kind: str | None = None) -> list[Action]:
    """What may happen next to an order in this state, optionally only what this kind of actor may do."""
    return [a for a in Action if rule_for(facts, a) is not None and (actor_kind is None or actor_kind in ACTORS[a])]


class IllegalMove(Exception):
    """The action does not apply now; `possible` says what does (for this actor)."""

    def __init__(self, facts: Facts, action: Action, possible: list[Action]):
        super().__init__(f"{action} is not possible from {facts.status}")
        self.facts = facts
        self.action = action
        self.possible = possible


@dataclass(frozen=True)
class Moved:
    order: Order
    before: Status
    after: Status
    action: Action


def actor_kind(actor: str) -> str:
    return actor.split(":", 1)[0]


def move(session: Session, order_id: int, action: Action, actor: str, now: datetime, *,
         note: str | None = None, courier: str | None = None, tracking_no: str | None = None,
         extra: Callable[[Order], dict[str, Any]] | None = None) -> Moved:
    """Applies one action with its consequences, or raises IllegalMove; records who did it.
    `extra`: more values the move writes, worked out from the order as read (orders.quotes)."""
    kind = actor_kind(actor)
    for _ in range(3):
        order = orders_db.fetch_order(session, order_id)
        facts = Facts.of(order)
        rule = rule_for(facts, action)
        if rule is None or kind not in ACTORS[action]:
            raise IllegalMove(facts, action, possible_actions(facts, kind))
        values = consequences(rule, facts, order, now, courier, tracking_no)
        if extra is not None:
            values.update(extra(order))
        if orders_db.compare_and_set(session, order.id, facts.status, facts.paid, facts.proof_pending, values):
            break
    else:  # pragma: no cover - three lost races in a row means the row is being hammered
        raise RuntimeError(f"order {order_id} kept changing under {action}")
    order_events_db.add_event(session, order.shop_id, order.id, actor, rule.source, rule.target, event_note(action, note, values), now)
    voided = rule.target in (Status.CANCELLED, Status.EXPIRED)
    if voided:
        orders_db.release_stock(session, order.id)
    order = orders_db.mark_committed(order, values)
    posting.post_move(session, order, paid_now="paid_at" in values, voided=voided, was_paid=facts.paid,
                      actor=actor, now=now, opened=action == Action.ACCEPT_QUOTE)
    if action == Action.CONFIRM or "paid_at" in values:
        payment_proofs_db.review_proofs(session, order.id, "accepted", None, actor, now)
    if action == Action.REJECT_PROOF:
        payment_proofs_db.review_proofs(session, order.id, "rejected", note, actor, now)
    if rule.target == Status.COMPLETED:  # asked later by the review sweep (scheduler.jobs_reviews)
        reviews_db.schedule(session, order, now + REVIEW_DELAY)
    return Moved(order, rule.source, rule.target, action)


def consequences(rule: Rule, facts: Facts, order: Order, now: datetime,
                 courier: str | None, tracking_no: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {"status": rule.target.value, "updated_at": now}
    if rule.action == Action.CONFIRM or (rule.action == Action.COMPLETE and cod_unpaid(facts)):
        values.update(paid_at=now, proof_submitted_at=None)
    if rule.action == Action.REJECT_PROOF:
        values.update(proof_submitted_at=None, pay_by=after_rejection(order, now))
    if rule.action == Action.SHIP:  # a courier named with the quote stays unless another is given
        values.update(courier=courier or order.courier, tracking_no=tracking_no)
    return values


def after_rejection(order: Order, now: datetime) -> datetime | None:
    """A rejected proof gives the customer time to send the right one, even past the deadline."""
    if order.pay_by is None:
        return None
    grace = min(order.pay_by - order.created_at, timedelta(hours=1))
    return max(order.pay_by, now + grace)


def event_note(action: Action, note: str | None, values: dict[str, Any]) -> str | None:
    parts = [note] if note else []
    if action == Action.SHIP and (values.get("courier") or values.get("tracking_no")):
        parts.append(" ".join(p for p in (values.get("courier"), values.get("tracking_no")) if p))
    if action == Action.COMPLETE and "paid_at" in values:
        parts.append("cash collected")
    if action == Action.CONFIRM and values["status"] != Status.PAID:
        parts.append("cash collected")
    return "; ".join(parts) or None
