"""`kedai shop new|list|link|unlink|owner-code|delete|show|load`: the shops an install hosts, the
channels each is reached on, and the shop file out and back in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.common import JsonOpt, ShopOpt, find_shop, prepared, session

shop_app = typer.Typer(help="Shops: create, list, link channels, delete; the shop profile.", no_args_is_help=True)
Slug = Annotated[str, typer.Argument(help="The shop's slug (see `kedai shop list`).")]


def _owner_code_lines(slug: str, code: str, expires, settings) -> list[str]:  # type: ignore[no-untyped-def]
    from shops import owner_code

    return [f"owner code: {owner_code.shown(code)}  (valid until {expires:%Y-%m-%d %H:%M} UTC, once)",
            "The shop's owner sends this code to the shop's bot from their own phone; the bot then sets",
            f"the shop up with them by chat. To try it here: http://{settings.host}:{settings.port}/?shop={slug}"]


@shop_app.command("new")
def shop_new(
    name: Annotated[str, typer.Option("--name", help="The shop's name, as customers see it.")],
    slug: Annotated[Optional[str], typer.Option("--slug", help="Short id (a-z, 0-9, -); made from the name if left out.")] = None,
) -> None:
    """Create a shop and print its one-time owner code (24 hours)."""
    from shops.admin import ShopError, create_shop
    from storage.models import utcnow

    settings = prepared()
    try:
        with session(settings) as s:
            made = create_shop(s, name, slug, utcnow())
            s.commit()
            slug_, prefix = made.shop.slug, made.shop.profile["order_prefix"]
    except ShopError as exc:
        typer.echo(f"shop not created: {exc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"shop {slug_} created (order codes {prefix}-0001, ...)")
    typer.echo("\n".join(_owner_code_lines(slug_, made.code, made.expires_at, settings)))


@shop_app.command("owner-code")
def shop_owner_code(slug: Slug) -> None:
    """A fresh one-time owner code for the shop (the earlier one stops working); whoever sends it
    becomes the owner, and any owner before them becomes staff."""
    from shops.admin import new_owner_code
    from storage.models import utcnow

    settings = prepared()
    with session(settings) as s:
        shop = find_shop(s, slug)
        if shop.archived_at is not None:
            typer.echo(f"shop {slug} is archived", err=True)
            raise typer.Exit(1)
        code, expires = new_owner_code(s, shop.id, utcnow())
        s.commit()
    typer.echo("\n".join(_owner_code_lines(slug, code, expires, settings)))


@shop_app.command("list")
def shop_list(as_json: JsonOpt = False) -> None:
    """Every shop with its channels, products, open orders and this month's sales."""
    from cli.shop_summary import summaries

    settings = prepared()
    with session(settings) as s:
        rows = summaries(s)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("no shop yet: create one with `kedai shop new --name NAME`")
    for r in rows:
        state = " [archived]" if r["archived"] else " [default]" if r["default"] else ""
        channels = ", ".join(f"{c['channel']} {c['account']}" for c in r["channels"]) or "no channel linked"
        typer.echo(f"{r['slug']}{state}: {r['name']}\n  channels: {channels}\n"
                   f"  products: {r['products']} ({r['visible_products']} shown)   open orders: {r['open_orders']}"
                   f"   sales this month: {r['sales_this_month_text']}")


@shop_app.command("link")
def shop_link(
    slug: Slug,
    telegram_token: Annotated[Optional[str], typer.Option("--telegram-token", help="The bot's token from BotFather.")] = None,
    whatsapp_number: Annotated[Optional[str], typer.Option("--whatsapp-number", help="A WhatsApp number of the install's Twilio account, +62…")] = None,
) -> None:
    """Link a Telegram bot or a WhatsApp number to the shop (a running `kedai serve` picks it up within seconds)."""
    from bot.phones import normalize_phone
    from shops.admin import ShopError, link_telegram, link_whatsapp

    if not telegram_token and not whatsapp_number:
        raise typer.BadParameter("give --telegram-token TOKEN or --whatsapp-number +62…")
    settings = prepared()
    lines, own = [], []
    try:
        with session(settings) as s:
            shop = find_shop(s, slug)
            if telegram_token:
                bot_id = link_telegram(s, shop, telegram_token)
                if settings.telegram_bot_token and settings.telegram_bot_token.split(":")[0] == bot_id:
                    own.append("TELEGRAM_BOT_TOKEN")
                lines.append(f"Telegram bot {bot_id} linked to {slug}" + (
                    f"; its webhook: {settings.public_url.rstrip('/')}/webhooks/telegram/{bot_id}"
                    if settings.telegram_mode == "webhook" else " (polling)"))
            if whatsapp_number:
                number = normalize_phone(whatsapp_number)
                if not number:
                    raise ShopError(f"{whatsapp_number!r} is not a phone number: write it like +6281234567890")
                link_whatsapp(s, shop, number)
                if settings.twilio_whatsapp_number and normalize_phone(settings.twilio_whatsapp_number) == number:
                    own.append("TWILIO_WHATSAPP_NUMBER")
                lines.append(f"WhatsApp {number} linked to {slug}; point its Twilio webhook at "
                             f"{settings.public_url.rstrip('/')}/webhooks/twilio")
            s.commit()
    except ShopError as exc:
        typer.echo(f"not linked: {exc}", err=True)
        raise typer.Exit(1)
    linked = len(lines)
    if own:  # served as the default shop's since start: the running server changes it only when restarted
        lines.append(f"That is the install's own {' and '.join(own)}: restart `kedai serve` to serve it for {slug}.")
    typer.echo("\n".join([*lines, *([_picked_up(settings)] if len(own) < linked else [])]))


