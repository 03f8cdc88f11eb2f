"""Days as people write them in a chat: "20 Maret", "tgl 20/3", "besok", "lusa", "Jumat",
"hari ini", and a day shown back as "Jumat, 25 Maret".

A day and month without a year is the next such date from today (a PO that closes "20 Maret"
written in December is next March's). A weekday is the next one after today. General date
libraries (dateparser) were weighed: they take a bare number or a product's name for a date
("nastar 10" as the 10th) and cost a noticeable start-up; the few forms sellers and customers
use are read here exactly.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {"januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4,
          "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8,
          "ags": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
          "nopember": 11, "desember": 12, "des": 12}
MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember")
WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6,
            "ahad": 6}
WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
RELATIVE = {"hari ini": 0, "besok": 1, "besuk": 1, "bsk": 1, "lusa": 2}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"(?:tgl\.?\s*|tanggal\s+)?\b(\d{{1,2}})\s*(?:({_MONTH})\b\.?|[/-](\d{{1,2}})\b)(?:\s*(\d{{4}}))?")
_WEEKDAY = re.compile(r"\b(?:hari\s+)?(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b")
_RELATIVE = re.compile(r"\b(hari ini|besok|besuk|bsk|lusa)\b")


def _forward(day: int, month: int, today: date, year: int | None) -> date | None:
    """The date, in the given year or else the first year it is not yet past."""
    for y in ((year,) if year else (today.year, today.year + 1)):
        try:
            found = date(y, month, day)
        except ValueError:
            continue
        if year or found >= today:
            return found
    return None


def find_day(text: str, today: date) -> tuple[date, re.Match[str]] | None:
    """The first day named in `text` (lowercase) and where it was said; None when none is."""
    text = text.lower()
    found: list[tuple[int, date, re.Match[str]]] = []
    if (m := _DAY_MONTH.search(text)) is not None:
        month = MONTHS[m.group(2)] if m.group(2) else int(m.group(3))
        if 1 <= month <= 12 and (d := _forward(int(m.group(1)), month, today, int(m.group(4) or 0) or None)):
            found.append((m.start(), d, m))
    if (m := _RELATIVE.search(text)) is not None:
        found.append((m.start(), today + timedelta(days=RELATIVE[m.group(1)]), m))
    if (m := _WEEKDAY.search(text)) is not None:
        ahead = (WEEKDAYS[m.group(1).replace("'", "")] - today.weekday()) % 7 or 7
        found.append((m.start(), today + timedelta(days=ahead), m))
    if not found:
        return None
    _, day, match = min(found, key=lambda f: f[0])
    return day, match


def parse_day(text: str, today: date) -> date | None:
    """A text that is only a day ("25 Maret", "besok")."""
    hit = find_day(text, today)
    if hit is None or text.lower().strip(" .,") != hit[1].group(0).strip():
        return None
    return hit[0]


def show_day(day: date | str, weekday: bool = False) -> str:
    """ "25 Maret" (or "Jumat, 25 Maret"): the year is left out, as people say it."""
    d = date.fromisoformat(day) if isinstance(day, str) else day
    text = f"{d.day} {MONTH_NAMES[d.month - 1]}"
    return f"{WEEKDAY_NAMES[d.weekday()]}, {text}" if weekday else text
