"""A shop's month, played through the real order and books code on a real database, with a
plain record of what happened that the tests add up on their own to check every report figure."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from books import entries
from books.expense_parsing import parse_money_sentence
from catalog.setup import DEMO, load_demo_if_empty
from catalog.shop import ShopProfile
from orders.lifecycle import Action, move
from orders.placing import Line, OrderRequest, place_order
from storage import ledger as lg
from storage.db import make_engine, session_factory, unit_of_work
from storage.migrate import upgrade
from storage.models import Customer, Order, OrderItem, Product
from storage.promo_models import Promotion
from tests.conftest import PG_BASE, pg_available

TZ = ZoneInfo("Asia/Jakarta")
NOV_START = datetime(2026, 10, 31, 17, 0, tzinfo=timezone.utc)  # 1 November 00.00 WIB
NOV_END = datetime(2026, 11, 30, 17, 0, tzinfo=timezone.utc)  # 1 December 00.00 WIB


@contextmanager
def database(backend: str, folder: Path, revision: str = "head") -> Iterator[str]:
    """A database migrated to `revision`: a SQLite file in `folder`, or a PostgreSQL schema of its own
    (for fixtures wider than one test, which conftest's per-test databases cannot serve)."""
    if backend == "sqlite":
        url = f"sqlite:///{folder}/kedai.db"
        upgrade(url, revision)
        yield url
        return
    if not pg_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL at 127.0.0.1 is required in CI")
        pytest.skip("no PostgreSQL at 127.0.0.1")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_BASE, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_BASE}?options=-csearch_path%3D{schema}"
    try:
        upgrade(url, revision)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def wib(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ).astimezone(timezone.utc)


def profile() -> ShopProfile:
    spec = json.loads((DEMO / "shop.json").read_text(encoding="utf-8"))
    spec.pop("slug"), spec.pop("sellers")
    return ShopProfile.model_validate(spec)


def demo_db(url: str) -> sessionmaker[Session]:
    sessions = session_factory(make_engine(url))
    with unit_of_work(sessions) as s:
        load_demo_if_empty(s)
        # 10% off a cart from Rp60.000, automatic: some of the month's orders carry a discount.
        s.add(Promotion(shop_id=1, name="Hemat", code=None, kind="percent", value=10, scope="cart",
                        min_subtotal=60_000, created_at=wib(10, 1)))
        s.commit()
    return sessions


@dataclass
class Story:
    """One order as the test drove it: its money, channel, items, and when it was paid or undone."""

    code: str
    channel: str
    placed_at: datetime
    subtotal: int
    discount: int
    fee: int
    unique: int
    total: int
    items: list[tuple[str, str, int, int]]  # sku, name, qty, line total
    paid_at: datetime | None = None
    voided_at: datetime | None = None
    status: str = "pending_payment"

    @property
    def refunded(self) -> bool:
        return self.paid_at is not None and self.voided_at is not None


@dataclass
class Money:
    """One entry the seller typed, and what became of it."""

    text: str
    at: datetime
    kind: str
    category: str
    amount: int


