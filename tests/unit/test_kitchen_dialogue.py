"""A home kitchen's commands as a seller types them: daily quota, "habis hari ini", pre-orders
with Indonesian dates (the year inferred forward), the batch list; and the dates themselves."""

from __future__ import annotations

from datetime import date, datetime, timezone

from conversations.seller.changes import ProductChange
from language.dates import find_day, parse_day, show_day
from tests.seller_support import MemoryDesk, SellerChat

# 23.30 on 10 December 2026 in Jakarta: the shop's "today" is the 10th, "20 Maret" is next year's.
LATE = datetime(2026, 12, 10, 16, 30, tzinfo=timezone.utc)


def changes(chat: SellerChat) -> dict[str, object]:
    return {e.field: e.after for e in chat.effects if isinstance(e, ProductChange)}


def test_quota_sold_out_today_and_back():
    chat = SellerChat(now=LATE)
    chat.send("kuota harian rendang 10")
    assert changes(chat) == {"daily_quota": 10}
    assert "10 per hari" in chat.last[0].text
    chat.send("Rendang habis hari ini")
    assert changes(chat) == {"sold_out_on": "2026-12-10"}  # the shop's day, not UTC's
    assert "Besok otomatis dijual lagi" in chat.last[0].text
    chat.send("kuota rendang")
    assert not chat.effects
    chat.send("kuota harian nastarx 5")
    assert "tidak menemukan" in chat.last[0].text and not chat.effects


def test_preorder_window_with_month_names_and_days_ahead():
    chat = SellerChat(now=LATE)
    chat.send("PO nastar keju, tutup 20 Maret, kirim 25 Maret")
    assert changes(chat) == {"po_closes": "2027-03-20", "po_delivery": "2027-03-25"}
    assert "Kamis, 25 Maret" in chat.last[0].text
    chat.send("PO nastar keju, tutup 25 Maret, kirim 20 Maret")
    assert not chat.effects and "harus sesudah" in chat.last[0].text
    chat.send("PO keripik tempe h-2")
    assert changes(chat) == {"po_days": 2}
    chat.send("PO nastar keju, tutup kapan2, kirim nanti")
    assert not chat.effects and "belum kami pahami" in chat.last[0].text


def test_batch_list_by_day():
    desk = MemoryDesk(batch_rows=[("2026-12-11", "Nastar Keju 500g", 4), ("2026-12-11", "Rendang Sapi 500g (beku)", 2),
                                  ("2027-03-25", "Nastar Keju 500g", 30)])
    chat = SellerChat(desk=desk, now=LATE)
    text = chat.send("daftar masak")[0].text
    assert "Jumat, 11 Desember" in text and "• 4× Nastar Keju 500g" in text and "• 30× Nastar Keju 500g" in text
    text = chat.send("batch 25 maret")[0].text
    assert "Kamis, 25 Maret" in text and "11 Desember" not in text
    assert "Belum ada pesanan untuk dimasak untuk Sabtu, 12 Desember" in chat.send("batch lusa")[0].text


def test_dates_as_people_write_them():
    today = date(2026, 12, 10)  # a Thursday
    assert parse_day("besok", today) == date(2026, 12, 11)
    assert parse_day("20 maret", today) == date(2027, 3, 20)
    assert parse_day("tgl 25/12", today) == date(2026, 12, 25)
    assert parse_day("jumat", today) == date(2026, 12, 11)
    assert parse_day("nastar 10", today) is None
    assert find_day("po bolu pandan untuk besok", today)[0] == date(2026, 12, 11)
    assert show_day("2027-03-25", weekday=True) == "Kamis, 25 Maret"


def test_the_owner_chooses_what_happens_to_orders_while_closed():
    chat = SellerChat(now=LATE)
    chat.send("tolak pesanan saat tutup")
    [change] = chat.effects
    assert (change.what, change.before, change.after) == ("outside_hours", {"outside_hours": "next_opening"},
                                                         {"outside_hours": "refuse"})
    assert "Pesanan saat toko tutup: diterima, diproses saat buka → ditolak" in chat.last[0].text
