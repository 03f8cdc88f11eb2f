"""What sellers type about promos and schedules, and when schedules fire (shop time, Jakarta)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from marketing.broadcasts import DAILY, NOW, ONCE, WEEKLY, Schedule, due_action, render, verdict
from marketing.parsing import parse_bundle, parse_conditions, parse_when

JKT = ZoneInfo("Asia/Jakarta")
MONDAY_13 = datetime(2026, 11, 23, 6, 0, tzinfo=timezone.utc)  # Monday 23 Nov 2026, 13.00 WIB


def local(dt: datetime) -> str:
    return dt.astimezone(JKT).strftime("%a %d/%m/%Y %H:%M")


def test_schedules_typed_by_a_seller():
    assert parse_when("sekarang", MONDAY_13, JKT) == Schedule(NOW)
    assert local(parse_when("besok 09:00", MONDAY_13, JKT).at) == "Tue 24/11/2026 09:00"
    assert local(parse_when("25/12 10.00", MONDAY_13, JKT).at) == "Fri 25/12/2026 10:00"
    assert local(parse_when("2027-01-02 08:30", MONDAY_13, JKT).at) == "Sat 02/01/2027 08:30"
    assert local(parse_when("jumat jam 10", MONDAY_13, JKT).at) == "Fri 27/11/2026 10:00"
    assert local(parse_when("senin jam 10", MONDAY_13, JKT).at) == "Mon 30/11/2026 10:00"  # today's 10.00 has passed
    assert local(parse_when("15:00", MONDAY_13, JKT).at) == "Mon 23/11/2026 15:00"
    assert parse_when("setiap jumat 10:00", MONDAY_13, JKT) == Schedule(WEEKLY, weekday=4, clock="10:00")
    assert parse_when("tiap hari jam 8", MONDAY_13, JKT) == Schedule(DAILY, clock="08:00")
    assert parse_when("kapan-kapan", MONDAY_13, JKT) is None


def test_a_weekly_schedule_fires_every_friday_at_ten_shop_time():
    friday = Schedule(WEEKLY, weekday=4, clock="10:00")
    first = friday.first_due(MONDAY_13, JKT)
    assert local(first) == "Fri 27/11/2026 10:00" and first.utcoffset() == timedelta(0)
    assert local(friday.next_after(first, JKT)) == "Fri 04/12/2026 10:00"
    assert local(friday.first_due(first, JKT)) == "Fri 27/11/2026 10:00"  # due exactly now counts as now
    assert Schedule(ONCE, at=first).next_after(first, JKT) is None


def test_a_broadcast_missed_while_down_goes_out_late_within_the_grace_period_only():
    due = MONDAY_13
    assert due_action(due, due + timedelta(minutes=59), timedelta(minutes=60)) == "send"
    assert due_action(due, due + timedelta(minutes=61), timedelta(minutes=60)) == "missed"


def test_promo_conditions_in_one_line():
    fields, unknown = parse_conditions("min 50rb, sampai 31/12, kuota 100, 1x per orang, maks 20rb, tidak bisa digabung",
                                       MONDAY_13, JKT)
    assert unknown == []
    assert fields["min_subtotal"] == 50000 and fields["max_uses"] == 100 and fields["max_uses_per_customer"] == 1
    assert fields["max_discount"] == 20000 and fields["stackable"] is False
    assert local(fields["ends_at"]) == "Fri 01/01/2027 00:00"  # through the whole of 31 December
    fields, unknown = parse_conditions("mulai 1 des; bonus gratis ongkir", MONDAY_13, JKT)
    assert local(fields["starts_at"]) == "Tue 01/12/2026 00:00" and unknown == ["bonus gratis ongkir"]


def test_a_bundle_line():
    assert parse_bundle("2 keripik pedas + 1 sambal roa = 45rb") == ([(2, "keripik pedas"), (1, "sambal roa")], 45000)
    assert parse_bundle("3 nastar keju harga Rp200.000") == ([(3, "nastar keju")], 200000)
    assert parse_bundle("2 keripik pedas") is None


def test_personal_fields_fill_in_and_other_braces_stay():
    assert render("Halo {nama}! {produk_terakhir} lagi diskon {x}", {"name": "Siti", "last_product": "Sambal Roa"}) == \
        "Halo Siti! Sambal Roa lagi diskon {x}"


def test_a_recipient_is_checked_for_consent_reachability_and_the_whatsapp_window_at_send_time():
    recent, old = MONDAY_13 - timedelta(hours=2), MONDAY_13 - timedelta(hours=25)
    assert verdict(True, True, "telegram", old, False, MONDAY_13) == "send"
    assert verdict(None, True, "telegram", recent, False, MONDAY_13) == "skipped_consent"
    assert verdict(False, True, "telegram", recent, False, MONDAY_13) == "skipped_consent"
    assert verdict(True, False, "telegram", recent, False, MONDAY_13) == "skipped_unreachable"
    assert verdict(True, True, "whatsapp", recent, False, MONDAY_13) == "send"
    assert verdict(True, True, "whatsapp", old, False, MONDAY_13) == "skipped_window"
    assert verdict(True, True, "whatsapp", old, True, MONDAY_13) == "template"


def test_a_promo_until_the_end_of_the_month_or_the_year():
    from datetime import date

    from marketing.parsing import parse_date
    tz = ZoneInfo("Asia/Jakarta")
    now = datetime(2026, 12, 6, 13, 0, tzinfo=timezone.utc)  # Sunday 6 Dec, 20.00 WIB
    assert parse_date("sampai akhir bulan", now, tz) == date(2026, 12, 31)
    assert parse_date("sampe akhir bln", now, tz) == date(2026, 12, 31)
    assert parse_date("sampai akhir tahun", now, tz) == date(2026, 12, 31)
    feb = datetime(2027, 2, 10, 3, 0, tzinfo=timezone.utc)
    assert parse_date("sampai akhir bulan", feb, tz) == date(2027, 2, 28)
    fields, unknown = parse_conditions("min 100rb, sampai akhir bulan", now, tz)
    assert unknown == [] and fields["ends_at"].astimezone(tz).date() == date(2027, 1, 1)


def test_kak_before_the_name_is_not_doubled_for_a_name_with_its_own_honorific():
    text = "Halo Kak {nama}, {produk_terakhir} ready lagi"
    assert render(text, {"name": "Bu Wati", "last_product": "Nastar"}) == "Halo Bu Wati, Nastar ready lagi"
    assert render(text, {"name": "Wati", "last_product": "Nastar"}) == "Halo Kak Wati, Nastar ready lagi"
    assert render("kak {nama}!", {"name": ""}) == "kak!"
