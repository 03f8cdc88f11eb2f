"""The simulator user `penjual` is the demo shop's seller and no other shop's (issue 12): it is a
row of the demo shop, registered only when the demo is loaded; a shop file registers no one."""

from __future__ import annotations

import json

from sqlalchemy import select

from shops.setup import DEMO, apply_shop_file, load_demo_if_empty
from storage.db import make_engine, session_factory, unit_of_work
from storage.models import Seller, Shop


def sellers(sessions) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    with sessions() as s:
        return [tuple(r) for r in s.execute(select(Shop.slug, Seller.channel, Seller.external_id, Seller.role)
                                            .join(Shop, Shop.id == Seller.shop_id).order_by(Seller.id))]


def test_the_demo_seller_belongs_to_the_demo_shop_and_a_shop_file_registers_no_seller(db_url):
    sessions = session_factory(make_engine(db_url))
    with unit_of_work(sessions) as s:
        assert load_demo_if_empty(s) is not None
        s.commit()
    assert sellers(sessions) == [("dapur-bu-sri", "simulator", "penjual", "owner")]
    spec = json.loads((DEMO / "shop.json").read_text(encoding="utf-8"))
    other = {**spec, "slug": "toko-lain", "name": "Toko Lain",
             "sellers": [{"channel": "simulator", "id": "penjual", "role": "owner"}]}  # as the demo's file once had
    with unit_of_work(sessions) as s:
        apply_shop_file(s, other)
        apply_shop_file(s, {**spec, "sellers": [{"channel": "simulator", "id": "tamu", "role": "owner"}]})
        assert load_demo_if_empty(s) is None  # not an empty database: nothing is loaded again
        s.commit()
    assert sellers(sessions) == [("dapur-bu-sri", "simulator", "penjual", "owner")]
