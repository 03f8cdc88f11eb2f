"""The channels of every shop an install serves, read from `shop_channels` when the server starts:
each linked Telegram bot (webhook /webhooks/telegram/<bot id> with its own secret, or polling)
and WhatsApp number, next to the install's own TELEGRAM_BOT_TOKEN bot and TWILIO_WHATSAPP_NUMBER,
which serve the default shop. A link made while the server runs is served after a restart."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from fastapi import APIRouter

from bot.app import Hook
from bot.bootstrap import Kedai
from bot.channels.shop_senders import DefaultShop, ShopSenders
from bot.channels.whatsapp import WhatsApp
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


def assemble(kedai: Kedai) -> Channels:
    settings, found = kedai.settings, Channels()
    with unit_of_work(kedai.sessions) as s:
        shops = [(shop.id, shop.slug, shop_loader.of(shop).name, shop.archived_at is not None)
                 for shop in shops_db.fetch_shops(s)]
        links = [(link.shop_id, link.channel, link.account, link.token, link.secret) for link in shops_db.fetch_links(s)]
        default = shops_db.fetch_first_shop(s)
        default_id = default.id if default is not None else None
    on: dict[int, list[str]] = {shop_id: [] for shop_id, *_ in shops}
    telegram_links = [(shop_id, account, token, secret) for shop_id, channel, account, token, secret in links
                      if channel == "telegram" and token]
    if settings.telegram_bot_token or telegram_links:
        from bot.channels import telegram_webhook
        from bot.channels.telegram import WEBHOOK_PATH, TelegramChannel

        by_shop, install = {}, None
        for shop_id, account, token, secret in telegram_links:
            bot = TelegramChannel(settings, token=token, secret=secret, path=f"{WEBHOOK_PATH}/{account}")
            by_shop[shop_id] = bot.sender
            _serve(found, bot, telegram_webhook.router(bot))
            on.setdefault(shop_id, []).append(t.BANNER_TELEGRAM.format(account=account, mode=settings.telegram_mode))
        env_account = (settings.telegram_bot_token or "").split(":")[0]
        if settings.telegram_bot_token and env_account not in {a for _, a, _, _ in telegram_links}:
            bot = TelegramChannel(settings)
            install = bot.sender
            _serve(found, bot, telegram_webhook.router(bot))
            if default_id is not None:
                on[default_id].append(t.BANNER_TELEGRAM.format(account=bot.account, mode=settings.telegram_mode))
        kedai.senders["telegram"] = ShopSenders("telegram", by_shop, install, DefaultShop(kedai.sessions, kedai.db))
    whatsapp_links = [(shop_id, account) for shop_id, channel, account, _, _ in links if channel == "whatsapp"]
    whatsapp = WhatsApp.assemble(settings, kedai, whatsapp_links)
    if whatsapp is not None:
        kedai.senders[whatsapp.channel] = whatsapp.sender
        found.on_stop.append(whatsapp.close)
        found.routers.append(whatsapp.router())
        if whatsapp.install_number:
            kedai.engine.shops.default_accounts.add(("whatsapp", whatsapp.install_number))
        for shop_id, account in whatsapp_links:
            on.setdefault(shop_id, []).append(t.BANNER_WHATSAPP.format(number=account))
        if whatsapp.install_number not in {a for _, a in whatsapp_links} and whatsapp.install_number and default_id:
            on[default_id].append(t.BANNER_WHATSAPP.format(number=whatsapp.install_number))
    elif whatsapp_links:
        log.warning("WhatsApp numbers are linked but TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN are not set: WhatsApp is off")
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
