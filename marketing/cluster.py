"""A cluster's joint promotion: one text for the consenting customers of every member shop,
each person reached once, from a shop of theirs, through that shop's own broadcast run (so its
own bot or number, its consent and WhatsApp-window checks at the send, its rate limits:
bot.broadcasting). Also the shared catalog's data.

One person is every channel address that identities link: a WhatsApp number or a Telegram
chat seen by two member shops is the same person, and a customer of one shop known on two
channels links those (storage.identities). Among the member shops where that person said yes
to promotions, the one they bought from last sends it (else the first they talked to); a
person who said yes nowhere gets nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from marketing.audience import Member, members, snapshot_status
from marketing.broadcasts import Segment
from storage import broadcasts as broadcasts_db
from storage import clusters as clusters_db
from storage import products as products_db
from storage.kitchen_models import Cluster
from texts.id import cluster as t

Key = tuple[int, int]  # (shop id, customer id)


@dataclass(frozen=True)
class JointSent:
    promo_id: int
    per_shop: dict[str, int]  # shop name: people it sends to
    skipped: int  # people with no yes to promotions at any member shop


def people(rows: Iterable[object]) -> list[list[Key]]:
    """Customers of the member shops grouped into persons: linked by a shared channel address."""
    parent: dict[object, object] = {}

    def root(x: object) -> object:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        key = (r.shop_id, r.customer_id)  # type: ignore[attr-defined]
        parent[root(key)] = root((r.channel, r.external_id))  # type: ignore[attr-defined]
    groups: dict[object, list[Key]] = {}
    for node in list(parent):
        if isinstance(node[0], int):  # type: ignore[index]
            groups.setdefault(root(node), []).append(node)  # type: ignore[arg-type]
    return [sorted(g) for g in groups.values()]


def send_joint(session: Session, cluster: Cluster, text: str, now: datetime, created_by: str) -> JointSent:
    """Makes one broadcast run per member shop with the persons it sends to; bot.broadcasting
    sends them. The caller commits."""
    shops = {s.id: s for s in clusters_db.member_shops(session, cluster.id)}
    rows = clusters_db.identities(session, list(shops))
    bought = {(r.shop_id, r.customer_id): r.last_order_at for r in rows}
    found: dict[Key, Member] = {(shop_id, m.customer_id): m for shop_id in shops
                                for m in members(session, shop_id, Segment(), now)}
    promo_id = clusters_db.add_promo(session, cluster.id, text, now)
    chosen: dict[int, list[Member]] = {}
    skipped = 0
    for group in people(rows):
        known = [k for k in group if k in found]
        willing = [k for k in known if found[k].consent is True and found[k].reachable]
        if not willing or any(found[k].consent is False for k in known):  # a "no" anywhere holds for the cluster
            skipped += bool(known)
            continue
        best = max(willing, key=lambda k: (bought.get(k) is not None, bought.get(k) or now, -k[0]))
        person = min(f"{found[k].channel}:{found[k].external_id}" for k in known)
        if clusters_db.claim_person(session, promo_id, person, best[0], now):
            chosen.setdefault(best[0], []).append(found[best])
    body = t.JOINT.format(cluster=cluster.name, text=text.strip())
    for shop_id, reached in chosen.items():
        b = broadcasts_db.add_broadcast(session, {
            "shop_id": shop_id, "text": body, "image_url": None, "promotion_id": None, "segment": Segment().to_json(),
            "schedule": {"kind": "now"}, "status": "done", "next_due_at": None, "created_by": created_by,
            "created_at": now})
        run_id = broadcasts_db.add_run(session, shop_id, b.id, now, "sending", now)
        broadcasts_db.add_recipients(session, [
            {"shop_id": shop_id, "run_id": run_id, "customer_id": m.customer_id, "channel": m.channel,
             "external_id": m.external_id, "fields": m.fields(), "status": snapshot_status(m), "attempts": 0,
             "next_attempt_at": now} for m in reached])
    return JointSent(promo_id, {shops[s].name: len(r) for s, r in chosen.items()}, skipped)


@dataclass(frozen=True)
class ShopShelf:
    """One member shop on the cluster's catalog page: its products and where to order."""

    name: str
    products: list[tuple[str, int, bool]]  # (label, price, in stock)
    links: list[tuple[str, str]]  # (channel, account)


def shelves(session: Session, cluster: Cluster) -> list[ShopShelf]:
    shops = clusters_db.member_shops(session, cluster.id)
    links = clusters_db.order_links(session, [s.id for s in shops])
    out = []
    for shop in shops:
        rows = products_db.fetch_products(session, shop.id)
        items = [(r.name + (f" — {r.option_label}" if r.option_label else ""), r.price,
                  r.stock > 0 or r.daily_quota is not None or r.po_delivery is not None or r.po_days is not None)
                 for r in rows]
        out.append(ShopShelf(shop.name, items, links.get(shop.id, [])))
    return out
