"""Payments: the unique transfer code, and proofs of payment attached to orders.

Unique code: a bank-transfer order's total carries 1-999 extra Rupiah, different from every
other bank-transfer order of the shop still waiting for payment, so the seller can tell
transfers apart in the bank mutation at a glance. The smallest free code is taken, so the
customer pays as little extra as possible. Past 999 open bank-transfer orders there is no
free code: the order is still placed, with code 0 (its total is the plain amount), and the
seller is told to match that one by its proof. The code is chosen after the order number is
taken, which locks the shop row, so two orders of one shop never pick at the same time; the
partial unique index `uq_orders_open_unique_code` holds the line in the database as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from orders.lifecycle import Status
from storage import orders as orders_db
from storage import payment_proofs as payment_proofs_db
from storage.models import Order, PaymentProof

MAX_UNIQUE_CODE = 999


def pick_unique_code(taken: set[int]) -> int:
    """The smallest code in 1..999 not taken, or 0 when all are."""
    return next((c for c in range(1, MAX_UNIQUE_CODE + 1) if c not in taken), 0)


def assign_unique_code(session: Session, shop_id: int) -> int:
    return pick_unique_code(orders_db.taken_unique_codes(session, shop_id))


class ProofOutcome(StrEnum):
    ATTACHED = "attached"  # waiting for a seller; the order will not expire meanwhile
    LATE = "late"  # the order had expired or was cancelled: kept, and the sellers are told
    ALREADY_PAID = "already_paid"  # nothing to check any more
    NOT_NEEDED = "not_needed"  # cash on delivery


@dataclass(frozen=True)
class ProofResult:
    outcome: ProofOutcome
    order: Order
    proof: PaymentProof | None = None


def attach_proof(session: Session, order: Order, customer_id: int, media_ref: str | None,
                 content_type: str | None, text: str | None, now: datetime) -> ProofResult:
    """Records a customer's proof on their own order; the caller has checked the order is theirs."""
    if order.customer_id != customer_id:
        raise PermissionError("a proof can only go on the customer's own order")
    if order.payment_method == "cod":
        return ProofResult(ProofOutcome.NOT_NEEDED, order)
    if orders_db.mark_proof_submitted(session, order.id, now):
        proof = payment_proofs_db.add_proof(session, order.shop_id, order.id, customer_id, media_ref, content_type, text, "submitted", now)
        return ProofResult(ProofOutcome.ATTACHED, orders_db.fetch_order(session, order.id), proof)
    fresh = orders_db.fetch_order(session, order.id)
    if fresh.status in (Status.EXPIRED, Status.CANCELLED):
        proof = payment_proofs_db.add_proof(session, order.shop_id, order.id, customer_id, media_ref, content_type, text, "late", now)
        return ProofResult(ProofOutcome.LATE, fresh, proof)
    return ProofResult(ProofOutcome.ALREADY_PAID, fresh)
