"""The WhatsApp sender's pacing on a virtual clock: evenly spaced just under the sender number's
MPS (Twilio's cap is per sender), never a second's worth at once."""

from __future__ import annotations

from bot.channels.twilio_out import pace_for_sender
from tests.unit.test_ratelimit import VirtualTime, sends

SHOP = "+6281188880000"


def test_sends_are_spaced_evenly_and_no_second_holds_more_than_the_cap():
    t = VirtualTime()
    limiter = pace_for_sender(80, clock=t.clock, sleep=t.sleep)
    at = [when for _, when in sends(limiter, t, [SHOP] * 200)]
    assert max(sum(1 for x in at if start <= x < start + 1) for start in at) <= 80
    gaps = [b - a for a, b in zip(at, at[1:])]
    assert min(gaps) >= 1 / 79 - 1e-9 and at[-1] <= 200 / 79 + 0.1  # 79 a second, all the way


def test_each_sender_number_has_its_own_allowance():
    t = VirtualTime()
    one, other = pace_for_sender(1, clock=t.clock, sleep=t.sleep), pace_for_sender(1, clock=t.clock, sleep=t.sleep)
    assert [when for _, when in sends(one, t, [SHOP])] + [when for _, when in sends(other, t, [SHOP])] == [0.0, 0.0]
