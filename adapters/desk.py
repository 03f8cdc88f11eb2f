"""The seller's desk over the database: the whole shop as a seller sees it (hidden products,
every order, the recap figures), and the SellerCtx the engine routes a seller's message with."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from adapters.catalog import IndexCache
from books import entries as book_entries
from books import figures as book_figures
from books.periods import Period
from catalog.model import display_name
from conversations.base import Ctx
from conversations.ports import Faq, OpenInvite
from conversations.seller import invites
from conversations.seller.money_changes import MoneyEntry
from conversations.seller.ports import OrderBrief, RecapFigures, SellerCtx, SellerProduct, SellerView, resolve_among
from storage import categories as categories_db
from storage import faqs as faqs_db
from storage import handoffs as handoffs_db
from storage import orders as orders_db
from storage import products as products_db
from storage import seller_invites as seller_invites_db
from storage import sellers as sellers_db
from storage import shops as shops_db
from shops import owner_code

ORDER_LIST_LIMIT = 15


def to_seller_product(row: Any) -> SellerProduct:
    return SellerProduct(row.id, row.sku, row.name, row.category or "", row.price, row.stock, bool(row.visible),
                         row.image_url, row.low_stock_threshold, row.family_id, row.option_label,
                         row.daily_quota, row.sold_out_on, row.po_closes, row.po_delivery, row.po_days)


def to_seller_view(row: Any) -> SellerView:
    return SellerView(row.id, row.role, row.name, row.channel, row.external_id)


class DbDesk:
    def __init__(self, session: Session, shop_id: int, indexes: IndexCache):
        self._session, self._shop_id, self._indexes = session, shop_id, indexes

    def resolve(self, query: str) -> tuple[SellerProduct | None, list[SellerProduct]]:
        indexed = self._indexes.entry(self._session, self._shop_id, include_hidden=True)
        found = indexed.index.resolve(query)
        keys = ([found.best] if found.best is not None else []) + list(found.candidates)
        rows = products_db.fetch_seller_families(self._session, self._shop_id, keys)
        return resolve_among(found, [to_seller_product(r) for r in rows], query, indexed.sizes)

    def sizes(self) -> frozenset[int]:
        return self._indexes.entry(self._session, self._shop_id, include_hidden=True).sizes

    def product(self, product_id: int) -> SellerProduct | None:
        return next(iter(self._fetch([product_id])), None)

    def products(self) -> list[SellerProduct]:
        return [to_seller_product(r) for r in products_db.fetch_seller_products(self._session, self._shop_id)]

    def categories(self) -> list[str]:
        return categories_db.fetch_category_names(self._session, self._shop_id)

    def orders(self, which: str, start: datetime, end: datetime) -> list[OrderBrief]:
        if which == "unpaid":
            rows = orders_db.fetch_unpaid_orders(self._session, self._shop_id, ORDER_LIST_LIMIT)
        elif which == "to_ship":
            rows = orders_db.fetch_orders_to_ship(self._session, self._shop_id, ORDER_LIST_LIMIT)
        else:
            rows = orders_db.fetch_orders_between(self._session, self._shop_id, start, end, ORDER_LIST_LIMIT)
        items = orders_db.fetch_items(self._session, [o.id for o in rows])
        return [OrderBrief(o.code, o.status, o.total, o.customer_name, o.payment_method, o.fulfilment, o.created_at,
                           tuple((i.name, i.qty) for i in items[o.id])) for o in rows]

    def recap(self, start: datetime, end: datetime) -> RecapFigures:
        return recap_figures(self._session, self._shop_id, start, end)

    def staff(self) -> list[SellerView]:
        return [to_seller_view(s) for s in sellers_db.fetch_sellers(self._session, self._shop_id)]

    def batch(self, first: str, last: str | None) -> list[tuple[str, str, int]]:
        return orders_db.fetch_batch(self._session, self._shop_id, first, last)

    def money_entries(self, limit: int) -> list[MoneyEntry]:
        return [MoneyEntry(e.id, e.kind, e.category, e.amount, e.note or "", e.occurred_at, bool(e.receipt_ref))
                for e in book_entries.last_entries(self._session, self._shop_id, limit)]

    def daily_sales(self, period: Period) -> list[tuple[date, int]]:
        return book_figures.daily_sales(self._session, self._shop_id, period)

    def _fetch(self, ids: list[int]) -> list[SellerProduct]:
        if not ids:
            return []
        return [to_seller_product(r) for r in products_db.fetch_seller_products(self._session, self._shop_id, ids)]


def recap_figures(session: Session, shop_id: int, start: datetime, end: datetime) -> RecapFigures:
    """The recap of [start, end): shared by the "rekap" command and the daily job. Omzet is the
    books' (books.figures.omzet: goods paid for in the span, less discounts and refunds), never
    the orders' totals, which hold unpaid orders, the delivery fee and the transfer code."""
    row = orders_db.recap_between(session, shop_id, start, end)
    low = tuple((display_name(r.name, r.option_label), r.stock) for r in products_db.fetch_low_stock(session, shop_id))
    omzet = book_figures.omzet(session, shop_id, start, end)
    return RecapFigures(row.orders, row.items, omzet, row.unpaid_orders, row.unpaid_total, low,
                        handoffs_db.count_open_complaints(session, shop_id))


def seller_context(session: Session, shop_id: int, ctx: Ctx, seller_id: int, indexes: IndexCache) -> SellerCtx:
    """The customer Ctx widened with the seller and their desk."""
    base = {f.name: getattr(ctx, f.name) for f in fields(Ctx)}
    me = to_seller_view(sellers_db.fetch_seller_by_id(session, shop_id, seller_id))
    return SellerCtx(**base, seller=me, desk=DbDesk(session, shop_id, indexes))


class DbInvites:
    """Open staff invites and the owner code, by the code someone typed (only hashes are stored)."""

    def __init__(self, session: Session, shop_id: int, now: datetime):
        self._session, self._shop_id, self._now = session, shop_id, now

    def open_invite(self, code: str) -> OpenInvite | None:
        row = seller_invites_db.fetch_open_invite(self._session, self._shop_id, invites.code_hash(code), self._now)
        return OpenInvite(row.id, row.invited_by) if row is not None else None

    def owner_code_open(self, code: str) -> bool:
        return shops_db.owner_code_open(self._session, self._shop_id, owner_code.code_hash(code), self._now)


class DbFaqs:
    """The shop's FAQ entries, read once per message when a step asks."""

    def __init__(self, session: Session, shop_id: int):
        self._session, self._shop_id = session, shop_id
        self._entries: list[Faq] | None = None

    def faqs(self) -> list[Faq]:
        if self._entries is None:
            self._entries = [Faq(r.id, r.question, r.answer, r.key) for r in faqs_db.fetch_faqs(self._session, self._shop_id)]
        return list(self._entries)
