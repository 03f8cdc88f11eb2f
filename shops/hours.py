"""Opening hours: the shop's free text ("Senin–Sabtu 08.00–20.00 WIB") read into a weekly
schedule, so the bot can say whether the shop is open now and when it opens next.

Sellers write hours the way they say them: day ranges with an en dash or "s/d", "setiap hari",
"Minggu tutup", "jam 8 pagi - 9 malam", "24 jam". What cannot be read gives None, and the
callers then show the text as written and claim nothing about "open now".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from language.times import hour_of_day

DAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")  # Monday first, as datetime.weekday()
DAY_ALIASES = {"sen": 0, "sel": 1, "rab": 2, "kam": 3, "jum": 4, "jumat": 4, "jum'at": 4, "sab": 5, "min": 6,
               "minggu": 6, "ahad": 6, **{d: i for i, d in enumerate(DAYS)}}
EVERY_DAY = ("setiap hari", "tiap hari", "buka setiap hari", "senin-minggu", "everyday", "every day")
CLOSED = ("tutup", "libur", "closed")
WHOLE_DAY = ("24 jam", "24jam", "nonstop", "non stop")

_DAY = r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|sen|sel|rab|kam|jum|sab|min)"
_RANGE_SEP = r"\s*(?:-|–|—|s/d|s\.d\.?|sd|sampai|sampe|smp|ampe|hingga|to)\s*"
_TIME = r"(?:jam\s*)?(\d{1,2})(?:[.:](\d{2}))?\s*(pagi|siang|sore|malam)?"
DAY_SPAN = re.compile(rf"\b({_DAY})\b(?:{_RANGE_SEP}\b({_DAY})\b)?")
TIME_SPAN = re.compile(rf"{_TIME}{_RANGE_SEP}{_TIME}")


@dataclass(frozen=True)
class WeeklyHours:
    """Opening spans per weekday (0 = Monday), in minutes after local midnight; a span may end
    after midnight (close > 1440) for shops that stay open late."""

    days: tuple[tuple[tuple[int, int], ...], ...]

    def is_open(self, local: datetime) -> bool:
        minute = local.hour * 60 + local.minute
        today, yesterday = local.weekday(), (local.weekday() - 1) % 7
        if any(start <= minute < end for start, end in self.days[today]):
            return True
        return any(end > 1440 and minute < end - 1440 for _, end in self.days[yesterday])

    def next_opening(self, local: datetime) -> datetime | None:
        """The next moment the shop opens after `local` (a naive or aware local time); None if never."""
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        for ahead in range(0, 8):
            day = midnight + timedelta(days=ahead)
            for start, _ in sorted(self.days[day.weekday()]):
                at = day + timedelta(minutes=start)
                if at > local:
                    return at
        return None

    @property
    def always(self) -> bool:
        return all(spans == ((0, 1440),) for spans in self.days)


def _minutes(hour: str, minute: str | None, part: str | None) -> int | None:
    h, m = int(hour), int(minute or 0)
    if not (0 <= h <= 24 and 0 <= m < 60):
        return None
    # Spoken day parts: "jam 1 siang" 13.00 but "jam 11 siang" 11.00; "jam 12 malam" midnight.
    if part in ("siang", "sore", "malam"):
        h = hour_of_day(h, part)
    return h * 60 + m


def _span(match: re.Match[str]) -> tuple[int, int] | None:
    start = _minutes(match.group(1), match.group(2), match.group(3))
    end = _minutes(match.group(4), match.group(5), match.group(6))
    if start is None or end is None or start == end:
        return None
    if end < start:
        end += 1440  # "18.00-02.00" and "sampai jam 12 malam" run to or past midnight
    return start, end


def _days_in(segment: str) -> list[int]:
    if any(word in segment for word in EVERY_DAY):
        return list(range(7))
    found: list[int] = []
    for match in DAY_SPAN.finditer(segment):
        first = DAY_ALIASES[match.group(1).replace("'", "")]
        last = DAY_ALIASES[match.group(2).replace("'", "")] if match.group(2) else first
        day = first
        while True:
            found.append(day)
            if day == last:
                break
            day = (day + 1) % 7
    return found


def _parts(segment: str) -> list[str]:
    """A piece of the text cut where a day is named after hours or after "tutup": people leave
    the comma out ("senin-sabtu 08.00-17.00 minggu tutup" is two parts, not every day closed)."""
    parts, start = [], 0
    for match in DAY_SPAN.finditer(segment):
        before = segment[start:match.start()]
        if re.search(r"\d", before) or any(word in before for word in CLOSED):
            parts.append(before)
            start = match.start()
    return parts + [segment[start:]]


def parse_hours(text: str) -> WeeklyHours | None:
    """The schedule `text` describes, or None when it cannot be read with confidence."""
    folded = " ".join(text.lower().replace("’", "'").split())
    if not folded:
        return None
    days: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    said_any = False
    if any(word in folded for word in WHOLE_DAY):
        return WeeklyHours(tuple(((0, 1440),) for _ in range(7)))
    for segment in (part for piece in re.split(r"[,;\n]|\bdan\b", folded) for part in _parts(piece)):
        segment = segment.strip()
        if not segment:
            continue
        which = _days_in(segment)
        closed = any(word in segment for word in CLOSED)
        spans = [s for s in (_span(m) for m in TIME_SPAN.finditer(DAY_SPAN.sub(" ", segment))) if s]
        if closed and which:
            for day in which:
                days[day] = []
            said_any = True
            continue
        if not spans:
            continue
        for day in which or range(7):  # hours with no days named hold every day
            days[day] = sorted(set(days[day]) | set(spans))
        said_any = True
    if not said_any or not any(days):
        return None
    return WeeklyHours(tuple(tuple(d) for d in days))


def grouped(hours: WeeklyHours) -> list[tuple[int, int, tuple[tuple[int, int], ...]]]:
    """Runs of weekdays with the same spans, Monday first: [(first day, last day, spans)], so a
    schedule can be said back as "Senin–Sabtu 08.00–20.00, Minggu tutup" (empty spans: closed)."""
    runs: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
    for day, spans in enumerate(hours.days):
        if runs and runs[-1][2] == spans and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day, spans)
        else:
            runs.append((day, day, spans))
    return runs


def clock(minutes: int) -> str:
    """Minutes after local midnight as the shop says it: 480 -> "08.00", 1500 -> "01.00" (next day)."""
    minutes %= 1440
    return f"{minutes // 60:02d}.{minutes % 60:02d}"
