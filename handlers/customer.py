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

from language.edits import Edit, cart_edits, wants_cart
from language.numbers import parse_quantity
from language.order_lines import bare_quantity, order_if_there, order_lines
from language.questions import asks_order_status, handoff_request
from language.text import normalize
from language.words import (ADDRESS, CANCEL, GREETING_WORDS, GREETINGS, HELP, MENU, MY_STAMPS, ORDER_HISTORY,
                            PRONOUNS, REORDER, asks, politeness)
from conversations.customer import (ask_seller, browsing, cart, cart_text, checkout, faq, handoff, known_address, list_pick,
                                    loyalty, options, payment, preorder, promo, questions, quote, reorder, review, shown,
                                    superlative, tracking)
from conversations.base import Button, Ctx, Reply, Step, Turn, say
from conversations.choice import Choice
from conversations.examples import fill
from conversations.customer.browsing import Browse
from conversations.customer.cart import Cart
from conversations.customer.checkout import Checkout
from conversations.customer.consent import Consent
from conversations.customer.payment import Pay
from conversations.customer.review import Review
from texts.id import customer as t
from texts.id import handoff as handoff_texts

log = logging.getLogger(__name__)

MAX_TEXT = 4096

CART = {"keranjang", "cart", "/cart", "lihat keranjang", "troli"}
# The menu's "Cari produk" typed out (WhatsApp shows labels to type), or just "cari": what to look for?
SEARCH = {"cari", "cari produk", "cari barang", "/cari", "pencarian"}
CATALOG = {"katalog", "catalog", "/katalog", "produk", "daftar produk", "menu makanan", "list", "pricelist", "price list", "daftar harga"}
MY_ORDERS = {"pesanan saya", "pesananku", "pesanan", "status", "cek pesanan", "/pesanan", "orders"}
CHECKOUT = {"checkout", "check out", "co", "bayar"}
SEARCH_PREFIX = re.compile(r"^(cari|ada|ada ga|ada gak|ada nggak|jual|nyari)\s+(.+?)\??$")
# An order verb first, after any greeting, address or pronoun: "kak order rendang 1", "bu, saya mau pesan ...".
ORDER_VERBS = re.compile(r"^(?:(?:" + "|".join(sorted(ADDRESS | GREETING_WORDS | PRONOUNS, key=len, reverse=True))
                         + r")\s+)*(pesan|pesen|order|beli|mau|minta|ambil|tambah|tumbas|tuku|meser|bade|nitip)\b")
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
    """The step for a customer's message, remembering the list of products it shows (or dropping
    the one before when it no longer applies: conversations.customer.shown)."""
    step = known_address.remember(state, turn, route_message(state, data, turn, ctx))  # "kirim ke jl ijen 5"
    return shown.remember(data, step)


