"""Test helpers shared by the tiers: the demo shop as plain data, and small drivers."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from catalog.products import MemoryCatalog, ProductInfo
from shops.profile import ShopProfile
from conversations.base import Ctx, CustomerView, Reply, Step, Turn, settle
from conversations.customer.checkout import OrderPlaced, PlaceOrder, SetCustomerName
from conversations.customer.consent import MarkConsentAsked
from conversations.ports import OrderSummary
from handlers import choices, customer

DEMO = Path(__file__).resolve().parent.parent / "catalog" / "demo"
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=timezone.utc)


def demo_profile() -> ShopProfile:
    spec = json.loads((DEMO / "shop.json").read_text(encoding="utf-8"))
    spec.pop("slug")
    return ShopProfile.model_validate(spec)


def demo_products(**stock: int) -> list[ProductInfo]:
    """The demo catalog; keyword arguments override a sku's stock (dashes as underscores)."""
    rows = list(csv.DictReader((DEMO / "products.csv").open(encoding="utf-8")))
    cats = {name: i for i, name in enumerate(dict.fromkeys(r["category"] for r in rows), start=1)}
    return [ProductInfo(id=i, sku=r["sku"], name=r["name"], category_id=cats[r["category"]], category=r["category"],
                        price=int(r["price"]), stock=stock.get(r["sku"].replace("-", "_"), int(r["stock"])),
                        description=r["description"], image_url=r["image_url"] or None)
            for i, r in enumerate(rows, start=1)]


@dataclass
class FakeOrders:
    orders: list[OrderSummary] = field(default_factory=list)

    def recent(self, customer_id: int, limit: int = 5) -> list[OrderSummary]:
        return self.orders[:limit]

    def find(self, customer_id: int, code: str) -> OrderSummary | None:
        return next((o for o in self.orders if o.code == code), None)

    def awaiting_payment(self, customer_id: int) -> list[OrderSummary]:
        return [o for o in self.orders if o.status == "pending_payment"]


@dataclass
class Dialogue:
    """Drives the customer routing as the engine does, minus the database: a scripted chat."""

    catalog: MemoryCatalog = field(default_factory=lambda: MemoryCatalog(demo_products()))
    shop: ShopProfile = field(default_factory=demo_profile)
    name: str | None = None
    state: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    effects: list[Any] = field(default_factory=list)
    last: list[Reply] = field(default_factory=list)
    orders: FakeOrders = field(default_factory=FakeOrders)

    def ctx(self) -> Ctx:
        return Ctx(self.shop, self.catalog, CustomerView(1, self.name), self.orders, NOW, ZoneInfo("Asia/Jakarta"))

    def send(self, text: str = "", **turn: Any) -> list[Reply]:
        raw = Turn(text=text, **turn)
        if not self.state and not self.data:
            step = customer.first_contact({}, raw, self.ctx())
        else:
            step = customer.route(self.state, self.data, choices.interpret(raw, self.data.get("_offered")), self.ctx())
        step = self._apply(step)
        self.state, self.data = step.state, {k: v for k, v in step.data.items() if k != "_offered"}
        if offered := choices.remember(step.replies):
            self.data["_offered"] = offered
        self.last = step.replies
        return step.replies

    def press(self, label_part: str) -> list[Reply]:
        for reply in reversed(self.last):
            for b in reply.buttons:
                if label_part.lower() in b.label.lower():
                    return self.send(choice=b.value)
        raise AssertionError(f"no button like {label_part!r} in {[b.label for r in self.last for b in r.buttons]}")

    def _apply(self, step: Step) -> Step:
        """Plays the world for the effects a dialogue can settle without a database (the name, a
        placed order, the consent question already asked); any other effect is recorded and
        left for the integration tests, the step returned as it stands."""
        if any(type(e) not in (SetCustomerName, PlaceOrder, MarkConsentAsked) for e in step.effects):
            self.effects += step.effects
            return step
        return settle(step, self._outcome, self.ctx())

    def _outcome(self, effect: Any) -> Any:
        self.effects.append(effect)
        if isinstance(effect, SetCustomerName):
            self.name = effect.name
        if isinstance(effect, PlaceOrder):
            return OrderPlaced(OrderSummary("KD-0001", "pending_payment", 40000, NOW, effect.payment_method, NOW,
                                            effect.fulfilment, customer_name=effect.customer_name))
        return None  # MarkConsentAsked: asked before, so no question

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.last)

    @property
    def cart(self) -> dict[str, int]:
        return dict(self.data.get("cart") or {})


def seeded_engine(url: str, window_minutes: float = 180):
    """A real Engine over a migrated database holding the demo shop."""
    from bot.engine import Engine
    from shops.setup import load_demo_if_empty
    from storage.db import make_engine, session_factory, unit_of_work

    db = make_engine(url)
    sessions = session_factory(db)
    with unit_of_work(sessions) as s:
        load_demo_if_empty(s)
        s.commit()
    return Engine(sessions, window_minutes=window_minutes), sessions


class EngineChat:
    """One customer talking to a real Engine, with message ids like a channel would send."""

    def __init__(self, engine, user: str, channel: str = "simulator"):
        self.engine, self.user, self.channel, self.n, self.last = engine, user, channel, 0, None

    def send(self, text: str = "", *, choice: str | None = None, message_id: str | None = None, **extra):
        from bot.messages import Inbound

        self.n += 1
        handled = self.engine.handle(Inbound(self.channel, self.user, message_id or f"{self.user}-{self.n}",
                                             text=text, choice=choice, **extra))
        self.last = handled
        return handled

    def press(self, label_part: str):
        for out in reversed(self.last.replies):
            for b in out.buttons:
                if label_part.lower() in b.label.lower():
                    return self.send(choice=b.value)
        raise AssertionError(f"no button {label_part!r}")

    def pickup_order(self, order: str = "pesan 1 keripik tempe", *, pay: str = "COD", name: str | None = None):
        """The usual way to an order in these tests: said in words, picked up, no note, paid by `pay`."""
        self.send("halo")
        self.send(order)
        self.send("checkout")
        self.send(name or self.user.title())
        self.press("Ambil sendiri")
        self.press("Lewati")
        self.press(pay)
        return self.press("Pesan sekarang")

    @property
    def text(self) -> str:
        return "\n".join(o.text for o in self.last.replies)
