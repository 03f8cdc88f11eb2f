"""The corpus runner's only contact with Kedai's internals: building the corpus shop, sending a
message through the real engine, setting up a starting context, and reading the outcome.

Everything here may need updating when the bot's modules move; runner.py and the case files
must not (they speak of skus, carts, product fields and reply texts only).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.engine import Engine
from bot.messages import Inbound
from catalog.importer import import_rows, parse_csv
from shops.setup import add_seller, apply_shop_file
from shops.profile import ShopProfile
from orders.placing import Line, OrderRequest, place_order
from storage.db import make_engine, session_factory, unit_of_work
from storage.migrate import upgrade
from storage.models import Conversation, Identity, Order, OutboxMessage, Product, Seller, Shop

HERE = Path(__file__).resolve().parent
CHANNEL = "simulator"
CUSTOMER = "pembeli"
SELLER = "bu-ratna"  # the owner, registered as `kedai seller add` would (a shop file registers no one)
PRODUCT_FIELDS = ("name", "price", "stock", "visible")
PAID_STATUSES = ("paid", "processing", "shipped", "completed")


def shop_spec() -> dict[str, Any]:
    return json.loads((HERE / "shop.json").read_text(encoding="utf-8"))


def catalog_rows(text: str) -> list[dict[str, str]]:
    """The corpus CSV as dicts (with `option`, possibly empty)."""
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def display_name(row: dict[str, str]) -> str:
    """A product with options named as one line of it reads: "Nastar Keju 250g" (the runner looks
    for the name and the option's label in replies)."""
    return f"{row['name']} {row['option']}".strip()


def load_catalog(session: Session, shop_id: int, text: str) -> None:
    """Through the project's importer, options and all (the eighth column `option`)."""
    import_rows(session, shop_id, parse_csv(text))


def build_template(path: Path) -> None:
    """A migrated SQLite file holding the corpus shop and its catalog, closed and checkpointed."""
    url = f"sqlite:///{path}"
    upgrade(url)
    db = make_engine(url)
    with unit_of_work(session_factory(db)) as s:
        shop = apply_shop_file(s, shop_spec())
        add_seller(s, shop.id, "simulator", SELLER, "Bu Ratna", "owner")
        load_catalog(s, shop.id, (HERE / "catalog.csv").read_text(encoding="utf-8"))
        s.commit()
    db.dispose()


@dataclass(frozen=True)
class Said:
    """What the bot sent back to the sender for one message."""

    texts: tuple[str, ...]
    buttons: tuple[tuple[str, str], ...]  # (label, value)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


@dataclass
class Snapshot:
    products: dict[str, dict[str, Any]]
    carts: dict[str, dict[str, int]]  # party -> cart
    orders: dict[str, str]  # code -> status
    seller_notices: int  # outbox rows addressed to the shop's sellers
    state: dict[str, str] = field(default_factory=dict)  # party -> conversation state


class Workspace:
    """One SQLite file that each case overwrites with a fresh copy of the template.

    The SQLAlchemy engine is kept across cases: its compiled-statement cache is most of the
    cost of a first query, and the file it points at is only replaced while no connection is open.
    """

    def __init__(self, template: Path, workdir: Path):
        self.template = template
        self.path = workdir / "case.db"
        self.db = make_engine(f"sqlite:///{self.path}")
        self.sessions = session_factory(self.db)

    def fresh(self) -> None:
        self.db.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.template, self.path)

    def close(self) -> None:
        self.db.dispose()


