"""Button values as typed data: `Choice("a", str, number)` packs ("KRP-TMP", 2) into "a:KRP-TMP:2"
and unpacks it back, checking the prefix and converting each part.

The wire format ("prefix:part:part") is what already-sent buttons carry (Telegram keeps them
in old messages), so it stays short and stable; a flow names its choices once and never
builds or splits the strings by hand. The first part may itself contain ":" (a SKU from a
CSV): the value is split from the right. Number parts use `number`, never `int`: a button
value is input like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SEP = ":"
# The largest number a button value may carry: ids and page numbers are 32-bit integer columns.
MAX_BUTTON_NUMBER = 2**31 - 1


def number(text: str) -> int:
    """A number part of a button value. ValueError unless it is plain ASCII digits that fit the
    columns it is compared with: a forged "c:99999999999999999999:0" is an old button, not an
    overflow in the database. (A SKU part stays `str`: it may well be a 13-digit barcode.)"""
    if not (text.isascii() and text.isdigit() and len(text) <= 10) or int(text) > MAX_BUTTON_NUMBER:
        raise ValueError(f"not a button number: {text[:20]!r}")
    return int(text)


class Choice:
    def __init__(self, prefix: str, *parts: Callable[[str], Any], defaults: tuple[Any, ...] = ()):
        """parts: one converter per part (str, number); defaults: values for trailing parts a value may omit."""
        if len(defaults) > len(parts):
            raise ValueError("more defaults than parts")
        self.prefix, self.parts, self.defaults = prefix, parts, defaults
        # Every message with a button press is read against several choices: keep that cheap.
        self._head = prefix + SEP
        self._count = len(parts)

    def __repr__(self) -> str:
        return f"Choice({self.prefix!r}, {self._count} parts)"

    def pack(self, *values: Any) -> str:
        if len(values) != self._count:
            raise ValueError(f"{self!r} takes {self._count} values, got {len(values)}")
        if not values:
            return self.prefix
        return self._head + SEP.join(map(str, values))

    def matches(self, value: str | None) -> bool:
        return self.unpack(value) is not None

    def unpack(self, value: str | None) -> tuple[Any, ...] | None:
        """The converted parts of a value of this choice, else None (another prefix, a missing
        part, a part that does not convert)."""
        if not value:
            return None
        if not self._count:
            return () if value == self.prefix else None
        if not value.startswith(self._head):
            return None
        rest = value[len(self._head):]
        try:
            if self._count == 1:
                return (self.parts[0](rest),)
            raw = rest.rsplit(SEP, self._count - 1)
            missing = self._count - len(raw)
            if missing > len(self.defaults):
                return None
            parsed = tuple(convert(part) for convert, part in zip(self.parts, raw))
        except ValueError:
            return None
        return parsed + self.defaults[len(self.defaults) - missing:] if missing else parsed

    def one(self, value: str | None) -> Any:
        """The single part of a one-part choice, else None."""
        parts = self.unpack(value)
        return parts[0] if parts else None
