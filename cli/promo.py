"""`kedai promo create|list|stop`."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta, timezone
from typing import Annotated, Optional

import typer

from cli.common import JsonOpt, Many, ShopOpt, shop_session

promo_app = typer.Typer(help="Promotions: discounts, bundles, codes.", no_args_is_help=True)


def local_moment(text: str | None, tz, end: bool = False) -> datetime | None:  # type: ignore[no-untyped-def]
    """"2026-12-31" or "2026-12-31 18:00" in shop time; a bare end date means through that whole day."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r}: use YYYY-MM-DD or 'YYYY-MM-DD HH:MM'")
    if end and len(text.strip()) <= 10:
        moment = datetime.combine(moment.date() + timedelta(days=1), time())
    return moment.replace(tzinfo=tz).astimezone(timezone.utc)


@promo_app.command("create")
def promo_create(
    percent: Annotated[Optional[int], typer.Option(help="Percent off (1-100).")] = None,
    fixed: Annotated[Optional[int], typer.Option(help="Rupiah off (per unit for --sku/--category).")] = None,
    bundle: Annotated[Optional[str], typer.Option(help="Bundle items 'SKU:2,SKU:1' (with --price).")] = None,
    price: Annotated[Optional[int], typer.Option(help="Bundle price in Rupiah.")] = None,
    sku: Many = None, category: Many = None,
    code: Annotated[Optional[str], typer.Option(help="Code customers type; none = automatic.")] = None,
    name: Annotated[Optional[str], typer.Option()] = None,
    min_subtotal: Annotated[int, typer.Option(help="Minimum cart subtotal before discounts.")] = 0,
    max_discount: Annotated[Optional[int], typer.Option(help="Cap for a percent discount.")] = None,
    starts: Annotated[Optional[str], typer.Option(help="Shop time, YYYY-MM-DD[ HH:MM].")] = None,
    ends: Annotated[Optional[str], typer.Option(help="Shop time; a date alone means through that day.")] = None,
    max_uses: Annotated[Optional[int], typer.Option(help="Total uses.")] = None,
    per_customer: Annotated[Optional[int], typer.Option(help="Uses per customer.")] = None,
    exclusive: Annotated[bool, typer.Option(help="Never combined with other promos.")] = False,
    shop: ShopOpt = None, as_json: JsonOpt = False,
) -> None:
    """Create a promotion (exactly one of --percent, --fixed, --bundle)."""
    from marketing.broadcast_admin import shop_tz
    from marketing.promo_admin import PromoInvalid, as_json as promo_json, create_promotion
    from marketing.promotions import BUNDLE, CART, CATEGORY, FIXED, PERCENT, PRODUCT, BundleItem, Promotion
    from marketing.wording import describe

    if sum(x is not None for x in (percent, fixed, bundle)) != 1:
        raise typer.BadParameter("give exactly one of --percent, --fixed, --bundle")
    with shop_session(shop) as (_, s, found):
        tz = shop_tz(s, found.id)
        kind, value = (PERCENT, percent) if percent is not None else (FIXED, fixed) if fixed is not None else (BUNDLE, price or 0)
        items = tuple(BundleItem(p.split(":")[0].strip(), int(p.split(":")[1]) if ":" in p else 1)
                      for p in (bundle or "").split(",") if p.strip())
        scope = PRODUCT if sku or kind == BUNDLE else CATEGORY if category else CART
        spec = Promotion(id=0, name=name or code or kind, kind=kind, value=int(value or 0), scope=scope,
                         targets=tuple(sku or category or ()), bundle=items, code=code, min_subtotal=min_subtotal,
                         max_discount=max_discount, starts_at=local_moment(starts, tz), ends_at=local_moment(ends, tz, end=True),
                         stackable=not exclusive, max_uses=max_uses, max_uses_per_customer=per_customer)
        try:
            promo = create_promotion(s, found.id, spec, datetime.now(timezone.utc), "cli")
        except PromoInvalid as exc:
            typer.echo(f"not created: {', '.join(exc.problems)}", err=True)
            raise typer.Exit(1)
        s.commit()
    typer.echo(json.dumps(promo_json(promo), ensure_ascii=False) if as_json else f"promo {promo.id}: {describe(promo)}")


@promo_app.command("list")
def promo_list(shop: ShopOpt = None, as_json: JsonOpt = False) -> None:
    """All promotions, oldest first."""
    from marketing.broadcast_admin import shop_tz
    from marketing.promo_admin import as_json as promo_json, list_promotions
    from marketing.wording import seller_line

    with shop_session(shop) as (_, s, found):
        promos, tz = list_promotions(s, found.id), shop_tz(s, found.id)
    if as_json:
        typer.echo(json.dumps([promo_json(p) for p in promos], ensure_ascii=False, indent=2))
        return
    now = datetime.now(timezone.utc)
    for p in promos:
        typer.echo(seller_line(p, None, tz, now))


@promo_app.command("stop")
def promo_stop(ref: Annotated[str, typer.Argument(help="Promo number or code.")], shop: ShopOpt = None) -> None:
    """Stop a promotion now."""
    from marketing.promo_admin import stop

    with shop_session(shop) as (_, s, found):
        promo = stop(s, found.id, ref)
        s.commit()
    if promo is None:
        typer.echo(f"no active promo {ref!r}", err=True)
        raise typer.Exit(1)
    typer.echo(f"promo {promo.id} stopped")
