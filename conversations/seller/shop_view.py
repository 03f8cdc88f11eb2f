"""A shop's settings as its owner reads them: the schedule said back, payment and delivery lines,
the before and after of a change, the whole shop at a glance. Pure."""

from __future__ import annotations

from typing import Any

from language.money import rupiah
from shops.hours import WeeklyHours, clock, grouped
from shops.profile import ShopProfile
from texts.id import shop_setup as t


def schedule_lines(hours: WeeklyHours) -> list[str]:
    """ "Senin–Sabtu 08.00–20.00, Minggu tutup" said back one line per run of days."""
    if hours.always:
        return [t.ALWAYS_OPEN]
    lines = []
    for first, last, spans in grouped(hours):
        days = t.EVERY_DAY if (first, last) == (0, 6) else (
            t.DAY_NAMES[first] if first == last else f"{t.DAY_NAMES[first]}–{t.DAY_NAMES[last]}")
        if not spans:
            lines.append(t.DAY_CLOSED.format(days=days))
        else:
            times = ", ".join(f"{clock(start)}–{clock(end)}" for start, end in spans)
            lines.append(t.DAY_SPAN.format(days=days, times=times))
    return lines


def bank_line(method: dict[str, Any]) -> str:
    return t.PAY_BANK.format(bank=method.get("bank") or "", number=method.get("account_number") or "",
                             holder=method.get("account_holder") or "")


def payment_summary(methods: list[dict[str, Any]]) -> str:
    parts = []
    for m in methods:
        if m.get("kind") == "bank_transfer":
            parts.append(bank_line(m))
        elif m.get("kind") == "qris":
            parts.append(t.PAY_QRIS)
        elif m.get("kind") == "cod":
            parts.append(t.PAY_COD)
    return t.LIST_SEP.join(parts) or t.NOT_SET


def zones_summary(zones: list[dict[str, Any]], outside: dict[str, Any] | None = None) -> str:
    """The areas and their fees ("ongkir menyusul" where the seller quotes it), and beyond them."""
    shown = [t.ZONE.format(name=z["name"], fee=t.FEE_QUOTED if z.get("quote") else rupiah(int(z["fee"]))) for z in zones]
    if outside and outside.get("allowed"):
        fee = outside.get("fee")
        shown.append(t.ZONE.format(name=outside.get("name") or "Luar kota", fee=t.FEE_QUOTED if fee is None else rupiah(int(fee))))
    return t.LIST_SEP.join(shown) or t.NOT_SET


def zone_example(zone: dict[str, Any]) -> str:
    """The zone's line with a comma between its words: "Sleman, Bantul Rp15.000"."""
    fee = t.FEE_QUOTED if zone.get("quote") else rupiah(int(zone["fee"]))
    return ", ".join(w[:1].upper() + w[1:] for w in zone["name"].split()) + f" {fee}"


def delivery_summary(shop: ShopProfile) -> str:
    parts = [t.PICKUP if shop.pickup else t.NO_PICKUP]
    if shop.delivery_zones or shop.outside_zones.allowed:
        parts.append(zones_summary(dump(shop)["delivery_zones"], dump(shop)["outside_zones"]))
    return t.LIST_SEP.join(parts)


def payment_lines(shop: ShopProfile) -> str:
    methods = dump(shop)["payment_methods"]
    bank = next((m for m in methods if m["kind"] == "bank_transfer"), None)
    qris = any(m["kind"] == "qris" and (m.get("qris_image") or m.get("qris_payload")) for m in methods)
    cod = any(m["kind"] == "cod" for m in methods)
    return "\n".join([t.LINE_BANK.format(value=bank_line(bank) if bank else t.NO_MARK),
                      t.LINE_QRIS.format(value=t.YES_MARK if qris else t.NO_MARK),
                      t.LINE_COD.format(value=t.YES_MARK if cod else t.NO_MARK)])


def delivery_lines(shop: ShopProfile) -> str:
    pickup = t.YES_MARK + (f" ({shop.pickup_address or shop.address})" if shop.pickup_address or shop.address else "")
    return "\n".join([t.LINE_PICKUP.format(value=pickup if shop.pickup else t.NO_MARK),
                      t.LINE_ZONES.format(value=zones_summary(dump(shop)["delivery_zones"], dump(shop)["outside_zones"]))])


def show(what: str, values: dict[str, Any]) -> str:
    """One side of a change (`values`: the profile keys it touches) as the owner reads it."""
    if what == "location":
        lat, lon = values.get("latitude"), values.get("longitude")
        return f"{lat:.5f}, {lon:.5f}" if lat is not None and lon is not None else t.NOT_SET
    if what == "payment_methods":
        return payment_summary(values.get("payment_methods") or [])
    if what == "delivery_zones":
        return zones_summary(values.get("delivery_zones") or [], values.get("outside_zones"))
    if what == "pickup":
        return t.PICKUP if values.get("pickup") else t.NO_PICKUP
    if what == "outside_zones":
        return t.COD_OUTSIDE[bool((values.get("outside_zones") or {}).get("cod"))]
    if what == "outside_hours":
        return t.OUTSIDE_HOURS.get(values.get("outside_hours") or "", t.NOT_SET)
    value = values.get(what)
    return str(value) if value not in (None, "") else t.NOT_SET


def info(shop: ShopProfile) -> str:
    hours = shop.hours()
    said = "; ".join(line.lstrip("• ") for line in schedule_lines(hours)) if hours else shop.opening_hours
    return t.INFO.format(shop=shop.name, address=shop.address or t.NOT_SET, maps=shop.maps_url() or t.NOT_SET,
                         hours=said or t.NOT_SET, phone=shop.phone or t.NOT_SET,
                         payment=payment_summary(dump(shop)["payment_methods"]), delivery=delivery_summary(shop),
                         prefix=shop.order_prefix)


def dump(shop: ShopProfile) -> dict[str, Any]:
    """The profile as stored (what a change's before and after are made of)."""
    return shop.model_dump(mode="json")


def applied(shop: ShopProfile, after: dict[str, Any]) -> ShopProfile:
    """The profile as it will be once `after` is written: what the next question shows."""
    return ShopProfile.model_validate({**dump(shop), **after})
