"""Seller-side test helpers: the demo shop as a seller sees it, and a chat driver over the
pure seller routing (no database). Effects are recorded, not applied: what a change does
to the database is the integration tests' business."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from books.periods import Period
from catalog.products import ProductInfo, build_index
from conversations.base import CustomerView, Media, Reply, Turn
from conversations.examples import ListedExamples
from shops.profile import ShopProfile
from handlers import choices, seller
from catalog import families as fam
from conversations.seller.money_changes import MoneyEntry
from conversations.seller.ports import OrderBrief, RecapFigures, SellerCtx, SellerProduct, SellerView, resolve_among
from tests.support import NOW, Dialogue, FakeOrders, demo_products, demo_profile

OWNER = SellerView(1, "owner", "Bu Sri", "simulator", "penjual")
STAFF = SellerView(2, "staff", "Budi", "telegram", "5550002")


def seller_products(hidden: tuple[str, ...] = ("KRP-KTG",), **stock: int) -> list[SellerProduct]:
    """The demo catalog with thresholds; `hidden` skus are hidden from customers."""
    return [SellerProduct(p.id, p.sku, p.name, p.category, p.price, p.stock, p.sku not in hidden, p.image_url, 5)
            for p in demo_products(**stock)]


@dataclass
class MemoryDesk:
    """An in-memory SellerDesk over plain lists, searched with the real index."""

    items: list[SellerProduct] = field(default_factory=seller_products)
    order_briefs: dict[str, list[OrderBrief]] = field(default_factory=dict)
    figures: RecapFigures = RecapFigures(0, 0, 0, 0, 0)
    people: list[SellerView] = field(default_factory=lambda: [OWNER, STAFF])
    asked: list[tuple[Any, ...]] = field(default_factory=list)
    batch_rows: list[tuple[str, str, int]] = field(default_factory=list)
    money: list[MoneyEntry] = field(default_factory=list)  # the seller's money entries, oldest first
    sales: dict[date, int] = field(default_factory=dict)  # net sales by local day, for charts

    def __post_init__(self) -> None:
        infos = [ProductInfo(p.id, p.sku, p.name, None, p.category, p.price, p.stock, family_id=p.family_id,
                             option=p.option) for p in self.items]
        self._index = build_index(infos)
        self._sizes = fam.sizes_of(infos)

    def resolve(self, query: str) -> tuple[SellerProduct | None, list[SellerProduct]]:
        return resolve_among(self._index.resolve(query), self.items, query, self._sizes)

    def sizes(self) -> frozenset[int]:
        return self._sizes

    def product(self, product_id: int) -> SellerProduct | None:
        return next((p for p in self.items if p.id == product_id), None)

    def by_sku(self, sku: str) -> SellerProduct:
        return next(p for p in self.items if p.sku == sku)

    def products(self) -> list[SellerProduct]:
        return list(self.items)

    def categories(self) -> list[str]:
        return list(dict.fromkeys(p.category for p in self.items))

    def orders(self, which: str, start: datetime, end: datetime) -> list[OrderBrief]:
        self.asked.append(("orders", which, start, end))
        return self.order_briefs.get(which, [])

    def recap(self, start: datetime, end: datetime) -> RecapFigures:
        self.asked.append(("recap", start, end))
        return self.figures

    def staff(self) -> list[SellerView]:
        return list(self.people)

    def batch(self, first: str, last: str | None) -> list[tuple[str, str, int]]:
        self.asked.append(("batch", first, last))
        return [r for r in self.batch_rows if r[0] >= first and (last is None or r[0] <= last)]

    def money_entries(self, limit: int) -> list[MoneyEntry]:
        return list(reversed(self.money))[:limit]

    def daily_sales(self, period: Period) -> list[tuple[date, int]]:
        self.asked.append(("daily_sales", period))
        return [(day, self.sales.get(day, 0)) for day in period.days()]


@dataclass
class SellerChat:
    """A seller talking to the pure routing, as the engine would drive it."""

    desk: MemoryDesk = field(default_factory=MemoryDesk)
    me: SellerView = OWNER
    now: datetime = NOW
    state: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    last: list[Reply] = field(default_factory=list)
    effects: list[Any] = field(default_factory=list)
    passed: bool = False  # the last message was not a seller command
    shop: ShopProfile = field(default_factory=demo_profile)

    def ctx(self) -> SellerCtx:
        return SellerCtx(self.shop, None, CustomerView(9), FakeOrders(), self.now,  # type: ignore[arg-type]
                         ZoneInfo("Asia/Jakarta"), seller=self.me, desk=self.desk, examples=self.examples())

    def examples(self) -> ListedExamples:
        """The shop's own products as examples, as adapters.catalog.DbExamples reads them."""
        shown = [p for p in self.desk.items if p.visible and p.stock > 0]
        low = next((p.name for p in sorted(self.desk.items, key=lambda p: p.stock) if p.visible and p.low), None)
        return ListedExamples([p.name for p in shown[:2]], low)

    def send(self, text: str = "", *, choice: str | None = None, photo: str | None = None) -> list[Reply]:
        media = (Media(photo),) if photo else ()
        turn = choices.interpret(Turn(text=text, choice=choice, media=media), self.data.get("_offered"))
        step = seller.route(self.state, self.data, turn, self.ctx())
        self.passed = step is None
        if step is None:  # the engine hands it to the customer flows and closes open seller questions
            self.state, self.data = "", seller.forget(self.data)
            self.last, self.effects = [], []
            return []
        self.state = step.state
        self.data = {k: v for k, v in step.data.items() if k != "_offered"}
        if offered := choices.remember(step.replies):
            self.data["_offered"] = offered
        self.last, self.effects = step.replies, step.effects
        return step.replies

    press = Dialogue.press  # same fields, same way of pressing a button

    def later(self, **delta: float) -> None:
        self.now = self.now + timedelta(**delta)

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.last)

    @property
    def buttons(self) -> list[str]:
        return [b.label for r in self.last for b in r.buttons]

    def change(self) -> tuple[str, str, Any, Any] | None:
        """The one product change the last message asked for, as (sku, field, before, after)."""
        changes = [e for e in self.effects if hasattr(e, "field")]
        assert len(changes) <= 1, changes
        if not changes:
            return None
        c = changes[0]
        sku = next(p.sku for p in self.desk.items if p.id == c.product_id)
        return sku, c.field, c.before, c.after
