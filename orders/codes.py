"""Order codes as people type them: `KD-0042`, `kd0042`, `KD 42` (and, for sellers, `#42` or `42`)."""

from __future__ import annotations

import re

from orders.placing import order_code


def _pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(prefix)}\s*-?\s*(\d{{1,6}})(?!\d)", re.IGNORECASE)


def find_code(text: str, prefix: str) -> str | None:
    """The first order code written anywhere in text, in its canonical form."""
    match = _pattern(prefix).search(text)
    return order_code(prefix, int(match.group(1))) if match else None


BARE = re.compile(r"^#?(\d{1,6})$")


def parse_code(token: str, prefix: str) -> str | None:
    """A code at the start of a seller's argument; a bare number is read as the order number."""
    if (match := BARE.match(token.strip())) and int(match.group(1)) > 0:
        return order_code(prefix, int(match.group(1)))
    match = _pattern(prefix).match(token.strip())
    return order_code(prefix, int(match.group(1))) if match else None