class Sandbox:
    """A fresh copy of the corpus shop and a real engine over it, for one case."""

    def __init__(self, space: Workspace, now: datetime):
        space.fresh()
        self.sessions = space.sessions
        self.now = now
        self.engine = Engine(self.sessions, window_minutes=180, clock=lambda: self.now)
        self.n = 0
        self.last: dict[str, Said] = {}

    def close(self) -> None:
        self.engine.close()

    def send(self, sender: str, text: str = "", choice: str | None = None) -> Said:
        self.n += 1
        handled = self.engine.handle(Inbound(CHANNEL, sender, f"m{self.n}", text=text, choice=choice))
        said = Said(tuple(o.text for o in handled.replies),
                    tuple((b.label, b.value) for o in handled.replies for b in o.buttons))
        self.last[sender] = said
        return said

    def press(self, sender: str, label_part: str) -> Said:
        for label, value in reversed(self.last[sender].buttons if sender in self.last else ()):
            if label_part.lower() in label.lower():
                return self.send(sender, choice=value)
        raise SetupError(f"no button like {label_part!r} to press")

    # -- starting context -------------------------------------------------------------------

    def set_products(self, changes: dict[str, dict[str, Any]]) -> None:
        with unit_of_work(self.sessions) as s:
            for sku, fields in changes.items():
                s.execute(update(Product).where(Product.sku == sku).values(**fields))
            s.commit()

    def customer_party(self, s: Session, sender: str) -> str | None:
        cid = s.execute(select(Identity.customer_id).where(Identity.channel == CHANNEL,
                                                           Identity.external_id == sender)).scalar()
        return f"customer:{cid}" if cid is not None else None

    def ensure_customer(self, sender: str) -> None:
        with unit_of_work(self.sessions) as s:
            known = self.customer_party(s, sender)
        if known is None:
            self.send(sender, "halo")

    def set_cart(self, sender: str, cart: dict[str, int]) -> None:
        self.ensure_customer(sender)
        with unit_of_work(self.sessions) as s:
            party = self.customer_party(s, sender)
            row = s.execute(select(Conversation).where(Conversation.party == party)).scalar_one()
            row.data = {**row.data, "cart": dict(cart)}
            s.commit()

    def previous_order(self, sender: str, lines: dict[str, int], status: str = "completed",
                       payment: str = "cod") -> None:
        """An earlier order of this customer, placed through the project's own order code (with
        `status` set after: "pending_payment" is an order still waiting for the money)."""
        self.ensure_customer(sender)
        with unit_of_work(self.sessions) as s:
            party = self.customer_party(s, sender)
            assert party is not None
            shop = s.execute(select(Shop)).scalar_one()
            profile = ShopProfile.model_validate({"name": shop.name, **shop.profile})
            request = OrderRequest(shop_id=shop.id, customer_id=int(party.split(":")[1]), channel=CHANNEL,
                                   customer_name="Dewi", fulfilment="pickup", payment_method=payment,
                                   lines=tuple(Line(sku, qty) for sku, qty in lines.items()))
            order = place_order(s, profile, request, self.now, 180, actor="corpus")
            order.status = status
            if status in PAID_STATUSES:  # a completed order was paid (cash on delivery too): it counts as sold
                order.paid_at = self.now
            s.commit()

    # -- outcome ----------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        with unit_of_work(self.sessions) as s:
            products = {p.sku: {f: getattr(p, f) for f in PRODUCT_FIELDS} for p in s.execute(select(Product)).scalars()}
            carts: dict[str, dict[str, int]] = {}
            states: dict[str, str] = {}
            for c in s.execute(select(Conversation)).scalars():
                states[c.party] = c.state or ""
                if c.party.startswith("customer:"):
                    carts[c.party] = {k: int(v) for k, v in ((c.data or {}).get("cart") or {}).items()}
            orders = {o.code: o.status for o in s.execute(select(Order)).scalars()}
            sellers = [r.external_id for r in s.execute(select(Seller)).scalars()]
            notices = s.execute(select(func.count()).select_from(OutboxMessage)
                                .where(OutboxMessage.recipient.in_(sellers))).scalar_one()
        return Snapshot(products, carts, orders, int(notices), states)

    def party(self, sender: str) -> str | None:
        """The key of this sender's shopping conversation in a Snapshot (None before they wrote)."""
        with unit_of_work(self.sessions) as s:
            return self.customer_party(s, sender)

    def in_checkout(self, snap: Snapshot, sender: str) -> bool:
        """The customer is now being walked through placing the order (name, delivery, payment)."""
        return snap.state.get(self.party(sender) or "", "").startswith("checkout")


class SetupError(Exception):
    """A case's starting context could not be built (a case-file mistake, not a bot failure)."""


SKU_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def skus_in_value(value: str, skus: set[str]) -> set[str]:
    """The skus a button's value refers to (today values are like "p:SKU" or "a:SKU:2")."""
    return {tok for tok in SKU_TOKEN.findall(value) if tok in skus}
