"""Orders as plain JSON-ready dicts (docs/INTERFACES.md `kedai orders list --json`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from storage import customers as customers_db
from storage import orders as orders_db


def list_orders(session: Session, shop_id: int, status: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    orders = orders_db.fetch_orders(session, shop_id, status, limit)
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
