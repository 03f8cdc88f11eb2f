"""Review effects: the customer's stars and comment (the sellers told; a low rating as a
complaint), and the seller's one reply (the customer told)."""

from __future__ import annotations

from typing import Any

from conversations.base import Button, Reply
from conversations.customer.review import LOW, AlreadyRated, CommentReview, NotRateable, RateOrder, Rated, stars
from conversations.seller.reviews import REPLY, ReplyReview, ReviewAlreadyReplied, ReviewMissing, ReviewReplied
from effects.env import Env
from effects.notices import to_customer, to_sellers
from storage import reviews as reviews_db
from texts.id import regulars as t


def reply_button(review_id: int, code: str) -> list[Button]:
    return [Button(t.BTN_REPLY_REVIEW.format(code=code), REPLY.pack(review_id, code))]


def apply_rate(env: Env, effect: RateOrder) -> Any:
    found = reviews_db.of_order(env.session, env.who.shop_id, env.who.customer_id, effect.code)
    if found is None or found[0].asked_at is None:  # not asked (yet): a forged or early button
        return NotRateable()
    review, order = found
    complaint = effect.stars <= LOW
    if not reviews_db.rate(env.session, review.id, effect.stars, complaint, env.ctx.now):
        return AlreadyRated()
    # A low rating goes to the seller as a complaint, with the order, at once; the handoff to a
    # person (issue 16) reads `reviews.complaint`.
    text = (t.SELLER_COMPLAINT if complaint else t.SELLER_REVIEW).format(
        code=order.code, customer=order.customer_name, stars=stars(effect.stars), rating=effect.stars)
    env.notices += to_sellers(env.session, env.who.shop_id, Reply(text, reply_button(review.id, order.code)))
    return Rated()


def apply_comment(env: Env, effect: CommentReview) -> None:
    found = reviews_db.of_order(env.session, env.who.shop_id, env.who.customer_id, effect.code)
    if found is None or not reviews_db.add_comment(env.session, found[0].id, effect.text):
        return None
    review, order = found
    text = t.SELLER_REVIEW_COMMENT.format(customer=order.customer_name, code=order.code, rating=review.rating,
                                          comment=effect.text)
    env.notices += to_sellers(env.session, env.who.shop_id, Reply(text, reply_button(review.id, order.code)))
    return None


def apply_reply(env: Env, effect: ReplyReview) -> Any:
    found = reviews_db.with_order(env.session, env.who.shop_id, effect.review_id)
    if found is None:
        return ReviewMissing()
    review, order = found
    if not reviews_db.add_reply(env.session, review.id, effect.text, env.ctx.now):
        return ReviewAlreadyReplied(order.code)
    reply = Reply(t.CUSTOMER_REVIEW_REPLY.format(shop=env.ctx.shop.name, code=order.code, reply=effect.text))
    env.notices += to_customer(env.session, order, reply)
    return ReviewReplied(order.code)


APPLIERS = {RateOrder: apply_rate, CommentReview: apply_comment, ReplyReview: apply_reply}
