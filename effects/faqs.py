"""The seller's own answers (conversations.seller.faq): saved and removed, each with its audit row."""

from __future__ import annotations

from conversations.seller.faq import FaqGone, FaqSaved, RemoveFaq, SaveFaq
from effects.env import Env
from storage import faqs as faqs_db
from storage import seller_changes as seller_changes_db


def save(env: Env, effect: SaveFaq) -> FaqSaved | FaqGone:
    session, shop_id, now = env.session, env.who.shop_id, env.ctx.now
    saved = faqs_db.save_faq(session, shop_id, effect.key, effect.question, effect.answer, effect.seller_id, now,
                             effect.faq_id)
    if saved is None:
        return FaqGone()
    row, added = saved
    seller_changes_db.add_change(session, shop_id, effect.seller_id, f"seller {effect.seller_id}", "faq", row.question,
                                 None, {"answer": row.answer}, now)
    return FaqSaved(row.question, row.answer, added)


def remove(env: Env, effect: RemoveFaq) -> None | FaqGone:
    if not faqs_db.remove_faq(env.session, env.who.shop_id, effect.faq_id):
        return FaqGone()
    return None


APPLIERS = {SaveFaq: save, RemoveFaq: remove}
