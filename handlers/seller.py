"""The seller router: the registry of seller flows, tried in order.

Each flow (conversations/seller/) exposes `route(state, data, turn, ctx) -> Step | None`: a
Step when the message is its command (or an answer to a question it asked), None when it is
not, and then the next flow is asked. When no flow takes the message it is still the seller's:
the commands closest to it (conversations.seller.unknown). Only a seller who said "mode
pembeli" has it handed to the customer flows (a seller can shop too), until "mode penjual".

To add a seller flow, write its module under conversations/seller/ and add ONE line to ROUTES
(the stock parser is the most forgiving, so it stays last), and its states to STATES. The
`ctx` a flow receives is a conversations.seller.ports.SellerCtx (a Ctx plus `.seller`: who,
with role owner|staff, and `.desk`: the whole shop, hidden products included); `data` is the
seller's own conversation data; the effects a Step asks for are applied in the same
transaction (effects.registry) and worded by the flow's own continuation (Step.then).
Return an idle Step (`conversations.seller.common.idle`) unless asking a question; when a
message goes to the customer flows, the engine closes the seller's open question (`forget`).

Only registered sellers ever reach this router (bot.engine checks the `sellers` table),
so a customer or a stranger typing a seller command gets an ordinary customer answer:
no change, and no hint that the command exists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from conversations.base import Ctx, Reply, Step, Turn
from conversations.seller import (broadcast, cluster, faq, handoff, how, kitchen, lists, loyalty, marketing, money, money_list,
                                  offers, orders, ownership, products, promo, recap, reports, reviews, setup, shop_settings,
                                  staff, stock, undo, unknown)
from conversations.seller.common import IDLE, clean, idle, words
from conversations.seller.ports import SellerCtx
from language.words import SELLER_LEAVE, STOP
from texts.id import seller as t

log = logging.getLogger(__name__)

SellerRoute = Callable[[str, dict[str, Any], Turn, SellerCtx], Step | None]

ROUTES: tuple[SellerRoute, ...] = (
    handoff.route,  # a chat with a customer (everything relayed until "selesai"), the queue, "layani 1"
    unknown.route,  # "mode pembeli" / "mode penjual": shopping as a buyer, and back
    undo.route,  # "batalkan" right after a change
    how.in_step,  # "caranya gimana?" while a question is open: what it wants (never taken as the answer)
    ownership.route,  # a staff member typing the owner code becomes the owner
    setup.route,  # the answers to the shop's setup questions (a new shop, or "ganti alamat" alone)
    reviews.route,  # the one reply to a customer's review (its button, then the text)
    orders.route,  # lunas / tolak / proses / kirim / selesai / batal KD-0042, and KD-0042 alone
    kitchen.route,  # kuota harian, habis hari ini, PO nastar tutup/kirim, daftar masak
    cluster.route,  # promo cluster …: the cluster admin's joint promotion
    money.route,  # beli gas 25rb, gaji karyawan 1,5jt, modal masuk 2jt (a receipt photo as its caption); one word re-files it
    money_list.route,  # catatan keuangan, pengeluaran; ubah 2 gaji, hapus 2
    products.route,  # new product (one line or step by step), photos
    lists.route,  # help, stock list, order lists
    reports.route,  # laporan bulan ini / Oktober, rekap bulan lalu, laba rugi (PDF); grafik penjualan (a picture)
    recap.route,  # rekap, rekap kemarin, rekap minggu ini
    staff.route,  # undang staf, daftar staf, hapus staf
    shop_settings.route,  # info toko, atur toko, ganti alamat / jam buka, rekening baru, ongkir, serahkan toko
    faq.route,  # faq: halal? = …, faq, faq 2 = …, hapus faq 2
    loyalty.route,  # the loyalty rule: "setiap 10 pesanan dapat potongan 20rb", program stempel, stempel stop
    offers.route,  # "kirim promo ke yang pernah beli nastar tapi 30 hari tidak": a broadcast to who lapsed
    marketing.route,  # promo baru, promo stop, broadcast baru, laporan broadcast
    how.route,  # "caranya gimana?", "gmn cara nambah barang": how to do what they named, or the menu
    stock.route,  # stock, price, threshold, hide/show; asks which product
)

# Every state a seller's conversation can rest in: idle, or a question of one flow.
STATES = frozenset({IDLE, *stock.SellerStock, *products.SellerProducts, *orders.SellerOrders, *promo.SellerPromo,
                    *broadcast.SellerBroadcast, *setup.SellerSetup, *handoff.SellerHandoff,
                    *reviews.SellerReviews})

MAX_TEXT = 1000  # longer than any command: a pasted text is not one


def route(state: str, data: dict[str, Any], turn: Turn, ctx: Ctx) -> Step | None:
    if not isinstance(ctx, SellerCtx) or len(turn.text) > MAX_TEXT:
        return None
    if state not in STATES:  # e.g. left by an older version: never guess what it meant
        log.warning("seller %s in unknown state %r: answered with the menu", ctx.seller.id, state)
        return lists.help_(data, ctx)
    if state not in (IDLE, handoff.SellerHandoff.CHAT) and state not in setup.SETUP_STATES and not turn.choice and words(turn.text) in SELLER_LEAVE:
        return idle(data, Reply(t.FLOW_CANCELLED))
    for command in ROUTES:
        step = command(state, data, turn, ctx)
        if step is not None:
            return step
    if data.get(unknown.SHOPPING) or words(turn.text) in STOP:  # shopping as a buyer; a promo opt-out
        return None
    return unknown.unknown(data, turn, ctx)


def forget(data: dict[str, Any]) -> dict[str, Any]:
    """What a seller's conversation keeps once a message of theirs went to the customer flows:
    no open question, no offered buttons, no undo (it is no longer "right after"); still shopping."""
    return {k: v for k, v in clean(data).items() if k != "_offered"}


def join(state: str, data: dict[str, Any], text: str, name: str | None, ctx: Ctx) -> Step | None:
    """bot.engine offers a non-seller's message here first: the shop's owner code, or a staff invite code."""
    return ownership.claim(state, data, text, name, ctx) or staff.join(state, data, text, name, ctx)