def route_message(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step:
    if state not in STATES:  # e.g. left by an older version: never guess what it meant
        log.warning("customer %s in unknown state %r: answered with the menu", ctx.customer.id, state)
        return browsing.menu(clear_step(data), ctx)
    if turn.edited:  # re-reading an edit could double a cart line; ask for a new message instead
        return say(state, data, Reply(fill(t.EDIT_NOT_APPLIED, ctx.examples)))
    if (step := promo.route(state, data, turn, ctx)) is not None:  # STOP works everywhere, at once
        return step
    if (relaying := handoff.intercept(state, data, turn, ctx)) is not None:  # with a seller: to them
        return relaying
    if (paying := payment.intercept(state, data, turn, ctx)) is not None:
        return paying
    if (accepting := quote.intercept(state, data, turn, ctx)) is not None:
        return accepting
    if turn.choice:
        return on_choice(state, data, turn, ctx)
    if turn.latitude is not None or turn.media:
        return STATE_STEPS[state](data, ctx, turn) if state in STATE_STEPS else browsing.menu(data, ctx)
    text = turn.text.strip()
    if not text and turn.phone:  # a shared contact (bot.identity keeps the number): the step goes on
        return say(state, data, Reply(t.CONTACT_THANKS))
    if not text:
        return say(state, data, Reply(t.EMPTY_MESSAGE, browsing.main_menu()))
    if len(text) > MAX_TEXT:
        return say(state, data, Reply(t.TOO_LONG.format(length=f"{len(text):,}".replace(",", "."))))
    if (rating := review.text_intent(state, data, turn, ctx)) is not None:  # "⭐⭐⭐⭐" is a rating, not an emoji
        return rating
    if EMOJI_ONLY.match(text):
        if state == Checkout.NOTE:  # "-" or "👍" for the note: none
            return checkout.STEPS[Checkout.NOTE](data, ctx, turn)
        return say(state, data, Reply(t.EMOJI_ONLY.format(emoji=text[:8]), browsing.main_menu()))
    words = " ".join(text.lower().split()).strip(" !?.")
    if (glob := global_word(words, state, data, ctx)) is not None:
        return glob
    if (accepting := quote.text_intent(state, data, turn, ctx)) is not None:
        return accepting
    if (paying := payment.text_intent(state, data, turn, ctx)) is not None:
        return paying
    if state in (Cart.QTY, Cart.NEW_QTY) and bare_quantity(text) is None and parse_quantity(text) is not None:
        return free_text(clear_step(data), ctx, text)  # "nastar keju 2" while we asked how many: a new order
    if state in (Cart.QTY, Cart.NEW_QTY) and parse_quantity(text) is None and len(text.split()) > 1 \
            and not cart.all_of_it(text):
        state, data = Browse.HOME, clear_step(data)  # "bahannya apa kak": no number, something else asked
    if state not in STATE_STEPS and wants_cart(text):  # "cek keranjang", "totalnya brp kak?"
        return cart.view(clear_step(data), ctx)
    if state not in STATE_STEPS and cart.items(data) and cart_edits(text) == [Edit("checkout")]:
        return checkout.start(clear_step(data), ctx)  # "lanjut pembayaran": paying, not a question about it
    if state not in STATE_STEPS and (ordered := order_if_there(text)) is not None:  # "ada X? kalo ada pesen 2"
        return free_text(clear_step(data), ctx, ordered)
    if state not in STATE_STEPS and (ranking := superlative.answer(state, data, ctx, text)) is not None:
        return ranking  # "yg paling murah apa kak", "pesan yg paling pedes 2"
    if state not in STATE_STEPS and (picked := list_pick.by_place(state, data, ctx, text)) is not None:
        return picked  # "nomor 2", "yg kedua 3": the list just shown
    if (counted := list_pick.by_quantity(state, data, ctx, text)) is not None:
        return counted  # "pesan 2" after a list: which of them
    if (answered := question(state, data, ctx, text)) is not None:
        return answered
    if state in STATE_STEPS:
        return STATE_STEPS[state](data, ctx, turn)
    if state == Browse.PRODUCT and data.get("family") and (step := options.family_text(data, ctx, text)) is not None:
        return step
    if state == Browse.PRODUCT and data.get("sku") and (qty := bare_quantity(text)) is not None:  # "ok kak ambil 1"
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
    if words in SEARCH:
        return browsing.ask_search(clear_step(data), ctx)
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


def question(state: str, data: dict[str, Any], ctx: Ctx, text: str) -> Step | None:
    """A question the seller answered (their FAQ), about the shop (answered where the customer
    is) or a product (its page, the cart untouched). While we wait for an answer of theirs, only
    a question mark makes one; an order ("mau 2 nastar, ready?") is no question."""
    strict = state in STATE_STEPS
    if not strict and (asking := handoff.request(state, data, ctx, text)) is not None:  # a person, or a complaint
        return asking
    if not strict and asks_order_status(text):  # "pesanan saya mana kak": their orders, each with its status
        return tracking.my_orders(clear_step(data), ctx)
    if strict and "?" not in text:
        return None
    words = " ".join(normalize(text).split())
    ordering = bool(ORDER_VERBS.match(words)) and any(line.counted for line in order_lines(text, ctx.catalog.sizes()))
    if not ordering and (step := faq.answer(state, data, ctx, text)) is not None:
        return step  # the seller's own answer first: it may say more than the shop file
    if (step := questions.shop_answer(state, data, ctx, text)) is not None:
        if ordering and not strict:  # "order rendang 1 ya, kirim ke jebres": the order, then the answer
            order = free_text(data, ctx, text)
            order.replies = order.replies + step.replies
            return order
        return step
    if strict or ordering:
        return None
    return questions.product_answer(clear_step(data) if state == Browse.PICK else data, ctx, text)


def clear_step(data: dict[str, Any]) -> dict[str, Any]:
    """Leaves the current step but keeps what must survive it (the cart, above all)."""
    return {k: v for k, v in data.items() if k not in ("sku", "pending", "co", "family", "review")}


POLITE_REPLIES = {"hello": t.POLITE_HELLO, "thanks": t.POLITE_THANKS, "order": t.POLITE_ORDER}


def free_text(data: dict[str, Any], ctx: Ctx, text: str) -> Step:
    words = " ".join(normalize(text).split())
    # A re-order first: its words ("pesen lagi ya kak") are polite and order words, but it asks for more.
    if (again := reorder.from_text(data, ctx, words)) is not None:  # "pesan lagi yang kemarin tapi ..."
        return again
    if (kind := politeness(text)) is not None:  # "misi kak", "makasih", "bu tumbas": no product to look for
        return say(Browse.HOME, data, Reply(fill(POLITE_REPLIES[kind], ctx.examples), browsing.main_menu()))
    if (step := preorder.dated_order(data, ctx, text)) is not None:  # "po bolu pandan untuk besok"
        return step
    if (edited := cart_text.edit(data, ctx, text)) is not None:  # "keripiknya jadi 3", "hapus sambal", "lanjut bayar"
        return edited
    if match := SEARCH_PREFIX.match(words):
        return browsing.search(data, ctx, match.group(2))
    # A size is not a quantity: "rendang 250" shows the 250g one, "rendang 250 dua" orders two.
    # A question ("brp sebungkus?", "ready 3 toples?") is never an order unless it starts as one.
    if ORDER_VERBS.match(words) or (not asks(words) and any(line.counted for line in order_lines(text, ctx.catalog.sizes()))):
        if (step := options.fill_from_text(data, ctx, text)) is not None:
            return step
    if (picked := list_pick.by_words(data, ctx, text)) is not None:  # "yg ayam": of the list just shown
        return picked
    found = ctx.catalog.find(text)
    if found.best is not None or found.candidates:
        return browsing.search(data, ctx, text)
    if wants_a_product(words, text, ctx):  # "bakpia ada?", "mie ayam 1": said plainly, nothing far-off offered
        return browsing.not_sold(data, ctx, text)
    if "?" in text:  # a question nobody here can answer: offer to ask the seller
        return say(Browse.HOME, {**data, "asked": text[:500]},
                   Reply(fill(t.NOT_UNDERSTOOD, ctx.examples) + "\n\n" + handoff_texts.ASK_SELLER,
                         [ask_seller.question_button(), *browsing.main_menu()]))
    return say(Browse.HOME, data, Reply(fill(t.NOT_UNDERSTOOD, ctx.examples), browsing.main_menu()))


ASKS_FOR_PRODUCT = re.compile(r"\b(ada|ready|jual|jualan|sedia|nyedia\w*|punya|nyari|cari|sell|have)\b")


def wants_a_product(words: str, text: str, ctx: Ctx) -> bool:
    """Whether a message no product fits still asks for one: it orders, counts, or asks "ada?"."""
    return bool(ORDER_VERBS.match(words) or ASKS_FOR_PRODUCT.search(words)
                or any(line.counted for line in order_lines(text, ctx.catalog.sizes())))


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
    if value == ask_seller.ASK_SELLER.pack():
        return handoff.ask_seller(state, data, ctx)
    if (about := ask_seller.ASK_ABOUT.unpack(value)) is not None:  # "Tanya penjual" under a reply, with why
        return handoff.ask_about(Browse.HOME, clear_step(data), ctx, *about)  # the step it was under is left
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
    if not turn.choice and (not words or words in GREETINGS or words in MENU or EMOJI_ONLY.match(words)
                            or (politeness(words) is not None and handoff_request(words) is None)):
        return hello  # "admin" alone is a call for a person, not a polite hello
    step = route(Browse.HOME, hello.data, turn, ctx)
    step.replies = hello.replies + step.replies
    return step