@dataclass
class Month:
    sessions: sessionmaker[Session]
    stories: dict[str, Story] = field(default_factory=dict)
    money: list[Money] = field(default_factory=list)
    customers: dict[str, int] = field(default_factory=dict)

    def customer(self, channel: str) -> int:
        if channel not in self.customers:
            with unit_of_work(self.sessions) as s:
                row = Customer(shop_id=1, name=f"Pembeli {channel}", created_at=wib(10, 1))
                s.add(row)
                s.flush()
                self.customers[channel] = row.id
                s.commit()
        return self.customers[channel]

    def place(self, at: datetime, method: str, lines: tuple[tuple[str, int], ...], *, channel: str = "whatsapp",
              fulfilment: str = "delivery") -> str:
        req = OrderRequest(shop_id=1, customer_id=self.customer(channel), channel=channel, customer_name="Siti",
                           fulfilment=fulfilment, payment_method=method, lines=tuple(Line(k, q) for k, q in lines),
                           zone_id="dalam-kota" if fulfilment == "delivery" else None,
                           address="Jl. Ijen 5, Klojen" if fulfilment == "delivery" else None)
        with unit_of_work(self.sessions) as s:
            o = place_order(s, profile(), req, at, 180, actor="customer:1")
            items = s.execute(select(OrderItem.sku, OrderItem.name, OrderItem.qty, OrderItem.line_total)
                              .where(OrderItem.order_id == o.id)).all()
            self.stories[o.code] = Story(o.code, channel, at, o.subtotal, o.discount, o.delivery_fee, o.unique_code,
                                         o.total, [tuple(i) for i in items])  # type: ignore[misc]
            s.commit()
            return o.code

    def act(self, code: str, action: Action, at: datetime, actor: str = "seller:1") -> None:
        with unit_of_work(self.sessions) as s:
            order_id = s.execute(select(Order.id).where(Order.code == code)).scalar_one()
            moved = move(s, order_id, action, actor, at, courier="JNE" if action == Action.SHIP else None)
            s.commit()
        story = self.stories[code]
        story.status = moved.after.value
        if moved.order.paid_at is not None and story.paid_at is None:
            story.paid_at = at
        if moved.after.value in ("cancelled", "expired"):
            story.voided_at = at

    def spend(self, text: str, at: datetime) -> int:
        note = parse_money_sentence(text)
        assert note is not None, text
        with unit_of_work(self.sessions) as s:
            entry = entries.record_note(s, 1, note, "seller:1", at)
            s.commit()
        self.money.append(Money(text, at - timedelta(days=note.days_ago), note.kind.value, note.category.value,
                                note.amount))
        return entry.id

    def undo(self, entry_id: int, at: datetime) -> None:
        with unit_of_work(self.sessions) as s:
            undone = lg.fetch_entry(s, 1, entry_id)
            entries.reverse(s, 1, entry_id, "seller:1", at)
            s.commit()
        assert undone is not None
        self.money = [m for m in self.money if not (m.at == undone.occurred_at and m.amount == undone.amount
                                                    and m.category == undone.category)]

    def set_cost(self, sku: str, cost: int) -> None:
        with unit_of_work(self.sessions) as s:
            product_id = s.execute(select(Product.id).where(Product.sku == sku)).scalar_one()
            lg.set_product_cost(s, 1, product_id, cost, "cli", wib(11, 1))
            s.commit()


POOL = ("KUE-NST-KJU", "FRZ-DMS", "KUE-LDK", "MNM-JHE", "FRZ-SMY", "KUE-NST-NNS", "FRZ-RSL", "KRP-KTG",
        "KUE-PTS", "MNM-KPS", "FRZ-PMK", "KRG-TMP")
WAYS = (("bank_transfer", "whatsapp", "delivery"), ("qris", "telegram", "pickup"), ("bank_transfer", "telegram", "delivery"),
        ("cod", "whatsapp", "pickup"), ("qris", "whatsapp", "delivery"), ("bank_transfer", "simulator", "pickup"))


def steady_trade(m: Month) -> None:
    """The everyday orders: one most days, two at the weekend, each paid within the hour."""
    n = 0
    for day in range(2, 30):
        for extra in range(2 if wib(11, day).astimezone(TZ).weekday() >= 5 else 1):
            method, channel, fulfilment = WAYS[n % len(WAYS)]
            code = m.place(wib(11, day, 9 + 3 * extra), method, ((POOL[n % len(POOL)], 2),), channel=channel,
                           fulfilment=fulfilment)
            m.act(code, Action.COMPLETE if method == "cod" else Action.CONFIRM, wib(11, day, 10 + 3 * extra))
            n += 1


