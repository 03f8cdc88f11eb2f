"""The WhatsApp sender's pacing on a virtual clock: a second's worth of sends at once, then
they wait, per sender number (Twilio's MPS is per sender)."""

from __future__ import annotations

from bot.ratelimit import RateLimiter
from tests.unit.test_ratelimit import VirtualTime, sends

SHOP = "+6281188880000"


def whatsapp_limiter(t: VirtualTime, mps: int = 80) -> RateLimiter:
    # As bot.channels.twilio_out builds it.
    return RateLimiter(per_key_rate=mps, overall_rate=None, burst=mps, clock=t.clock, sleep=t.sleep)


def test_eighty_sends_pass_at_once_and_the_next_waits_for_the_window():
    t = VirtualTime()
    at = [when for _, when in sends(whatsapp_limiter(t), t, [SHOP] * 81)]
    assert at[79] == 0.0 and 1.0 <= at[80] <= 1.2  # never more than 80 in any second, a margin for jitter


def test_each_sender_number_has_its_own_allowance():
    t = VirtualTime()
    assert [when for _, when in sends(whatsapp_limiter(t, mps=1), t, [SHOP, "+6281188880001"])] == [0.0, 0.0]
