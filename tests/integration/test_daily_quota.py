"""Daily quotas and "habis hari ini" on a real database: a quota resets at the shop's midnight
(Asia/Jakarta, UTC+7) with nobody touching it, a product sold out today is on sale again the
next local day, a cancelled order gives its portions back, and on PostgreSQL buyers racing for
the last portions never pass the quota."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from adapters.catalog import DbCatalog, IndexCache
from orders.lifecycle import Action
from orders.placing import OutOfStock
from storage.db import unit_of_work
from storage.kitchen_models import DailySale
from storage.models import Order, Product
from orders.placing import Line, OrderRequest, place_order
from tests.integration.orders_support import act, add_customer
from tests.support import demo_profile, seeded_engine

LATE = datetime(2027, 3, 10, 16, 30, tzinfo=timezone.utc)  # 23.30 in Jakarta, 10 March
AFTER_MIDNIGHT = LATE + timedelta(minutes=45)  # 00.15 in Jakarta, 11 March: a new day
SKU = "KRP-TMP"


OPEN_ALWAYS = demo_profile().model_copy(update={"opening_hours": "24 jam"})  # quotas alone, not the hours


def place(sessions, customer: int, *, lines: tuple[tuple[str, int], ...], now: datetime) -> str:
    req = OrderRequest(shop_id=1, customer_id=customer, channel="simulator", customer_name="Siti", fulfilment="pickup",
                       payment_method="cod", lines=tuple(Line(sku, q) for sku, q in lines))
    with unit_of_work(sessions) as s:
        code = place_order(s, OPEN_ALWAYS, req, now, 180, actor=f"customer:{customer}").code
        s.commit()
    return code


def _set(sessions, **values) -> None:
    with unit_of_work(sessions) as s:
        s.execute(update(Product).where(Product.sku == SKU).values(**values))
        s.commit()


def _left(sessions, today: str) -> int:
    with sessions() as s:
        return DbCatalog(s, 1, IndexCache(), today).by_sku(SKU).stock


def test_quota_resets_at_the_shops_midnight_and_a_cancel_gives_back(sqlite_url):
    _, sessions = seeded_engine(sqlite_url)
    _set(sessions, daily_quota=3, stock=0)  # made daily: the stock is not used
    buyer = add_customer(sessions, "q1")
    first = place(sessions, buyer, lines=((SKU, 2),), now=LATE)
    assert _left(sessions, "2027-03-10") == 1
    with pytest.raises(OutOfStock) as short:
        place(sessions, buyer, lines=((SKU, 2),), now=LATE)
    assert short.value.shortages[0].stock == 1
    place(sessions, buyer, lines=((SKU, 1),), now=LATE)
    assert _left(sessions, "2027-03-10") == 0
    # 45 minutes later it is the 11th in Jakarta (still the 10th in UTC): a whole quota again.
    assert _left(sessions, "2027-03-11") == 3
    place(sessions, buyer, lines=((SKU, 3),), now=AFTER_MIDNIGHT)
    with pytest.raises(OutOfStock):
        place(sessions, buyer, lines=((SKU, 1),), now=AFTER_MIDNIGHT)
    act(sessions, first, Action.CANCEL_BY_SELLER, now=AFTER_MIDNIGHT, reason="habis")  # the 10th's portions, back to the 10th
    with sessions() as s:
        sold = dict(s.execute(select(DailySale.day, DailySale.sold)).all())
        assert sold == {"2027-03-10": 1, "2027-03-11": 3}
        assert s.execute(select(Product.stock).where(Product.sku == SKU)).scalar_one() == 0
        days = s.execute(select(Order.make_day).order_by(Order.id)).scalars().all()
    assert days == ["2027-03-10", "2027-03-10", "2027-03-11"]


def test_sold_out_today_is_on_sale_again_the_next_local_day(sqlite_url):
    _, sessions = seeded_engine(sqlite_url)
    _set(sessions, sold_out_on="2027-03-10", stock=20)
    buyer = add_customer(sessions, "h1")
    with pytest.raises(OutOfStock):
        place(sessions, buyer, lines=((SKU, 1),), now=LATE)
    assert _left(sessions, "2027-03-10") == 0
    assert _left(sessions, "2027-03-11") == 20
    place(sessions, buyer, lines=((SKU, 1),), now=AFTER_MIDNIGHT)
    with sessions() as s:
        assert s.execute(select(Product.stock).where(Product.sku == SKU)).scalar_one() == 19


def test_buyers_racing_for_the_last_portions_never_pass_the_quota_on_postgresql(pg_url):
    _, sessions = seeded_engine(pg_url)
    _set(sessions, daily_quota=5, stock=0)
    buyers = [add_customer(sessions, f"r{i}") for i in range(12)]
    start, won, lost, errors = threading.Barrier(len(buyers)), [], [], []

    def buy(customer: int) -> None:
        try:
            start.wait()
            won.append(place(sessions, customer, lines=((SKU, 1),), now=LATE))
        except OutOfStock:
            lost.append(customer)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=buy, args=(b,)) for b in buyers]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert not errors, errors[:3]
    assert (len(won), len(lost)) == (5, 7)
    with sessions() as s:
        assert s.execute(select(DailySale.sold)).scalar_one() == 5
        assert s.execute(select(func.count()).select_from(Order)).scalar_one() == 5
