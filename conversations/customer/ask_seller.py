"""The "Tanya penjual" button under a reply that leaves something to the seller (an order bigger
than chat takes, a shop with no way to pay yet, cancelling an order already paid, a rejected
proof). Pressing it hands the customer to the shop's sellers (conversations.customer.handoff)
with why, so the seller who answers sees which product and quantity, or which order, without
asking again. The button carries that context itself: it works from any later step, and from a
notice the customer got outside their own conversation (a rejected proof)."""

from __future__ import annotations

from conversations.base import Button
from conversations.choice import MAX_BUTTON_NUMBER, Choice, number
from texts.id import handoff as t

ASK_SELLER = Choice("ho")  # "ask the seller" the question we could not answer (data["asked"] holds it)
ASK_ABOUT = Choice("hs", str, str, number)  # (an order code or a sku, why, a quantity); the first may hold ":"

# Why the customer asks (texts.id.handoff.ABOUT words each for the seller).
QTY = "qty"  # more of a product than chat takes: the sku and the quantity wanted
PAY = "pay"  # the shop has no payment method yet: the cart
CANCEL = "cancel"  # an order they cannot cancel by chat any more: its code
PROOF = "proof"  # the proof of an order was rejected: its code
ORDER_REASONS = frozenset({CANCEL, PROOF})


def question_button() -> Button:
    """Under a question we could not answer; the reply's step keeps the words as data["asked"]."""
    return Button(t.BTN_ASK_SELLER, ASK_SELLER.pack())


def button(why: str, ref: str = "", qty: int = 0) -> Button:
    return Button(t.BTN_ASK_SELLER, ASK_ABOUT.pack(ref, why, min(max(qty, 0), MAX_BUTTON_NUMBER)))
