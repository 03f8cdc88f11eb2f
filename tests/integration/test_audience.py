"""Broadcast segments select exactly the right customers, on SQLite and PostgreSQL."""

from __future__ import annotations


from sqlalchemy import select

from marketing.audience import members, preview
from marketing.broadcasts import Segment
from storage.models import Customer
from tests.promo_support import person
from tests.support import NOW, seeded_engine

def populate(s) -> None:
    person(s, "ani", orders=[(["SBL-ROA"], 3, "paid")])
    person(s, "budi", orders=[(["KRP-TMP"], 40, "completed"), (["KUE-NST-KJU"], 45, "completed")])
    person(s, "cici", orders=[(["SBL-BWG"], 2, "cancelled"), (["KRP-TMP"], 60, "completed")])
    person(s, "dedi", consent=None, orders=[(["SBL-ROA"], 1, "paid")])
    person(s, "eka", consent=False, orders=[(["SBL-ROA"], 1, "paid")])
    person(s, "fani", channels=("whatsapp",), orders=[(["SBL-IJO"], 90, "completed")], inbound_hours_ago=30)
    person(s, "gita", channels=("whatsapp", "telegram"), orders=[(["KRP-SGK-PDS", "SBL-TRS"], 5, "pending_payment")])
    person(s, "hadi", reachable=False, orders=[(["SBL-ROA"], 10, "paid")])
    person(s, "ina")  # said yes to promos, never ordered


def names(url: str, segment: Segment) -> dict[str, tuple[str, bool | None]]:
    _, sessions = seeded_engine(url)
    with sessions() as s:
        if s.execute(select(Customer.id).where(Customer.name == "ani")).first() is None:
            populate(s)
            s.commit()
        return {m.name: (m.channel, m.consent) for m in members(s, 1, segment, NOW)}


def test_everyone_is_in_the_all_segment_with_their_consent_and_the_sellers_are_not(db_url):
    found = names(db_url, Segment())
    assert set(found) == {"ani", "budi", "cici", "dedi", "eka", "fani", "gita", "hadi", "ina"}
    assert found["dedi"][1] is None and found["eka"][1] is False


def test_bought_a_product_counts_orders_that_were_not_cancelled_or_expired(db_url):
    assert set(names(db_url, Segment(skus=("SBL-ROA",)))) == {"ani", "dedi", "eka", "hadi"}
    assert set(names(db_url, Segment(skus=("SBL-BWG",)))) == set()  # cici's order was cancelled
    assert set(names(db_url, Segment(skus=("SBL-ROA", "KUE-NST-KJU")))) == {"ani", "budi", "dedi", "eka", "hadi"}


def test_bought_from_a_category_matches_the_category_name_in_any_case(db_url):
    assert set(names(db_url, Segment(categories=("sambal",)))) == {"ani", "dedi", "eka", "fani", "gita", "hadi"}
    assert set(names(db_url, Segment(categories=("Kue Kering",)))) == {"budi"}


def test_no_order_in_n_days_includes_those_who_never_ordered_and_ignores_cancelled_orders(db_url):
    assert set(names(db_url, Segment(inactive_days=30))) == {"budi", "cici", "fani", "ina"}


def test_by_channel_picks_that_identity_even_when_another_was_used_later(db_url):
    found = names(db_url, Segment(channel="whatsapp"))
    assert set(found) == {"fani", "gita"} and found["gita"][0] == "whatsapp"
    assert names(db_url, Segment())["gita"][0] in {"whatsapp", "telegram"}


def test_filters_combine(db_url):
    assert set(names(db_url, Segment(categories=("Sambal",), inactive_days=30, channel="whatsapp"))) == {"fani"}


def test_the_preview_counts_who_will_get_it_and_who_is_skipped_and_why(db_url):
    _, sessions = seeded_engine(db_url)
    with sessions() as s:
        populate(s)
        s.commit()
        people = members(s, 1, Segment(), NOW)
        last = {m.name: m.last_product for m in people}
    counts = preview(people, has_template=False, now=NOW)
    # no consent: dedi, eka; unreachable: hadi; fani's WhatsApp window closed 30 hours ago
    assert (counts.recipients, counts.no_consent, counts.unreachable, counts.outside_window) == (5, 2, 1, 1)
    assert preview(people, has_template=True, now=NOW).recipients == 6
    assert last["budi"] == "Keripik Tempe 150g" and last["gita"] == "Keripik Singkong Pedas 250g" and last["ina"] == ""
    assert last["cici"] == "Keripik Tempe 150g"  # the cancelled order is not what she last bought
