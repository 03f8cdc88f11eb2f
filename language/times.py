"""Clock hours as people say them with a part of the day: "jam 2 siang" is 14.00, "jam 8 malam"
20.00, "jam 1 malam" 01.00, "jam 12 malam" midnight, "jam 12 siang" noon. Pure; shared by the
shop's opening hours and the seller's promo and broadcast schedules."""

from __future__ import annotations

import re

DAY_PARTS = ("pagi", "siang", "sore", "malam", "subuh", "dini")
_PART = re.compile(r"\b(" + "|".join(DAY_PARTS) + r")\b")


def day_part(text: str) -> str | None:
    """The first part of the day named in `text` ("pagi", "siang", "sore", "malam"), if any."""
    match = _PART.search(text.lower())
    return match.group(1) if match else None


def hour_of_day(hour: int, part: str | None) -> int:
    """The 24-hour clock hour of `hour` said with a part of the day."""
    if part == "siang" and hour < 11:
        return hour + 12  # "jam 1 siang" 13.00, but "jam 11 siang" 11.00
    if part == "sore" and hour < 12:
        return hour + 12
    if part == "malam":
        return 0 if hour == 12 else hour + 12 if 5 <= hour < 12 else hour  # "jam 1 malam" 01.00
    if part in ("pagi", "subuh", "dini") and hour == 12:
        return 0
    return hour
