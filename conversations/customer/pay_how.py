"""How to pay an order just placed (or whose quoted fee was just accepted): the account and
the exact amount, the order's own QRIS, or what cash on delivery means."""

from __future__ import annotations

from language.money import local_time, rupiah
from conversations.base import Attachment, Ctx, Reply
from conversations.customer.browsing import main_menu
from conversations.ports import OrderSummary
from orders import qris
from texts.id import customer as t


def payment_instructions(ctx: Ctx, order: OrderSummary) -> Reply:
    method = ctx.shop.payment(order.payment_method)
    total = rupiah(order.total)
    pay_by = local_time(order.pay_by, ctx.tz) if order.pay_by else "-"
    if order.payment_method == "bank_transfer" and method:
        unique = t.PAY_UNIQUE_NOTE.format(unique_code=f"{order.unique_code:03d}") if order.unique_code else ""
        return Reply(t.PAY_BANK.format(total=total, bank=method.bank, account_number=method.account_number,
                                       account_holder=method.account_holder, unique_note=unique, pay_by=pay_by), main_menu())
    if order.payment_method == "qris" and method:
        exact = _exact_qris(method.qris_payload, order.total)
        if exact is not None:  # a code of its own with the amount in it, drawn after commit (bot.attachments)
            unique = t.PAY_QRIS_UNIQUE_NOTE.format(unique_code=f"{order.unique_code:03d}") if order.unique_code else ""
            picture = Attachment("image", t.QRIS_FILE.format(code=order.code), "image/png",
                                 {"what": "qris", "payload": exact})
            return Reply(t.PAY_QRIS_EXACT.format(total=total, unique_note=unique, pay_by=pay_by), main_menu(),
                         attachment=picture)
        return Reply(t.PAY_QRIS.format(total=total, pay_by=pay_by), main_menu(), image_url=method.qris_image)
    when = t.COD_DELIVERY if order.fulfilment == "delivery" else t.COD_PICKUP
    return Reply(t.PAY_COD.format(total=total, when=when), main_menu())


def _exact_qris(payload: str | None, total: int) -> str | None:
    """The shop's QRIS made dynamic for this amount, or None (no payload, or one that no longer
    reads): the shop's plain picture is the fallback."""
    if not payload:
        return None
    try:
        return qris.to_dynamic(payload, total)
    except qris.QrisError:
        return None
