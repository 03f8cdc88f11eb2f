"""What sellers type about promos and broadcasts, read as data: "2 keripik pedas + 1 sambal
roa = 45rb", "min 50rb, sampai 31/12, kuota 100, 1x per orang", "setiap jumat 10:00".
Pure functions; dates and times are the shop's local time, returned as aware UTC."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from marketing.broadcasts import DAILY, NOW, ONCE, WEEKLY, Schedule
from language.numbers import parse_rupiah
from language.times import day_part, hour_of_day
from language.order_lines import split_order_text

DAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jumaat": 4, "sabtu": 5,
        "minggu": 6, "ahad": 6}
MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "mei": 5, "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8,
          "sep": 9, "okt": 10, "nov": 11, "des": 12}
_NUMERIC_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b|\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?\b")
_NAMED_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")[a-z]*\.?(?:\s+(\d{4}))?\b")
_TIME = re.compile(r"(?:\b(?:jam|pukul|pk)\.?\s*(\d{1,2})(?:[:.](\d{2}))?\b)|\b(\d{1,2})[:.](\d{2})\b")
_PERCENT = re.compile(r"^\s*(\d{1,3})\s*(?:%|persen)?\s*$")
_COUNT = re.compile(r"(\d+)")
DEFAULT_CLOCK = "09:00"


def parse_percent(text: str) -> int | None:
    m = _PERCENT.match(text.lower())
    return int(m.group(1)) if m else None


def parse_bundle(text: str) -> tuple[list[tuple[int, str]], int] | None:
    """"2 keripik pedas + 1 sambal roa = 45rb" -> ([(2, "keripik pedas"), (1, "sambal roa")], 45000)."""
    parts = re.split(r"=|\b(?:harga(?:nya)?|jadi|cuma|hanya)\b", text.lower())
    if len(parts) < 2:
        return None
    items, price = split_order_text(" ".join(parts[:-1])), parse_rupiah(parts[-1])
    if not items or not price:
        return None
    return items, price


def parse_date(text: str, now: datetime, tz: ZoneInfo) -> date | None:
    """A calendar day in `text` ("31/12", "31 des", "2026-12-31", "besok"); a past day-month means next year."""
    t = text.lower()
    today = now.astimezone(tz).date()
    for word, days in (("hari ini", 0), ("lusa", 2), ("besok", 1)):
        if word in t:
            return today + timedelta(days=days)
    if re.search(r"\bakhir (?:bulan|bln)\b", t):  # "sampai akhir bulan": the month's last day
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    if re.search(r"\bakhir (?:tahun|thn)\b", t):
        return date(today.year, 12, 31)
    if m := _NUMERIC_DATE.search(t):
        if m.group(1):
            return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        year = m.group(6)
        return _day_month(int(m.group(4)), int(m.group(5)), int(year) if year else None, today)
    if m := _NAMED_DATE.search(t):
        return _day_month(int(m.group(1)), MONTHS[m.group(2)[:3]], int(m.group(3)) if m.group(3) else None, today)
    return None


def _day_month(day: int, month: int, year: int | None, today: date) -> date | None:
    if year is not None:
        return _safe_date(year + 2000 if year < 100 else year, month, day)
    found = _safe_date(today.year, month, day)
    if found is not None and found < today:
        found = _safe_date(today.year + 1, month, day)
    return found


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_clock(text: str) -> str | None:
    """"jam 10", "10:00", "pukul 9.30" -> "HH:MM" (dates like 31/12 are not times)."""
    t = _NUMERIC_DATE.sub(" ", text.lower())
    m = _TIME.search(t)
    if not m:
        return None
    hh, mm = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    hour, minute = int(hh), int(mm or 0)
    hour = hour_of_day(hour, day_part(t[m.end():]) or day_part(t))  # "jam 12 malam" is midnight
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _at(day: date, clock: str, tz: ZoneInfo) -> datetime:
    hh, mm = (int(x) for x in clock.split(":"))
    return datetime.combine(day, time(hh, mm), tzinfo=tz).astimezone(timezone.utc)


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> Schedule | None:
    """"sekarang", "besok 09:00", "25/12 10.00", "jumat jam 10", "setiap jumat 10:00", "tiap hari 08:00"."""
    t = " ".join(text.lower().split())
    if t in {"sekarang", "kirim sekarang", "now", "langsung"}:
        return Schedule(NOW)
    clock = parse_clock(t)
    weekday = next((d for word, d in DAYS.items() if re.search(rf"\b{re.escape(word)}\b", t)), None)
    if re.search(r"\b(setiap|tiap|tiap2|saban|every)\b", t):
        if "hari" in t.split() and weekday is None:
            return Schedule(DAILY, clock=clock or DEFAULT_CLOCK)
        return Schedule(WEEKLY, weekday=weekday, clock=clock or DEFAULT_CLOCK) if weekday is not None else None
    local = now.astimezone(tz)
    day = parse_date(t, now, tz)
    if day is None and weekday is not None:
        day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
        if _at(day, clock or DEFAULT_CLOCK, tz) <= now:
            day += timedelta(days=7)
    if day is None and clock is not None:
        day = local.date() if _at(local.date(), clock, tz) > now else local.date() + timedelta(days=1)
    if day is None:
        return None
    return Schedule(ONCE, at=_at(day, clock or DEFAULT_CLOCK, tz))


def parse_conditions(text: str, now: datetime, tz: ZoneInfo) -> tuple[dict[str, Any], list[str]]:
    """Promo conditions -> (fields of a Promotion, parts not understood)."""
    fields: dict[str, Any] = {}
    unknown: list[str] = []
    for raw in re.split(r"[,;\n]|\bdan\b", text):
        part = " ".join(raw.lower().split())
        if not part:
            continue
        count = _COUNT.search(part)
        if re.search(r"\bper\s*(orang|pelanggan|customer|pembeli|akun)\b", part) or "sekali" in part:
            fields["max_uses_per_customer"] = int(count.group(1)) if count else 1
        elif re.search(r"\b(kuota|pemakaian|pembeli pertama|orang pertama|slot)\b", part) and count:
            fields["max_uses"] = int(count.group(1))
        elif re.search(r"\b(min|minimal|minimum)\b", part) and parse_rupiah(part):
            fields["min_subtotal"] = parse_rupiah(part)
        elif re.search(r"\b(maks|max|maksimal|maksimum)\b", part) and parse_rupiah(part):
            fields["max_discount"] = parse_rupiah(part)
        elif re.search(r"\b(sampai|s\.?d\.?|hingga|berakhir|berlaku sampai|until)\b", part) and (d := parse_date(part, now, tz)):
            fields["ends_at"] = _at(d + timedelta(days=1), "00:00", tz)  # through the whole last day
        elif re.search(r"\b(mulai|dari|sejak)\b", part) and (d := parse_date(part, now, tz)):
            fields["starts_at"] = _at(d, "00:00", tz)
        elif re.search(r"(tidak|tak|gak|ga) bisa digabung|eksklusif|exclusive", part):
            fields["stackable"] = False
        else:
            unknown.append(raw.strip())
    return fields, unknown
