"""The WhatsApp channel assembled: on when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set; it
serves TWILIO_WHATSAPP_NUMBER (the default shop's) and every number linked to a shop (`kedai shop
link SLUG --whatsapp-number`), all of that one Twilio account. Each number has its own sender
(Twilio's rate cap is per sender) and its own 24-hour book; one webhook takes them all, and the
`To` of a post names the shop (bot.engine.ShopDirectory). A number linked or unlinked while the
server runs is added or removed by bot.channels.live_links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fastapi import APIRouter

from bot.bootstrap import Kedai
from bot.channels import twilio_webhook
from bot.channels.shop_senders import DefaultShop, ShopSenders
from bot.channels.twilio_http import AsyncBaseUrlTwilioHttpClient, make_async_twilio_client
from bot.channels.twilio_inbound import CHANNEL, TwilioMedia
from bot.channels.twilio_out import WhatsAppSender
from bot.channels.whatsapp_window import WindowBook
from bot.media_links import links_for
from bot.phones import normalize_phone
from config import Settings


@dataclass
class WhatsApp:
    sender: ShopSenders
    media: TwilioMedia
    gate: twilio_webhook.Gate
    windows: dict[str, WindowBook] = field(default_factory=dict)  # by our number (E.164)
    install_number: str | None = None
    http: AsyncBaseUrlTwilioHttpClient | None = None  # the senders' connections, closed with the app
    # Makes a number's sender and 24-hour book: at start, and for a number linked while serving.
    make: Callable[[str, int | None], tuple[WhatsAppSender, WindowBook]] | None = None
    spare: WindowBook | None = None  # the book of a number we do not serve, while none is linked

    channel = CHANNEL

    @classmethod
    def assemble(cls, settings: Settings, kedai: Kedai, links: Sequence[tuple[int, str]] = ()) -> WhatsApp | None:
        """links: (shop id, number) of the numbers linked to shops. With Twilio's credentials the
        channel is on even with no number yet: one linked later is served without a restart."""
        sid, token = settings.twilio_account_sid, settings.twilio_auth_token
        install = normalize_phone(settings.twilio_whatsapp_number) if settings.twilio_whatsapp_number else None
        if not (sid and token):
            return None
        client = make_async_twilio_client(sid, token, settings.twilio_api_base_url)

        def number(at: str, shop_id: int | None) -> tuple[WhatsAppSender, WindowBook]:
            window = WindowBook(shop_id=shop_id)
            window.bind(kedai.sessions, kedai.db)
            return WhatsAppSender(client, at, settings.public_url, window, mps=settings.twilio_mps,
                                  links=links_for(settings)), window

        windows: dict[str, WindowBook] = {}
        by_shop = {}
        for shop_id, at in links:
            if at == install:
                continue  # the install's number, linked explicitly: served below, for its shop
            by_shop[shop_id], windows[at] = number(at, shop_id)
        linked_install = next((shop_id for shop_id, at in links if at == install), None)
        install_sender = None
        if install:
            install_sender, windows[install] = number(install, linked_install)
            if linked_install is not None:
                by_shop[linked_install], install_sender = install_sender, None
        sender = ShopSenders(CHANNEL, by_shop, install_sender, DefaultShop(kedai.sessions, kedai.db))
        media = TwilioMedia(sid, token, settings.data_dir, settings.twilio_api_base_url)
        spare = WindowBook()
        spare.bind(kedai.sessions, kedai.db)
        return cls(sender, media, twilio_webhook.Gate(token, settings.public_url), windows, install, client.http_client,
                   number, spare)

    @property
    def serving(self) -> bool:
        """Whether any number is served: only then are WhatsApp's outbox rows taken for sending."""
        return bool(self.sender.by_shop) or self.sender.install is not None

    def add_number(self, shop_id: int, at: str) -> None:
        """A number linked while serving: its shop's messages leave from it from now on."""
        assert self.make is not None
        self.sender.by_shop[shop_id], self.windows[at] = self.make(at, shop_id)

    def remove_number(self, shop_id: int, at: str) -> None:
        """A number unlinked (or moved to another shop) while serving: nothing more leaves from it for this shop."""
        current = self.sender.by_shop.get(shop_id)
        if isinstance(current, WhatsAppSender) and current.from_number == at:
            del self.sender.by_shop[shop_id]
        self.windows.pop(at, None)

    def window(self, number: str | None) -> WindowBook:
        """The 24-hour book of one of our numbers (the install's for one we do not serve)."""
        found = self.windows.get(number or "") or self.windows.get(self.install_number or "")
        return found or next(iter(self.windows.values()), None) or self.spare or WindowBook()

    def router(self) -> APIRouter:
        return twilio_webhook.router(self.gate, self.media, self.window)

    async def close(self, _: Kedai) -> None:
        await self.media.aclose()
        if self.http is not None:
            await self.http.aclose()
