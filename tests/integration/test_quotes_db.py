"""Delivery fees the seller quotes, on SQLite and PostgreSQL: the stock is reserved at placing,
nothing is owed and no payment clock runs until the customer accepts the quoted total (with
its transfer code); the deadline sweep reminds once and expires, giving the stock back; a
rates service behind the interface may quote at once."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from adapters.catalog import DbCatalog, IndexCache
from adapters.orders import DbOrders
from conversations.base import Ctx, CustomerView
from conversations.customer.checkout import DraftLine, PlaceOrder
from effects.env import Env, Who
from effects.orders import place as place_effect
from orders import quotes
from orders.lifecycle import Action, IllegalMove, move
from orders.placing import Line, OrderRequest, place_order
from orders.quotes import RateQuote, RateRequest
from scheduler.jobs_quotes import expire_quotes, remind_quotes
from shops.profile import OutsideZones, ShopProfile
from storage import ledger
from storage.db import unit_of_work
from storage.models import Order, Shop
from tests.integration.orders_support import act, add_customer, events, order, place, run_together, stock, texts_to
from tests.support import NOW, demo_profile, seeded_engine

WINDOW = timedelta(minutes=720)  # ShopProfile.quote_window_minutes' default
PAY = 180


def outside_shop(sessions) -> ShopProfile:  # type: ignore[no-untyped-def]
    profile = demo_profile().model_copy(update={"outside_zones": OutsideZones(allowed=True)})
    with unit_of_work(sessions) as s:
        shop = s.get(Shop, 1)
        shop.profile = {**shop.profile, "outside_zones": {"allowed": True}}
        s.commit()
    return profile


def place_outside(sessions, customer: int, *, method: str = "bank_transfer", now=NOW) -> str:  # type: ignore[no-untyped-def]
    req = OrderRequest(shop_id=1, customer_id=customer, channel="simulator", customer_name="Siti", fulfilment="delivery",
                       payment_method=method, lines=(Line("KRP-TMP", 2),), address="Jl. Darmo 20, Surabaya", outside=True)
    with unit_of_work(sessions) as s:
        code = place_order(s, outside_shop(sessions), req, now, PAY, actor=f"customer:{customer}").code
        s.commit()
    return code


def entries(sessions, code: str) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    with sessions() as s:
        o = s.execute(select(Order).where(Order.code == code)).scalar_one()
        return [(e.kind, e.category, e.amount) for e in ledger.fetch_order_entries(s, o.id)]


def accept(sessions, code: str, now) -> Order:  # type: ignore[no-untyped-def]
    with unit_of_work(sessions) as s:
        moved = quotes.accept(s, order(sessions, code).id, "customer:1", now, PAY)
        s.commit()
    return moved.order


def test_a_quote_order_holds_its_stock_and_owes_nothing_until_the_customer_accepts_the_exact_total(db_url):
    _, sessions = seeded_engine(db_url)
    customer, full = add_customer(sessions, "siti"), stock(sessions)
    code = place_outside(sessions, customer)
    placed = order(sessions, code)
    assert (placed.status, placed.pay_by, placed.unique_code, placed.delivery_fee) == ("awaiting_quote", None, 0, 0)
    assert placed.quote_by == NOW + WINDOW and placed.zone == "Luar kota" and placed.total == placed.subtotal
    assert stock(sessions) == full - 2 and entries(sessions, code) == []  # reserved; not a receivable yet
    with unit_of_work(sessions) as s:  # nothing to pay or confirm yet
        try:
            move(s, placed.id, Action.CONFIRM, "seller:1", NOW)
            raise AssertionError("a quote order was confirmed paid")
        except IllegalMove:
            pass

    assert act(sessions, code, Action.QUOTE, fee=25000, courier="JNE").ok
    quoted = order(sessions, code)
    assert quoted.status == "quoted" and 1 <= quoted.unique_code <= 999 and quoted.courier == "JNE"
    assert quoted.total == quoted.subtotal + 25000 + quoted.unique_code and quoted.pay_by is None
    told = texts_to(sessions, "siti")[-1]
    assert f"Rp{quoted.total:,}".replace(",", ".") in told and "Setuju" in told
    other = order(sessions, place(sessions, customer))  # a transfer placed meanwhile never shares the quoted code
    assert other.unique_code not in (0, quoted.unique_code)
    assert entries(sessions, code) == []

    later = NOW + timedelta(hours=2)
    accepted = accept(sessions, code, later)
    assert accepted.status == "pending_payment" and accepted.pay_by == later + timedelta(minutes=PAY)
    assert accepted.quote_by is None and entries(sessions, code) == [("receivable", "pesanan", quoted.total)]
    with sessions() as s:
        row = next(e for e in ledger.fetch_order_entries(s, quoted.id))
        assert row.occurred_at == later  # the receivable starts at the accept, not at placing
    assert [e[:2] for e in events(sessions, code)] == [(None, "awaiting_quote"), ("awaiting_quote", "quoted"),
                                                      ("quoted", "pending_payment")]
    assert act(sessions, code, Action.CONFIRM).ok
    sale = {cat: amount for kind, cat, amount in entries(sessions, code) if kind == "sale"}
    assert sale == {"barang": quoted.subtotal, "ongkir": 25000, "kode_unik": quoted.unique_code}


def test_the_sweep_reminds_the_seller_once_then_expires_the_order_and_gives_its_stock_back(db_url):
    _, sessions = seeded_engine(db_url)
    customer, full = add_customer(sessions, "siti"), stock(sessions)
    code = place_outside(sessions, customer)
    near = NOW + WINDOW - timedelta(minutes=30)
    assert remind_quotes(sessions, lambda: near) == 1  # the demo's one seller
    assert remind_quotes(sessions, lambda: near + timedelta(minutes=1)) == 0
    assert any(f"{code}* masih menunggu ongkir" in t for t in texts_to(sessions, "penjual"))
    assert expire_quotes(sessions, lambda: NOW + WINDOW - timedelta(seconds=1)) == 0
    assert expire_quotes(sessions, lambda: NOW + WINDOW + timedelta(seconds=1)) == 1
    assert order(sessions, code).status == "expired" and stock(sessions) == full
    assert "belum bisa kami pastikan" in texts_to(sessions, "siti")[-1]
    assert any("batal otomatis" in t for t in texts_to(sessions, "penjual"))
    assert expire_quotes(sessions, lambda: NOW + 2 * WINDOW) == 0 and entries(sessions, code) == []


def test_a_quote_the_customer_leaves_unanswered_expires_and_frees_its_transfer_code(db_url):
    _, sessions = seeded_engine(db_url)
    customer = add_customer(sessions, "siti")
    code = place_outside(sessions, customer)
    quoted_at = NOW + timedelta(hours=1)
    assert act(sessions, code, Action.QUOTE, fee=30000, now=quoted_at).ok
    held = order(sessions, code).unique_code
    assert order(sessions, code).quote_by == quoted_at + WINDOW  # the customer's own wait
    assert remind_quotes(sessions, lambda: quoted_at + WINDOW - timedelta(minutes=30)) == 1
    assert "menunggu persetujuan Kakak" in texts_to(sessions, "siti")[-1]
    assert expire_quotes(sessions, lambda: quoted_at + WINDOW + timedelta(seconds=1)) == 1
    assert order(sessions, code).status == "expired" and "belum disetujui" in texts_to(sessions, "siti")[-1]
    assert order(sessions, place(sessions, customer)).unique_code == held  # the smallest free code again


def test_refusing_the_quote_cancels_and_gives_the_stock_back(db_url):
    _, sessions = seeded_engine(db_url)
    customer, full = add_customer(sessions, "siti"), stock(sessions)
    code = place_outside(sessions, customer, method="cod")
    assert act(sessions, code, Action.QUOTE, fee=40000).ok
    with unit_of_work(sessions) as s:
        move(s, order(sessions, code).id, Action.CANCEL_BY_CUSTOMER, f"customer:{customer}", NOW)
        s.commit()
    assert order(sessions, code).status == "cancelled" and stock(sessions) == full and entries(sessions, code) == []


def test_the_seller_quote_and_the_deadline_racing_end_one_way_only(db_url):
    _, sessions = seeded_engine(db_url)
    customer, full = add_customer(sessions, "siti"), stock(sessions)
    code = place_outside(sessions, customer)
    past = NOW + WINDOW + timedelta(seconds=5)
    errors = run_together(lambda: act(sessions, code, Action.QUOTE, fee=25000, now=past),
                          lambda: expire_quotes(sessions, lambda: past))
    assert errors == []
    final = order(sessions, code)
    assert final.status in ("quoted", "expired")
    assert stock(sessions) == (full if final.status == "expired" else full - 2)


class FixedRates:
    """A rates service as an adapter would be: it answers from its own table, here a fixed fee."""

    def __init__(self) -> None:
        self.asked: list[RateRequest] = []

    def quote(self, request: RateRequest) -> RateQuote | None:
        self.asked.append(request)
        return RateQuote(18000, "J&T")


def test_a_rates_service_behind_the_interface_quotes_at_once(db_url):
    _, sessions = seeded_engine(db_url)
    customer = add_customer(sessions, "siti")
    profile, rates = outside_shop(sessions), FixedRates()
    with unit_of_work(sessions) as s:
        ctx = Ctx(profile, DbCatalog(s, 1, IndexCache()), CustomerView(customer, "Siti"), DbOrders(s, 1), NOW,
                  ZoneInfo("Asia/Jakarta"))
        env = Env(s, ctx, Who(1, customer, "simulator", "siti", PAY), rates=rates)
        placed = place_effect(env, PlaceOrder((DraftLine("KRP-TMP", 1),), "Siti", "delivery", "bank_transfer",
                                              address="Jl. Darmo 20, Surabaya", outside=True))
        s.commit()
    assert placed.order.status == "quoted" and placed.order.delivery_fee == 18000 and placed.order.courier == "J&T"
    assert rates.asked[0].destination == "Jl. Darmo 20, Surabaya" and rates.asked[0].items == (("KRP-TMP", 1),)
    assert any("Rp18.000" in n.text for n in env.notices if n.recipient == "siti")