def _picked_up(settings) -> str:  # type: ignore[no-untyped-def]
    return (f"A running `kedai serve` picks this up within {settings.channels_poll_seconds:g} seconds "
            "(KEDAI_CHANNELS_POLL_SECONDS); no restart needed.")


@shop_app.command("unlink")
def shop_unlink(
    slug: Slug,
    telegram: Annotated[bool, typer.Option("--telegram", help="Unlink the shop's Telegram bot.")] = False,
    whatsapp: Annotated[bool, typer.Option("--whatsapp", help="Unlink the shop's WhatsApp number.")] = False,
) -> None:
    """Unlink the shop's Telegram bot and/or WhatsApp number (a running `kedai serve` stops serving it within seconds)."""
    from shops.admin import unlink

    if not telegram and not whatsapp:
        raise typer.BadParameter("give --telegram and/or --whatsapp")
    from bot.phones import normalize_phone

    settings = prepared()
    lines, gone = [], []
    install = {(settings.telegram_bot_token or "").split(":")[0], normalize_phone(settings.twilio_whatsapp_number or "")}
    with session(settings) as s:
        shop = find_shop(s, slug)
        for channel, asked in (("telegram", telegram), ("whatsapp", whatsapp)):
            if asked:
                accounts = unlink(s, shop, channel)
                gone += accounts
                lines.append(f"{channel}: {', '.join(accounts)} unlinked from {slug}" if accounts
                             else f"{channel}: {slug} had nothing linked")
        s.commit()
    if own := [a for a in gone if a and a in install]:
        lines.append(f"{', '.join(own)} is the install's own (TELEGRAM_BOT_TOKEN / TWILIO_WHATSAPP_NUMBER): "
                     "restart `kedai serve` for the unlink to take effect.")
    typer.echo("\n".join([*lines, *([_picked_up(settings)] if len(own) < len(gone) else [])]))


@shop_app.command("delete")
def shop_delete(
    slug: Slug,
    archive: Annotated[bool, typer.Option("--archive", help="Close a shop that has orders: channels unlinked, "
                                                            "customers told, data kept.")] = False,
) -> None:
    """Delete a shop with no orders and everything that belongs to it (the demo, say)."""
    from effects.shop_closing import archive as close
    from shops.admin import ShopError, delete_shop
    from storage.models import utcnow

    settings = prepared()
    try:
        with session(settings) as s:
            shop = find_shop(s, slug)
            if archive:
                if shop.archived_at is not None:
                    raise ShopError(f"shop {slug} is archived already")
                told, unlinked = close(s, shop, utcnow())
                s.commit()
                typer.echo(f"shop {slug} archived: {unlinked} channel(s) unlinked, {told} customer(s) told it is "
                           "closed; its orders and books are kept")
                return
            removed = delete_shop(s, shop)
            s.commit()
    except ShopError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1)
    detail = ", ".join(f"{n} {table}" for table, n in sorted(removed.items())) or "nothing else"
    typer.echo(f"shop {slug} deleted with {detail}")


@shop_app.command("show")
def shop_show(shop: ShopOpt = None) -> None:
    """Print the shop file (JSON) to edit and load back."""
    from shops.setup import shop_file

    settings = prepared()
    with session(settings) as s:
        typer.echo(json.dumps(shop_file(find_shop(s, shop)), ensure_ascii=False, indent=2))


@shop_app.command("load")
def shop_load(file: Path) -> None:
    """Create or update a shop from a shop file (see `kedai shop show`)."""
    from pydantic import ValidationError

    from shops.setup import apply_shop_file

    settings = prepared()
    try:
        with session(settings) as s:
            shop = apply_shop_file(s, json.loads(file.read_text(encoding="utf-8")))
            s.commit()
    except (ValidationError, KeyError, json.JSONDecodeError, OSError, UnicodeDecodeError) as exc:
        typer.echo(f"{file}: not loaded\n{exc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"shop {shop.slug} saved")
