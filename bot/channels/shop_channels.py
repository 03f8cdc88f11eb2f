"""The channels of every shop an install serves, read from `shop_channels` when the server starts:
each linked Telegram bot (webhook /webhooks/telegram/<bot id> with its own secret, or polling)
and WhatsApp number, next to the install's own TELEGRAM_BOT_TOKEN bot and TWILIO_WHATSAPP_NUMBER,
which serve the default shop. A link made, moved or removed while the server runs is served (or
let go) within KEDAI_CHANNELS_POLL_SECONDS by bot.channels.live_links."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from fastapi import APIRouter

from bot.app import Hook
from bot.bootstrap import Kedai
from bot.channels import live_links
from shops import loader as shop_loader
from storage import shops as shops_db
from storage.db import unit_of_work

log = logging.getLogger(__name__)


class t:
    """What `kedai serve` prints once it listens, for whoever installs Kedai: English, like the
    rest of the command line."""

    BANNER_SHOP = "  shop {slug} ({name}){default}: {channels}"
    BANNER_DEFAULT = ", the default shop"
    BANNER_TELEGRAM = "Telegram bot {account} ({mode})"
    BANNER_WHATSAPP = "WhatsApp {number}"
    BANNER_SIMULATOR = "simulator {url}"
    BANNER_NO_CHANNEL = "no channel linked yet (kedai shop link)"


@dataclass
class Channels:
    routers: list[APIRouter] = field(default_factory=list)
    on_start: list[Hook] = field(default_factory=list)
    on_stop: list[Hook] = field(default_factory=list)
    # What `kedai serve` prints once it listens: one line per shop with its channels.
    banner: list[str] = field(default_factory=list)
    live: live_links.LiveLinks | None = None  # the shops' own bots and numbers, kept in step with shop_channels


def assemble(kedai: Kedai) -> Channels:
    settings, found = kedai.settings, Channels()
    seen = live_links.read(kedai)
    with unit_of_work(kedai.sessions) as s:
        shops = [(shop.id, shop.slug, shop_loader.of(shop).name, shop.archived_at is not None)
                 for shop in shops_db.fetch_shops(s)]
        default = shops_db.fetch_first_shop(s)
        default_id = default.id if default is not None else None
    on: dict[int, list[str]] = {shop_id: [] for shop_id, *_ in shops}
    telegram = live_links.telegram_senders(kedai)
    install: set[tuple[str, str]] = set()
    linked_bots = {link.account for link in seen.links if link.channel == "telegram" and link.token}
    for link in seen.links:
        if link.channel == "telegram" and link.token:
            on.setdefault(link.shop_id, []).append(t.BANNER_TELEGRAM.format(account=link.account,
                                                                              mode=settings.telegram_mode))
    env_account = (settings.telegram_bot_token or "").split(":")[0]
    if settings.telegram_bot_token:
        install.add(("telegram", env_account))
    if settings.telegram_bot_token and env_account not in linked_bots:
        from bot.channels import telegram_webhook
        from bot.channels.telegram import TelegramChannel

        bot = TelegramChannel(settings)
        telegram.install = bot.sender
        _serve(found, bot, telegram_webhook.router(bot))
        if default_id is not None:
            on[default_id].append(t.BANNER_TELEGRAM.format(account=bot.account, mode=settings.telegram_mode))
    whatsapp_links = [(link.shop_id, link.account) for link in seen.links if link.channel == "whatsapp"]
    whatsapp = None
    if settings.twilio_account_sid and settings.twilio_auth_token:
        # Imported only here: the twilio SDK and the requests it imports are ~6 MB a Telegram-only
        # server does not need, and a number linked later is served only with these credentials.
        from bot.channels.whatsapp import WhatsApp

        whatsapp = WhatsApp.assemble(settings, kedai, whatsapp_links)
    if whatsapp is not None:
        found.on_stop.append(whatsapp.close)
        found.routers.append(whatsapp.router())
        if whatsapp.install_number:
            install.add(("whatsapp", whatsapp.install_number))
            kedai.engine.shops.default_accounts.add(("whatsapp", whatsapp.install_number))
        for shop_id, account in whatsapp_links:
            on.setdefault(shop_id, []).append(t.BANNER_WHATSAPP.format(number=account))
        if whatsapp.install_number not in {a for _, a in whatsapp_links} and whatsapp.install_number and default_id:
            on[default_id].append(t.BANNER_WHATSAPP.format(number=whatsapp.install_number))
    elif whatsapp_links:
        log.warning("WhatsApp numbers are linked but TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN are not set: WhatsApp is off")
    # Every shop's own bots and numbers, served as linked now and kept in step while the server runs.
    live = live_links.LiveLinks(kedai, seen, telegram=telegram, whatsapp=whatsapp, install=install)
    found.routers.append(live.router())
    found.on_start.append(live.start)
    found.on_stop.insert(0, live.stop)  # its bots wait for the replies committed before WhatsApp's client closes
    found.live = live
    base = f"http://{settings.host}:{settings.port}"
    for shop_id, slug, name, archived in shops:
        if archived:
            continue
        channels = list(on.get(shop_id, []))
        if settings.simulator_enabled():
            channels.append(t.BANNER_SIMULATOR.format(url=f"{base}/?shop={slug}"))
        found.banner.append(t.BANNER_SHOP.format(slug=slug, name=name, default=t.BANNER_DEFAULT if shop_id == default_id
                                                 else "", channels="; ".join(channels) or t.BANNER_NO_CHANNEL))
    return found


def _serve(found: Channels, bot, router: APIRouter) -> None:  # type: ignore[no-untyped-def]
    found.on_start.append(bot.start)
    found.on_stop.append(bot.stop)
    found.routers.append(router)
