"""Rupiah and local-time formatting, the Indonesian way (`Rp15.000`, `23 Nov 20.00 WIB`)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_decimal

LOCALE = "id_ID"


@lru_cache(maxsize=8192)  # prices repeat endlessly and babel formatting is slow-ish
def rupiah(amount: int) -> str:
    """Whole Rupiah with dots for thousands and no space after `Rp`."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{format_decimal(abs(int(amount)), locale=LOCALE)}"


def local_time(moment: datetime, tz: ZoneInfo, pattern: str = "d MMM yyyy HH.mm zzz") -> str:
    """A UTC moment shown in the shop's zone with its Indonesian abbreviation (WIB/WITA/WIT)."""
    return format_datetime(moment, pattern, tzinfo=tz, locale=LOCALE)
