"""WhatsApp's 24-hour rule, defined once: a business may write freely to a person only within
24 hours of that person's last message to it; after that only an approved template may go.

Broadcast verdicts (marketing.broadcasts) and the WhatsApp sender (bot.channels.whatsapp_window)
both ask this module; no other place knows the length of the window.
"""

from __future__ import annotations

from datetime import datetime, timedelta

CHANNEL = "whatsapp"  # the one channel with the rule
LENGTH = timedelta(hours=24)


def applies(channel: str) -> bool:
    return channel == CHANNEL


def is_open(last_inbound_at: datetime | None, now: datetime) -> bool:
    """True while the person's last message is less than 24 hours old."""
    return last_inbound_at is not None and now - last_inbound_at < LENGTH
