"""A seller asking about today's orders in their own words ("brp pesanan hari ini") gets the
day's count, money and statuses, then the orders, for the shop's own calendar day."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from conversations.seller.ports import OrderBrief, RecapFigures
from tests.seller_support import MemoryDesk, SellerChat

AT = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)
TODAY = [OrderBrief("KD-0003", "pending_payment", 45000, "Bu Wati", "bank_transfer", "delivery", AT,
                    (("Keripik Tempe 150g", 2),)),
         OrderBrief("KD-0002", "paid", 30000, "Budi", "qris", "pickup", AT, (("Sambal Roa", 1),)),
         OrderBrief("KD-0001", "paid", 24000, "Siti", "cod", "pickup", AT, (("Keripik Tempe 150g", 2),))]


def chat() -> SellerChat:
    return SellerChat(desk=MemoryDesk(order_briefs={"today": TODAY}, figures=RecapFigures(3, 5, 54000, 1, 45000)))


@pytest.mark.parametrize("asked", ["brp pesanan hari ini", "pesanan hari ini berapa", "hari ini ada pesanan apa aja",
                                   "Berapa pesanan hari ini kak?", "ada pesanan masuk hari ini?",
                                   "hari ini udah berapa orderan", "total pesanan hr ini brp"])
def test_a_question_about_todays_orders_is_answered_with_count_money_statuses_and_orders(asked):
    c = chat()
    c.send(asked)
    assert not c.passed
    assert "*3 pesanan*, 5 barang" in c.text and "Sudah dibayar (omzet): Rp54.000" in c.text
    assert "Belum dibayar: 1 pesanan (Rp45.000)" in c.text and "Status: 2 lunas, 1 belum bayar" in c.text
    assert "*KD-0003* Bu Wati — Rp45.000 (belum bayar)" in c.text and "KD-0001" in c.text
    # the shop's calendar day: midnight in Jakarta (UTC+7), not in UTC
    [(_, start, end)] = [a for a in c.desk.asked if a[0] == "recap"]
    assert start == datetime(2026, 11, 22, 17, 0, tzinfo=timezone.utc) and (end - start).days == 1
    assert [a[1:] for a in c.desk.asked if a[0] == "orders"] == [("today", start, end)]


def test_more_orders_than_the_list_shows_are_counted_and_pointed_to_the_recap():
    c = SellerChat(desk=MemoryDesk(order_briefs={"today": TODAY}, figures=RecapFigures(20, 30, 500000, 0, 0)))
    c.send("brp pesanan hari ini")
    assert "*20 pesanan*" in c.text and "dan 17 pesanan lain" in c.text and "rekap" in c.text


def test_no_order_today_says_so():
    c = SellerChat()
    c.send("brp pesanan hari ini?")
    assert c.text == "Belum ada pesanan hari ini, Kak."


@pytest.mark.parametrize("said", ["kirim pesanan hari ini", "pesanan hari ini belum bayar", "rekap hari ini",
                                  "brp pesanan kemarin"])
def test_other_sentences_about_orders_are_not_read_as_todays_count(said):
    c = chat()
    c.send(said)
    assert "pesanan*, " not in c.text
