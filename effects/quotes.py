"""A customer accepting a quoted delivery fee, applied inside the message's transaction; the
order is looked up again here, scoped to the shop and to the customer."""

from __future__ import annotations

from adapters.orders import summary_of
from conversations.base import Reply
from conversations.customer.quote import AcceptQuote, QuoteAccepted, QuoteGone
from effects.env import Env
from effects.notices import to_sellers
from language.money import rupiah
from language.names import addressed
from orders import quotes
from orders.lifecycle import IllegalMove
from storage import orders as orders_db
from texts.id import customer as customer_texts
from texts.id import quotes as t


def accept(env: Env, effect: AcceptQuote) -> QuoteAccepted | QuoteGone:
    """The customer's own quoted order waits for payment from now; the sellers are told."""
    session, who, ctx = env.session, env.who, env.ctx
    order = orders_db.fetch_order_by_code(session, who.shop_id, effect.code, customer_id=who.customer_id)
    if order is None:
        return QuoteGone(effect.code)
    window = who.window_minutes if ctx.shop.payment_window_minutes is None else ctx.shop.payment_window_minutes
    try:
        moved = quotes.accept(session, order.id, f"customer:{who.customer_id}", ctx.now, window)
    except IllegalMove:
        return QuoteGone(order.code, summary_of(orders_db.fetch_order(session, order.id)))
    o = moved.order
    told = Reply(t.SELLER_ACCEPTED.format(kak=addressed(o.customer_name), code=o.code, total=rupiah(o.total),
                                          payment=customer_texts.PAYMENT_LABELS.get(o.payment_method, o.payment_method)))
    env.notices += to_sellers(session, who.shop_id, told)
    return QuoteAccepted(summary_of(o))


APPLIERS = {AcceptQuote: accept}
