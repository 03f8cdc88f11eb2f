"""Persons across the member shops of a cluster: a channel address two shops share is one
person, and a customer known on two channels links them (marketing.cluster.people)."""

from __future__ import annotations

from types import SimpleNamespace as Row

from marketing.cluster import people


def ident(shop: int, customer: int, channel: str, external: str) -> Row:
    return Row(shop_id=shop, customer_id=customer, channel=channel, external_id=external)


def test_shared_addresses_and_a_customers_two_channels_make_one_person():
    rows = [ident(1, 10, "whatsapp", "+628111"), ident(2, 20, "whatsapp", "+628111"),  # Dewi at both shops
            ident(2, 20, "telegram", "5001"), ident(1, 11, "telegram", "5001"),  # …and her Telegram at shop A
            ident(1, 12, "telegram", "5002"), ident(2, 21, "whatsapp", "+628222")]  # two other people
    groups = sorted(people(rows))
    assert groups == [[(1, 10), (1, 11), (2, 20)], [(1, 12)], [(2, 21)]]
