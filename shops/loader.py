"""The one place a shop row becomes a ShopRecord: its profile parsed and its time zone loaded.

Every reader of a shop (the message path, the scheduled jobs, the CLI, the WhatsApp sender)
goes through `record`, so a profile is validated the same way everywhere, and only once per
version of it: parsing is cached per shop until the stored name or profile changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from shops.profile import ShopProfile


@dataclass(frozen=True)
class ShopRecord:
    id: int
    profile: ShopProfile
    tz: ZoneInfo

    @property
    def name(self) -> str:
        return self.profile.name


_parsed: dict[int, tuple[str, dict[str, Any], ShopRecord]] = {}
CACHE_SIZE = 10_000


def record(shop_id: int, name: str, profile: dict[str, Any] | None) -> ShopRecord:
    """The shop's record from its stored columns (`shops.name`, `shops.profile`)."""
    raw = profile or {}
    hit = _parsed.get(shop_id)
    if hit is not None and hit[0] == name and hit[1] == raw:
        return hit[2]
    parsed = ShopProfile.model_validate({"name": name, **raw})
    found = ShopRecord(shop_id, parsed, ZoneInfo(parsed.timezone))
    if len(_parsed) >= CACHE_SIZE:
        _parsed.clear()
    _parsed[shop_id] = (name, dict(raw), found)
    return found


def of(row: Any) -> ShopRecord:
    """The record of a row with `id`, `name` and `profile` (an ORM Shop or a selected row)."""
    return record(row.id, row.name, row.profile)
