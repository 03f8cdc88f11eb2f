"""Two set-up shops on one database, each with its own Telegram bot, WhatsApp number and seller,
for the tests of several shops in one install (integration and e2e)."""

from __future__ import annotations

from catalog.importer import import_rows, parse_csv
from shops.admin import create_shop, link_telegram, link_whatsapp
from shops.setup import add_seller, apply_shop_file
from storage.db import make_engine, session_factory, unit_of_work
from storage.migrate import upgrade
from storage.models import utcnow

TOKEN_A = "7100000001:AAFakeTokenShopA_0123456789abcdefXYZ"
TOKEN_B = "7200000002:AAFakeTokenShopB_0123456789abcdefXYZ"
NUMBER_A, NUMBER_B = "+6281100000001", "+6281100000002"
SELLER_A, SELLER_B = 700000101, 700000202
HEADER = "sku,name,category,price,stock,description,image_url\n"
SHOPS = {
    "batik-sekar": ("Batik Sekar", "BS", HEADER + "KMJ-PRG,Kemeja Batik Parang,Kemeja,150000,10,,\n"),
    "kue-ani": ("Kue Ani", "KA", HEADER + "KUE-LPS,Kue Lapis Legit,Kue,120000,8,,\n"),
}


def seed(db: str) -> None:
    """Two set-up shops, as `kedai shop new`, the setup by chat and `kedai shop link` leave them."""
    upgrade(db)
    with unit_of_work(session_factory(make_engine(db))) as s:
        made = {}
        for slug, (name, prefix, catalog) in SHOPS.items():
            shop = create_shop(s, name, slug, utcnow()).shop
            apply_shop_file(s, {"slug": slug, "name": name, "order_prefix": prefix, "address": "Jl. Pasar 1, Yogyakarta",
                                "pickup": True, "payment_methods": [{"kind": "cod"}, {
                                    "kind": "bank_transfer", "bank": "BCA", "account_number": "1234567890",
                                    "account_holder": name}]})
            import_rows(s, shop.id, parse_csv(catalog))
            made[slug] = shop
        a, b = made["batik-sekar"], made["kue-ani"]
        link_telegram(s, a, TOKEN_A)
        link_telegram(s, b, TOKEN_B)
        link_whatsapp(s, a, NUMBER_A)
        link_whatsapp(s, b, NUMBER_B)
        add_seller(s, a.id, "telegram", str(SELLER_A), "Sekar", "owner")
        add_seller(s, b.id, "telegram", str(SELLER_B), "Ani", "owner")
        s.commit()
