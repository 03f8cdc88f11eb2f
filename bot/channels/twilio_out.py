"""The WhatsApp Sender: outbox rows out through the twilio REST client (`messages.create_async`).

Inside the 24-hour window a reply goes as text (choices numbered), photo, or the shop's
quick-reply / list-picker template; outside it only as the shop's approved template, else it
is held (outbox status "held") until the person writes again. Sends are capped per sender
number (TWILIO_MPS) and retried with backoff on 429 / 20429 / 63018 and network errors.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from bot.channels.whatsapp_render import Create, render, render_outside_window
from bot.channels.whatsapp_window import WindowBook
from bot.delivery import RetryLater, Undeliverable
from bot.media_links import MediaLinks
from bot.messages import Outbound
from bot.phones import masked
from bot.ratelimit import RateLimiter
from storage.models import utcnow

log = logging.getLogger(__name__)

RATE_LIMITED = {20429, 63018}  # too many requests; WhatsApp's own per-number rate limit
HELD_CODE = "24h"
FIRST_BACKOFF = 0.5  # seconds; doubles per try. Twilio's 429 for messages carries no Retry-After.


def pace_for_sender(mps: float, **kw: Any) -> RateLimiter:
    """Twilio's cap is per sender number (this sender), nothing per recipient. Spaced evenly a
    little under it rather than a second's worth at once: a window of 80 let 90-124 arrive within
    one sliding second once the thread pool bunched them (docs/PERFORMANCE.md)."""
    return RateLimiter(per_key_rate=None, overall_rate=mps, **kw)


class WhatsAppSender:
    def __init__(self, client: Client, from_number: str, public_url: str, window: WindowBook, *,
                 mps: float = 80, tries: int = 3, clock: Callable[[], datetime] = utcnow,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep, links: MediaLinks | None = None):
        self.client = client
        self.links = links  # the shop's media as URLs Twilio fetches (a proof's signed link)
        self.from_number = from_number.removeprefix("whatsapp:")
        self.status_callback = public_url.rstrip("/") + "/webhooks/twilio/status"
        self.public_url = public_url
        self.window = window
        self.limiter = pace_for_sender(mps)  # real time: `sleep` is for the backoff between tries
        self.tries = tries
        self.clock = clock
        self.sleep = sleep
        self.held = 0  # since start; the outbox rows with status "held" are the lasting count

    async def send(self, out: Outbound) -> str | None:
        if out.attachment is not None and out.attachment.url:
            # A made document or picture (bot.attachments) goes as media Twilio fetches from our /media URL.
            out = replace(out, image_url=out.attachment.url)
        window = await self.window.lookup(out.recipient)
        if not window.open(self.clock()):
            window = await self.window.lookup(out.recipient, fresh=True)
        templates = window.profile.whatsapp_templates
        if self.links is not None:
            out = self.links.outbound(out, absolute=True)
        if window.open(self.clock()):
            creates = render(out, templates, self.public_url)
        else:
            template = render_outside_window(out, templates, window.shop_name)
            if template is None:
                await self.window.close(out.recipient)
                self.held += 1
                log.info("held a message to %s: outside the 24-hour window and no template (%d held)",
                         masked(out.recipient), self.held)
                raise Undeliverable(HELD_CODE, "outside WhatsApp's 24-hour window; held until they write",
                                    status="held")
            creates = [template]
        sid = None
        for create in creates:  # a long text or a photo plus choices is more than one message
            sid = await self._create(out.recipient, create)
        return sid

    async def _create(self, recipient: str, create: Create) -> str:
        kwargs: dict[str, Any] = {"to": f"whatsapp:{recipient}", "from_": f"whatsapp:{self.from_number}",
                                  "status_callback": self.status_callback, **create}
        for attempt in range(1, self.tries + 1):
            try:
                async with self.limiter.slot():
                    # On the loop (bot.channels.twilio_http.make_async_twilio_client), not in a thread.
                    message = await self.client.messages.create_async(**kwargs)
                return message.sid
            except TwilioRestException as exc:
                if not (exc.status == 429 or exc.code in RATE_LIMITED or exc.status >= 500):
                    raise Undeliverable(str(exc.code or exc.status), exc.msg or str(exc)) from exc
                wait, reason = FIRST_BACKOFF, f"twilio {exc.status}/{exc.code}"
            except TwilioException as exc:  # the network too (bot.channels.twilio_http)
                wait, reason = FIRST_BACKOFF, f"network: {exc!r}"
            if attempt == self.tries:
                raise RetryLater(wait * 2 ** attempt, reason)
            await self.sleep(wait * 2 ** (attempt - 1))
        raise AssertionError("unreachable")
