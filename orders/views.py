"""Orders as plain JSON-ready dicts (docs/INTERFACES.md `kedai orders list --json`), and as CSV
(`--format csv`): one row per order, times in the shop's zone."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage import customers as customers_db
from storage import orders as orders_db


def list_orders(session: Session, shop_id: int, status: str | None = None, limit: int | None = None, *,
                start: datetime | None = None, end: datetime | None = None) -> list[dict[str, Any]]:
    """`start`/`end`: orders created in [start, end)."""
    orders = orders_db.fetch_orders(session, shop_id, status, limit, start=start, end=end)
    items = orders_db.fetch_items(session, [o.id for o in orders])
    customers = customers_db.fetch_customers(session, [o.customer_id for o in orders])
    out = []
    for o in orders:
        c = customers.get(o.customer_id)
        out.append({
            "id": o.id, "code": o.code, "status": o.status, "channel": o.channel,
            "customer": {"id": o.customer_id, "name": o.customer_name or (c.name if c else None),
                         "phone": c.phone if c else None},
            "items": [{"sku": i.sku, "name": i.name, "qty": i.qty, "unit_price": i.unit_price,
                       "line_total": i.line_total} for i in items[o.id]],
            "subtotal": o.subtotal, "discount": o.discount, "delivery_fee": o.delivery_fee,
            "unique_code": o.unique_code, "total": o.total, "payment_method": o.payment_method,
            "fulfilment": o.fulfilment, "address": o.address, "zone": o.zone, "note": o.note,
            "created_at": o.created_at.isoformat(), "pay_by": o.pay_by.isoformat() if o.pay_by else None,
            "paid_at": o.paid_at.isoformat() if o.paid_at else None,
            "proof_submitted_at": o.proof_submitted_at.isoformat() if o.proof_submitted_at else None,
            "courier": o.courier, "tracking_no": o.tracking_no,
            "quote_by": o.quote_by.isoformat() if o.quote_by else None,
        })
    return out


CSV_COLUMNS = ("code", "created_at", "status", "channel", "customer_name", "customer_phone", "items", "subtotal",
               "discount", "delivery_fee", "unique_code", "total", "payment_method", "fulfilment", "zone", "paid_at")


def _local(moment: str | None, tz: ZoneInfo) -> str:
    return datetime.fromisoformat(moment).astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else ""


def orders_csv(orders: list[dict[str, Any]], tz: ZoneInfo) -> bytes:
    """The orders as CSV: UTF-8 with a BOM (Excel opens it right), whole Rupiah as plain integers,
    items as "2x Name; 1x Other", times as local "YYYY-MM-DD HH:MM" in `tz`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for o in orders:
        items = "; ".join(f"{i['qty']}x {i['name']}" for i in o["items"])
        writer.writerow([o["code"], _local(o["created_at"], tz), o["status"], o["channel"], o["customer"]["name"] or "",
                         o["customer"]["phone"] or "", items, o["subtotal"], o["discount"], o["delivery_fee"],
                         o["unique_code"], o["total"], o["payment_method"], o["fulfilment"], o["zone"] or "",
                         _local(o["paid_at"], tz)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
