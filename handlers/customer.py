"""The customer router: what a customer's message means. Promo words and payment buttons first,
then button values, then global words, then the current state's step, then free text (an
order, a search, or a friendly hint). A state no flow knows is answered with the menu.

Pure: `route(state, data, turn, ctx) -> Step`, so scripted dialogues test it without I/O.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from language.numbers import order_lines, parse_quantity
from language.text import normalize
from language.words import CANCEL, GREETINGS, HELP, MENU, MY_STAMPS, ORDER_HISTORY, REORDER
from conversations.customer import browsing, cart, checkout, loyalty, options, payment, promo, quote, reorder, review, tracking
from conversations.base import Ctx, Reply, Step, Turn, say
from conversations.choice import Choice
from conversations.examples import fill
from conversations.customer.browsing import Browse
from conversations.customer.cart import Cart
from conversations.customer.checkout import Checkout
from conversations.customer.consent import Consent
from conversations.customer.payment import Pay
from conversations.customer.review import Review
from texts.id import customer as t

log = logging.getLogger(__name__)

MAX_TEXT = 4096

CART = {"keranjang", "cart", "/cart", "lihat keranjang", "troli"}
CATALOG = {"katalog", "catalog", "/katalog", "produk", "daftar produk", "menu makanan", "list", "pricelist", "price list", "daftar harga"}
MY_ORDERS = {"pesanan saya", "pesananku", "pesanan", "status", "cek pesanan", "/pesanan", "orders"}
CHECKOUT = {"checkout", "check out", "co", "bayar"}
SEARCH_PREFIX = re.compile(r"^(cari|ada|ada ga|ada gak|ada nggak|jual|nyari)\s+(.+?)\??$")
ORDER_VERBS = re.compile(r"^(pesan|pesen|order|beli|mau|minta|ambil|tambah)\b")
EMOJI_ONLY = re.compile(r"^[\W_]+$", re.UNICODE)

StepFn = Callable[[dict[str, Any], Ctx, Turn], Step]

STATE_STEPS: dict[str, StepFn] = {
    Cart.QTY: lambda d, c, turn: cart.quantity_text(d, c, turn.text),
    Cart.NEW_QTY: lambda d, c, turn: cart.new_quantity_text(d, c, turn.text),
    Browse.SEARCH: lambda d, c, turn: browsing.search(d, c, turn.text),
    **checkout.STEPS,
    **payment.STEPS,
    **review.STEPS,
}


# Every state a customer's conversation can rest in, flow by flow.
STATES = frozenset({*Browse, *Cart, *Checkout, *Pay, *Consent, *Review})


def route(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step:
    if state not in STATES:  # e.g. left by an older version: never guess what it meant
        log.warning("customer %s in unknown state %r: answered with the menu", ctx.customer.id, state)
        return browsing.menu(clear_step(data), ctx)
    if turn.edited:  # re-reading an edit could double a cart line; ask for a new message instead
        return say(state, data, Reply(fill(t.EDIT_NOT_APPLIED, ctx.examples)))
    if (step := promo.route(state, data, turn, ctx)) is not None:  # STOP works everywhere, at once
        return step
    if (paying := payment.intercept(state, data, turn, ctx)) is not None:
        return paying
    if (accepting := quote.intercept(state, data, turn, ctx)) is not None:
        return accepting
    if turn.choice:
        return on_choice(state, data, turn, ctx)
    if turn.latitude is not None or turn.media:
        return STATE_STEPS[state](data, ctx, turn) if state in STATE_STEPS else browsing.menu(data, ctx)
    text = turn.text.strip()
    if not text:
        return say(state, data, Reply(t.EMPTY_MESSAGE, browsing.main_menu()))
    if len(text) > MAX_TEXT:
        return say(state, data, Reply(t.TOO_LONG.format(length=f"{len(text):,}".replace(",", "."))))
    if (rating := review.text_intent(state, data, turn, ctx)) is not None:  # "⭐⭐⭐⭐" is a rating, not an emoji
        return rating
    if EMOJI_ONLY.match(text):
        return say(state, data, Reply(t.EMOJI_ONLY.format(emoji=text[:8]), browsing.main_menu()))
    words = " ".join(text.lower().split()).strip(" !?.")
    if (glob := global_word(words, state, data, ctx)) is not None:
        return glob
    if (accepting := quote.text_intent(state, data, turn, ctx)) is not None:
        return accepting
    if (paying := payment.text_intent(state, data, turn, ctx)) is not None:
        return paying
    if state in STATE_STEPS:
        return STATE_STEPS[state](data, ctx, turn)
    if state == Browse.PRODUCT and data.get("family") and (step := options.family_text(data, ctx, text)) is not None:
        return step
    if state == Browse.PRODUCT and data.get("sku") and len(text) <= 12 and (qty := parse_quantity(text)) is not None:
        return cart.add(data, ctx, data["sku"], qty)
    if state == Browse.PICK and (step := options.pick_text(data, ctx, text)) is not None:
        return step
    return free_text(data, ctx, text)


def global_word(words: str, state: str, data: dict[str, Any], ctx: Ctx) -> Step | None:
    if words in MENU:
        return browsing.menu(clear_step(data), ctx)
    if words in GREETINGS:
        return browsing.greet(clear_step(data), ctx)
    if words in HELP:
        return browsing.help_(clear_step(data), ctx)
    if words in CANCEL:
        return browsing.menu(clear_step(data), ctx, note=t.CANCELLED_STEP)
    if words in CART:
        return cart.view(clear_step(data), ctx)
    if words in CATALOG:
        return browsing.categories(clear_step(data), ctx)
    if words in MY_ORDERS:
        return tracking.my_orders(clear_step(data), ctx)
    if words in REORDER:
        return reorder.last_order(clear_step(data), ctx)
    if words in ORDER_HISTORY:
        return reorder.history(clear_step(data), ctx)
    if words in MY_STAMPS:
        return loyalty.stamps(clear_step(data), ctx)
    if words in CHECKOUT:
        return checkout.start(clear_step(data), ctx)
    return None


def clear_step(data: dict[str, Any]) -> dict[str, Any]:
    """Leaves the current step but keeps what must survive it (the cart, above all)."""
    return {k: v for k, v in data.items() if k not in ("sku", "pending", "co", "family", "review")}


def free_text(data: dict[str, Any], ctx: Ctx, text: str) -> Step:
    words = " ".join(normalize(text).split())
    if match := SEARCH_PREFIX.match(words):
        return browsing.search(data, ctx, match.group(2))
    if (again := reorder.from_text(data, ctx, words)) is not None:  # "pesan lagi yang kemarin tapi ..."
        return again
    # A size is not a quantity: "rendang 250" shows the 250g one, "rendang 250 dua" orders two.
    if ORDER_VERBS.match(words) or any(line.counted for line in order_lines(text, ctx.catalog.sizes())):
        if (step := options.fill_from_text(data, ctx, text)) is not None:
            return step
    found = ctx.catalog.find(text)
    if found.best is not None or found.candidates:
        return browsing.search(data, ctx, text)
    return say(Browse.HOME, data, Reply(fill(t.NOT_UNDERSTOOD, ctx.examples), browsing.main_menu()))


GLOBAL_CHOICES: dict[str, Callable[[dict[str, Any], Ctx], Step]] = {
    "menu": browsing.menu,
    "help": browsing.help_,
    "catalog": browsing.categories,
    "search": browsing.ask_search,
    "cart": cart.view,
    "orders": tracking.my_orders,
    reorder.HISTORY: reorder.history,
    review.SKIP: review.skip,
    "checkout": checkout.start,
    "empty": cart.empty,
    "chg": cart.pick_to_change,
    "batal": lambda d, c: browsing.menu(d, c, note=t.CANCELLED_STEP),
}


# Buttons that open a page, whatever step the customer is in: (choice, what it opens).
OPENS: tuple[tuple[Choice, Callable[..., Step]], ...] = (
    (browsing.CATEGORY, browsing.category_page),
    (browsing.PRODUCT, browsing.product_detail),
    (browsing.VARIANT, browsing.option_detail),
    (browsing.ADD, cart.add),
    (browsing.ASK_QTY, cart.ask_qty),
    (cart.CHANGE, cart.ask_new_qty),
    (cart.REMOVE, cart.remove),
    (reorder.AGAIN, reorder.again),
    (review.RATE, review.rate),
)
OPENS_BY_PREFIX = {choice.prefix: (choice, opens) for choice, opens in OPENS}


def on_choice(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step:
    value = turn.choice or ""
    if value in GLOBAL_CHOICES:
        return GLOBAL_CHOICES[value](clear_step(data), ctx)
    choice, opens = OPENS_BY_PREFIX.get(value.partition(":")[0], (None, None))
    if choice is not None and (parts := choice.unpack(value)) is not None:
        return opens(clear_step(data), ctx, *parts)
    if state == Browse.PICK and (sku := cart.PICK.one(value)) is not None:
        return options.pick(data, ctx, sku)
    if state in checkout.STEPS and any(answer.matches(value) for answer in checkout.ANSWERS):
        return checkout.STEPS[Checkout(state)](data, ctx, turn)
    # A stale or unknown button (an earlier step's, or a forged one): say so and show the menu.
    return browsing.menu(clear_step(data), ctx, note=t.STALE_BUTTON)


def first_contact(data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step:
    """greets a new customer, then answers what they wrote when it was more than a hello."""
    if turn.start_payload:
        data = {**data, "start_payload": turn.start_payload}
    hello = promo.on_first_contact(browsing.greet(data, ctx), turn, ctx)
    words = " ".join(turn.text.lower().split()).strip(" !?.")
    if not turn.choice and (not words or words in GREETINGS or words in MENU or EMOJI_ONLY.match(words)):
        return hello
    step = route(Browse.HOME, hello.data, turn, ctx)
    step.replies = hello.replies + step.replies
    return step
