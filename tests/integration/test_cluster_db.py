"""A joint promotion on SQLite and PostgreSQL: one recipient row per person over the member
shops' runs, a "no" at any member shop holds for the cluster, and the runs are ordinary
broadcast runs of each shop (sent by bot.broadcasting from that shop's own channels)."""

from __future__ import annotations

from sqlalchemy import select

from marketing.cluster import send_joint
from storage import clusters as clusters_db
from storage import customers as customers_db
from storage import shops as shops_db
from storage.db import make_engine, session_factory, unit_of_work
from storage.kitchen_models import ClusterRecipient
from storage.promo_models import BroadcastRecipient, BroadcastRun
from tests.shops_support import seed
from tests.support import NOW


def test_each_person_once_and_a_no_anywhere_holds(db_url):
    seed(db_url)
    sessions = session_factory(make_engine(db_url))
    with unit_of_work(sessions) as s:
        a, b = (shops_db.fetch_shop_by_slug(s, slug) for slug in ("batik-sekar", "kue-ani"))
        people = {}
        for shop, channel, ext, consent in ((a, "whatsapp", "+628111", True), (b, "whatsapp", "+628111", True),
                                            (a, "telegram", "5001", True), (b, "telegram", "5002", None),
                                            (a, "telegram", "5003", True), (b, "telegram", "5003", False)):
            _, customer = customers_db.add_customer(s, shop.id, channel, ext, ext, None, NOW)
            if consent is not None:
                customers_db.set_consent(s, customer, consent, NOW)
            people[(shop.slug, ext)] = customer
        cluster = clusters_db.add_cluster(s, "kampung-kue", "Kampung Kue", [a.id, b.id], a.id, None, NOW)
        sent = send_joint(s, cluster, "Diskon 10%!", NOW, "test")
        s.commit()
    assert sent.per_shop == {"Batik Sekar": 2} and sent.skipped == 2  # 5002 never said yes; 5003 said no at B
    with sessions() as s:
        rows = s.execute(select(BroadcastRecipient.channel, BroadcastRecipient.external_id, BroadcastRecipient.status)
                         .order_by(BroadcastRecipient.id)).all()
        assert sorted(rows) == [("telegram", "5001", "pending"), ("whatsapp", "+628111", "pending")]
        assert s.execute(select(BroadcastRun.status)).scalars().all() == ["sending"]
        assert len(s.execute(select(ClusterRecipient.id)).all()) == 2
