"""faqs: a shop's questions with the seller's own answers, one per question as compared (`key`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.fastsql import Sql
from storage.person_models import Faq


# Read by any customer message that looks like a question: plain SQL (storage.fastsql), which
# leaves the message's ORM Session untouched (through the ORM: ~0.3 ms a question).
_FAQS = Sql("SELECT id, question, answer, key FROM faqs WHERE shop_id = :shop_id ORDER BY id")


def fetch_faqs(session: Session, shop_id: int) -> list[Any]:
    """The shop's entries as rows of (id, question, answer, key), oldest first."""
    return _FAQS(session, {"shop_id": shop_id}).all()


def save_faq(session: Session, shop_id: int, key: str, question: str, answer: str, seller_id: int | None,
             now: datetime, faq_id: int | None = None) -> tuple[Faq, bool] | None:
    """Adds the entry, or changes the answer of the one with this key (or this id); (entry, added).
    None when `faq_id` names no entry of this shop."""
    if faq_id is not None:
        row = session.scalars(select(Faq).where(Faq.shop_id == shop_id, Faq.id == faq_id)).one_or_none()
        if row is None:
            return None
    else:
        row = session.scalars(select(Faq).where(Faq.shop_id == shop_id, Faq.key == key)).one_or_none()
    if row is not None:
        row.answer, row.updated_at = answer, now
        if faq_id is None:
            row.question = question
        session.flush()
        return row, False
    row = Faq(shop_id=shop_id, key=key, question=question, answer=answer, created_by=seller_id, created_at=now,
              updated_at=now)
    session.add(row)
    session.flush()
    return row, True


def remove_faq(session: Session, shop_id: int, faq_id: int) -> bool:
    return session.execute(delete(Faq).where(Faq.shop_id == shop_id, Faq.id == faq_id)).rowcount > 0