def play_november(url: str) -> Month:
    """October's tail, November (WIB) in full, and the first days of December."""
    m = Month(demo_db(url))
    A = Action
    # Before the month: paid in October, or placed then and paid in November.
    a = m.place(wib(10, 20), "bank_transfer", (("KRP-SGK-PDS", 2), ("SBL-BWG", 1)))
    m.act(a, A.CONFIRM, wib(10, 21))
    b = m.place(wib(10, 30), "bank_transfer", (("KRP-TMP", 3),), channel="telegram")
    j = m.place(wib(10, 25), "bank_transfer", (("SBL-BWG", 2),))
    m.act(j, A.CONFIRM, wib(10, 25, 12))
    m.spend("modal masuk 2jt", wib(10, 28))
    m.spend("bensin 10rb", wib(10, 31, 23, 0))
    # The first hour of 1 November WIB is still 31 October in UTC.
    early = m.place(wib(11, 1, 0, 30), "qris", (("KRP-PSG-CKL", 1),), channel="telegram", fulfilment="pickup")
    m.act(early, A.CONFIRM, wib(11, 1, 1, 0))
    # November
    m.act(a, A.SHIP, wib(11, 1))
    m.act(a, A.COMPLETE, wib(11, 3))
    m.act(b, A.CONFIRM, wib(11, 2))
    m.act(j, A.CANCEL_BY_SELLER, wib(11, 3))  # paid in October, refunded in November
    c = m.place(wib(11, 5), "bank_transfer", (("KRP-SGK-PDS", 3), ("SBL-ROA", 2)))  # over Rp60.000: discounted
    m.act(c, A.CONFIRM, wib(11, 5, 11))
    d = m.place(wib(11, 7), "qris", (("KRP-SGK-ORI", 2),), channel="telegram", fulfilment="pickup")
    m.act(d, A.CONFIRM, wib(11, 7, 10, 5))
    m.act(d, A.COMPLETE, wib(11, 7, 15))
    e = m.place(wib(11, 10), "cod", (("KRP-TMP", 2), ("SBL-BWG", 1)))
    m.act(e, A.SHIP, wib(11, 11))
    m.act(e, A.COMPLETE, wib(11, 12))  # the cash is collected at the door
    f = m.place(wib(11, 20), "cod", (("KRP-SGK-PDS", 1),), channel="simulator")
    m.act(f, A.SHIP, wib(11, 21))  # still out at the month's end: a receivable
    g = m.place(wib(11, 14), "bank_transfer", (("KRP-TMP", 1),))
    m.act(g, A.CANCEL_BY_CUSTOMER, wib(11, 14, 11), actor="customer:1")
    h = m.place(wib(11, 15), "bank_transfer", (("KRP-TMP", 1),), channel="telegram")
    m.act(h, A.EXPIRE, wib(11, 15, 14), actor="system")
    i = m.place(wib(11, 16), "bank_transfer", (("SBL-ROA", 1), ("KRP-SGK-ORI", 5)))
    m.act(i, A.CONFIRM, wib(11, 16, 12))
    m.act(i, A.CANCEL_BY_SELLER, wib(11, 18))  # paid and refunded in the month
    n = m.place(wib(11, 22), "cod", (("KRP-PSG-CKL", 2),), channel="whatsapp", fulfilment="pickup")
    m.act(n, A.CONFIRM, wib(11, 22, 13))  # "lunas" on a cash order
    k = m.place(wib(11, 28), "bank_transfer", (("KRP-SGK-PDS", 2),))  # unpaid at the month's end
    m.act(k, A.CONFIRM, wib(12, 2))
    m.place(wib(12, 1, 0, 30), "bank_transfer", (("KRP-TMP", 1),))  # 30 November 17.30 UTC: December
    steady_trade(m)
    for sentence, at in (("belanja bahan 350rb di pasar", wib(11, 3)), ("beli gas 25rb", wib(11, 4)),
                         ("bayar listrik 150rb", wib(11, 6)), ("gaji karyawan 1,5jt", wib(11, 10)),
                         ("sewa kios 1jt", wib(11, 11)), ("bensin 20rb", wib(11, 12)), ("ongkos kurir 15rb", wib(11, 13)),
                         ("modal masuk 3jt", wib(11, 15)), ("tarik 500rb buat pribadi", wib(11, 20)),
                         ("terima uang arisan 200rb", wib(11, 21)), ("kemarin beli tepung 2 karung 300rb", wib(11, 24))):
        m.spend(sentence, at)
    m.undo(m.spend("bayar 40rb", wib(11, 22)), wib(11, 22, 11))  # typed, then "batalkan"
    m.spend("beli gas 25rb", wib(12, 1, 9))
    m.set_cost("KRP-SGK-PDS", 9_000)
    m.set_cost("SBL-BWG", 11_000)
    return m
