"""Opening hours as sellers write them, read into a schedule: open now, and the next opening."""

from __future__ import annotations

from datetime import datetime

import pytest

from shops.hours import parse_hours
from shops.profile import ShopProfile

MON, SAT, SUN = datetime(2026, 12, 7), datetime(2026, 12, 5), datetime(2026, 12, 6)


def at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute)


@pytest.mark.parametrize("text, day, open_at, closed_at", [
    ("Senin–Sabtu 08.00–20.00 WIB", MON, (8, 0), (20, 0)),
    ("Senin-Jumat 08.00-17.00, Sabtu 08.00-12.00, Minggu tutup", SAT, (11, 59), (12, 0)),
    ("Setiap hari 07.00-21.00", SUN, (7, 0), (6, 59)),
    ("jam 8 pagi - 9 malam", SUN, (20, 59), (21, 0)),
    ("Senin s/d Sabtu jam 9-17", MON, (16, 59), (17, 0)),
    ("buka jam 10 sampai 12 malam", MON, (23, 59), (9, 59)),
    ("Jum'at 13.00-17.00", datetime(2026, 12, 11), (13, 0), (12, 59)),
    ("jam 1 siang - 11 malam", MON, (13, 0), (11, 0)),
])
def test_a_schedule_is_open_inside_its_hours_and_closed_outside(text, day, open_at, closed_at):
    hours = parse_hours(text)
    assert hours is not None
    assert hours.is_open(at(day, *open_at))
    assert not hours.is_open(at(day, *closed_at))


def test_a_closed_day_stays_closed():
    hours = parse_hours("Senin–Sabtu 08.00–20.00 WIB")
    assert not hours.is_open(at(SUN, 10))
    assert hours.next_opening(at(SUN, 10)) == at(MON, 8)
    assert hours.next_opening(at(SAT, 21)) == at(MON, 8)
    assert hours.next_opening(at(MON, 7, 30)) == at(MON, 8)


def test_hours_past_midnight_belong_to_the_evening_before():
    hours = parse_hours("18.00-02.00")
    assert hours.is_open(at(MON, 1, 30)) and not hours.is_open(at(MON, 2, 0)) and hours.is_open(at(MON, 18))


def test_round_the_clock():
    hours = parse_hours("buka 24 jam")
    assert hours.always and hours.is_open(at(SUN, 3))


@pytest.mark.parametrize("text", ["", "by appointment", "tanya dulu ya", "Minggu libur"])
def test_what_cannot_be_read_claims_nothing(text):
    assert parse_hours(text) is None


def test_the_profile_reads_its_hours_and_gives_a_maps_link():
    profile = ShopProfile(name="Toko", opening_hours="Setiap hari 07.00-21.00", latitude=-7.9666, longitude=112.6326)
    assert profile.hours().is_open(at(SUN, 8))
    assert profile.maps_url() == "https://maps.google.com/?q=-7.966600,112.632600"
    assert ShopProfile(name="Toko").maps_url() is None and ShopProfile(name="Toko").hours() is None


@pytest.mark.parametrize("text", [
    "senin-sabtu 08.00-17.00 minggu tutup",  # our own example, without its comma
    "senin sampe sabtu jam 8 pagi sampe jam 5 sore minggu libur",
    "Senin - Sabtu jam 8 - 17 Minggu tutup",
    "senin smp sabtu 08.00 - 17.00. minggu libur",
])
def test_days_after_a_time_start_a_new_part_even_without_a_comma(text):
    hours = parse_hours(text)
    assert hours is not None, text
    assert hours.is_open(at(MON, 8)) and hours.is_open(at(SAT, 16, 59)) and not hours.is_open(at(SAT, 17))
    assert not hours.is_open(at(SUN, 10)) and hours.next_opening(at(SUN, 10)) == at(MON, 8)


def test_two_day_ranges_with_their_own_hours_without_a_comma():
    hours = parse_hours("senin-jumat 08.00-17.00 sabtu 08.00-12.00 minggu tutup")
    assert hours is not None and hours.is_open(at(SAT, 11, 59)) and not hours.is_open(at(SAT, 12))
    assert hours.is_open(at(MON, 16, 59)) and not hours.is_open(at(SUN, 9))
