"""Creating, listing and stopping promotions (seller chat and CLI share these)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from sqlalchemy.orm import Session

from marketing.promotions import BUNDLE, CATEGORY, PRODUCT, BundleItem, Promotion, normal_code
from storage import categories as categories_db
from storage import products as products_db
from storage import promotions as promotions_db
from storage.promo_models import Promotion as PromotionRow


class PromoInvalid(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(", ".join(problems))
        self.problems = problems


def to_plain(row: PromotionRow) -> Promotion:
    return Promotion(
        id=row.id, name=row.name, kind=row.kind, value=row.value, scope=row.scope, targets=tuple(row.targets or ()),
        bundle=tuple(BundleItem(b["sku"], int(b["qty"])) for b in row.bundle or ()), code=row.code,
        min_subtotal=row.min_subtotal, max_discount=row.max_discount, starts_at=row.starts_at, ends_at=row.ends_at,
        stackable=row.stackable, max_uses=row.max_uses, max_uses_per_customer=row.max_uses_per_customer,
        uses=row.uses, active=row.active)


def check(session: Session, shop_id: int, spec: Promotion) -> list[str]:
    """Problems with the spec, including ones only the database knows (taken code, unknown sku)."""
    problems = spec.problems()
    if spec.code and promotions_db.fetch_by_code(session, shop_id, normal_code(spec.code)) is not None:
        problems.append("code_taken")
    skus = [i.sku for i in spec.bundle] if spec.kind == BUNDLE else list(spec.targets) if spec.scope == PRODUCT else []
    if skus:
        known = {r.sku for r in products_db.fetch_products_by_sku(session, shop_id, skus)}
        if set(skus) - known:
            problems.append("unknown_products")
    if spec.kind != BUNDLE and spec.scope == CATEGORY:
        known_cats = {r.name.casefold() for r in categories_db.fetch_categories(session, shop_id)}
        if {t.casefold() for t in spec.targets} - known_cats:
            problems.append("unknown_categories")
    return problems


def create_promotion(session: Session, shop_id: int, spec: Promotion, now: datetime, created_by: str) -> Promotion:
    problems = check(session, shop_id, spec)
    if problems:
        raise PromoInvalid(problems)
    fields = {k: v for k, v in asdict(spec).items() if k not in ("id", "uses", "active")}
    fields.update(code=normal_code(spec.code) if spec.code else None, targets=list(spec.targets),
                  bundle=[{"sku": i.sku, "qty": i.qty} for i in spec.bundle], created_by=created_by,
                  scope=spec.scope if spec.kind != BUNDLE else PRODUCT)
    return to_plain(promotions_db.add_promotion(session, shop_id, fields, now))


def list_promotions(session: Session, shop_id: int, *, active_only: bool = False) -> list[Promotion]:
    return [to_plain(r) for r in promotions_db.fetch_promotions(session, shop_id, active_only=active_only)]


def find(session: Session, shop_id: int, ref: str) -> Promotion | None:
    """A promo by its number (`3`, `#3`) or its code."""
    ref = ref.strip().lstrip("#")
    number = ref.isascii() and ref.isdigit() and len(ref) <= 9  # ids are 32-bit; a longer run is a code
    row = promotions_db.fetch_promotion(session, shop_id, int(ref)) if number else promotions_db.fetch_by_code(session, shop_id, normal_code(ref))
    return to_plain(row) if row else None


def stop(session: Session, shop_id: int, ref: str) -> Promotion | None:
    promo = find(session, shop_id, ref)
    if promo is None or not promotions_db.deactivate(session, shop_id, promo.id):
        return None
    return promo


def as_json(p: Promotion) -> dict[str, object]:
    out = asdict(p)
    out["bundle"] = [{"sku": i.sku, "qty": i.qty} for i in p.bundle]
    out["targets"] = list(p.targets)
    for key in ("starts_at", "ends_at"):
        out[key] = out[key].isoformat() if out[key] else None
    return out


def live_codes(promos: Sequence[Promotion], now: datetime) -> list[Promotion]:
    return [p for p in promos if p.code and p.live(now)]
