"""payment_proofs: proofs of payment customers send, and their review."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import PaymentProof


def add_proof(session: Session, shop_id: int, order_id: int, customer_id: int, media_ref: str | None,
              content_type: str | None, text: str | None, status: str, now: datetime) -> PaymentProof:
    proof = PaymentProof(shop_id=shop_id, order_id=order_id, customer_id=customer_id, media_ref=media_ref,
                         content_type=content_type, text=text, status=status, created_at=now)
    session.add(proof)
    session.flush()
    return proof


def fetch_proofs(session: Session, order_id: int) -> Sequence[PaymentProof]:
    return session.execute(select(PaymentProof).where(PaymentProof.order_id == order_id)
                           .order_by(PaymentProof.id)).scalars().all()


def review_proofs(session: Session, order_id: int, status: str, reason: str | None, actor: str, now: datetime) -> None:
    session.execute(update(PaymentProof)
                    .where(PaymentProof.order_id == order_id, PaymentProof.status == "submitted")
                    .values(status=status, reason=reason, reviewed_by=actor[:60], reviewed_at=now)
                    .execution_options(synchronize_session=False))
