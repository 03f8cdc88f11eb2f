"""A ranking question end to end on Telegram: "yg paling murah apa kak" answered with the shop's
cheapest product, ordered with "pesan 2", through `kedai serve` and the fake Bot API."""

from __future__ import annotations

import json

import pytest

from tests.e2e.telegram_driver import SECRET, SELLER_CHAT, Telegram, User, cli, kedai_serving
from tests.fakes.telegram_api import FakeTelegramAPI

pytestmark = pytest.mark.e2e


def test_the_cheapest_product_is_answered_and_ordered_by_a_bare_quantity(tmp_path):
    with FakeTelegramAPI(per_chat_per_sec=20) as fake:
        env = {"TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_SECRET": SECRET,
               "KEDAI_PUBLIC_URL": "https://bot.example.test", "TELEGRAM_CHAT_RATE": "10"}
        with kedai_serving(tmp_path, fake, **env) as (port, db):
            telegram = Telegram(fake, db, port)
            # The demo's Jus Jambu costs as little as Keripik Tempe: the seller raises it by chat first.
            seller = User(telegram, SELLER_CHAT, "Sri")
            seller.say("harga jus jambu 15rb")
            assert "Rp12.000 → Rp15.000" in seller.texts[-1]
            rina = User(telegram, 5200000042, "Rina")
            rina.say("halo")
            rina.say("yg paling murah apa kak")
            answer = rina.texts[-1]
            assert "Yang paling murah" in answer and "Keripik Tempe 150g" in answer and "Rp12.000" in answer
            rina.say("pesan 2")
            assert "2 × Keripik Tempe 150g masuk keranjang" in rina.texts[-1]
            [row] = telegram.query("SELECT data FROM conversations WHERE party LIKE 'customer:%' AND data LIKE '%KRP-TMP%'")
            assert json.loads(row[0])["cart"] == {"KRP-TMP": 2}
            assert json.loads(cli(db, "orders", "list", "--json")) == []  # a cart, not an order yet
        assert fake.server_errors == [] and fake.count_429 == 0
