"""Report periods: [start, end) in UTC for days or months of the shop's own calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


class BadPeriod(ValueError):
    """A month or a date range that cannot be read or is empty."""


@dataclass(frozen=True)
class Period:
    first_day: date  # local, inclusive
    last_day: date  # local, inclusive
    tz: ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time(), self.tz).astimezone(timezone.utc)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last_day + timedelta(days=1), time(), self.tz).astimezone(timezone.utc)

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=i) for i in range((self.last_day - self.first_day).days + 1)]

    def is_month(self) -> bool:
        return self.first_day.day == 1 and (self.last_day + timedelta(days=1)).day == 1 and \
            self.first_day.month == self.last_day.month and self.first_day.year == self.last_day.year


def days(first: date, last: date, tz: ZoneInfo) -> Period:
    if last < first:
        raise BadPeriod(f"{last} is before {first}")
    return Period(first, last, tz)


def month(year: int, month_no: int, tz: ZoneInfo) -> Period:
    if not 1 <= month_no <= 12 or not 1900 <= year <= 9999:
        raise BadPeriod(f"no month {year}-{month_no}")
    first = date(year, month_no, 1)
    following = date(year + month_no // 12, month_no % 12 + 1, 1)
    return Period(first, following - timedelta(days=1), tz)


def parse_month(text: str, tz: ZoneInfo) -> Period:
    """ "2026-11" -> November 2026 in the shop's calendar."""
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not found:
        raise BadPeriod(f"{text!r} is not YYYY-MM")
    return month(int(found[1]), int(found[2]), tz)


def this_month(now: datetime, tz: ZoneInfo) -> Period:
    local = now.astimezone(tz).date()
    return month(local.year, local.month, tz)


def last_month(now: datetime, tz: ZoneInfo) -> Period:
    first = this_month(now, tz).first_day - timedelta(days=1)
    return month(first.year, first.month, tz)


def last_days(now: datetime, tz: ZoneInfo, n: int) -> Period:
    """The n local days ending today ("minggu ini" as the last seven days)."""
    today = now.astimezone(tz).date()
    return Period(today - timedelta(days=n - 1), today, tz)
