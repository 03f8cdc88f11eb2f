"""Creating and editing shops: the shop file, and the demo shop loaded on first run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.importer import import_rows, parse_csv
from language.names import tidy_name
from shops.profile import ShopProfile
from storage import shops as shops_db
from storage.models import Seller, Shop

DEMO = Path(__file__).resolve().parent.parent / "catalog" / "demo"  # the demo shop's file, catalog and pictures
# The demo shop's seller on the simulator, so `make run` shows the seller's side too. It is a
# row of the demo shop (sellers.shop_id) and is registered only together with that shop: no
# other shop gets a simulator seller except by `kedai seller add` or the shop's owner code.
DEMO_SELLER = {"channel": "simulator", "id": "penjual", "name": "Bu Sri", "role": "owner"}


def apply_shop_file(session: Session, spec: dict[str, Any]) -> Shop:
    """Creates or updates the shop named by spec["slug"]; validates the profile first.
    A shop file registers no one: sellers are added by `kedai seller add` or an owner code."""
    spec = {k: v for k, v in spec.items() if k != "sellers"}
    slug = spec.pop("slug")
    profile = ShopProfile.model_validate(spec)
    profile.name = tidy_name(profile.name)  # as `kedai shop new` and the setup by chat keep it
    shop = session.execute(select(Shop).where(Shop.slug == slug)).scalar_one_or_none()
    stored = profile.model_dump(exclude={"name"})
    if shop is None:
        shop = Shop(slug=slug, name=profile.name, profile=stored)
        session.add(shop)
    else:
        shop.name, shop.profile = profile.name, stored
    session.flush()
    shops_db.bump_catalog_version(session, shop.id)
    return shop


def add_seller(session: Session, shop_id: int, channel: str, external_id: str, name: str | None, role: str = "owner") -> Seller:
    seller = session.execute(select(Seller).where(Seller.shop_id == shop_id, Seller.channel == channel,
                                                  Seller.external_id == external_id)).scalar_one_or_none()
    if seller is None:
        seller = Seller(shop_id=shop_id, channel=channel, external_id=external_id, name=name, role=role)
        session.add(seller)
    else:
        seller.name, seller.role = name or seller.name, role
    session.flush()
    return seller


def load_demo_if_empty(session: Session) -> Shop | None:
    """The demo home kitchen, so `make run` shows a working shop on a fresh machine."""
    if session.execute(select(Shop.id).limit(1)).first() is not None:
        return None
    shop = apply_shop_file(session, json.loads((DEMO / "shop.json").read_text(encoding="utf-8")))
    import_rows(session, shop.id, parse_csv((DEMO / "products.csv").read_text(encoding="utf-8")))
    add_seller(session, shop.id, DEMO_SELLER["channel"], DEMO_SELLER["id"], DEMO_SELLER["name"], DEMO_SELLER["role"])
    return shop


def shop_file(shop: Shop) -> dict[str, Any]:
    return {"slug": shop.slug, "name": shop.name, **shop.profile}
