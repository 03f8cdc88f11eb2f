"""The `kedai` command line: serve, chat, catalog, sellers, orders, shop, database."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from pathlib import Path
from typing import Annotated, Optional

import typer

from cli.broadcast import broadcast_app
from cli.promo import promo_app
from cli.report import report_app
from config import Settings

app = typer.Typer(help="Kedai: chat commerce for Indonesian UMKM.", no_args_is_help=True, add_completion=False)
catalog_app = typer.Typer(help="Bulk catalog in and out.", no_args_is_help=True)
seller_app = typer.Typer(help="Seller identities of a shop.", no_args_is_help=True)
orders_app = typer.Typer(help="Orders.", no_args_is_help=True)
shop_app = typer.Typer(help="The shop profile (name, address, hours, payment, delivery zones).", no_args_is_help=True)
db_app = typer.Typer(help="Database.", no_args_is_help=True)
for sub, name in ((catalog_app, "catalog"), (seller_app, "seller"), (orders_app, "orders"), (shop_app, "shop"), (db_app, "db")):
    app.add_typer(sub, name=name)
app.add_typer(promo_app, name="promo")
app.add_typer(broadcast_app, name="broadcast")
app.add_typer(report_app, name="report")

ShopOpt = Annotated[Optional[str], typer.Option("--shop", help="Shop slug when the deployment hosts several.")]


def _prepared() -> Settings:
    """Migrated database with the demo shop on first run: every command can be the first one."""
    from catalog.setup import load_demo_if_empty
    from storage.db import make_engine, session_factory, unit_of_work
    from storage.migrate import upgrade

    settings = Settings()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    with unit_of_work(session_factory(engine)) as s:
        if load_demo_if_empty(s):
            s.commit()
    engine.dispose()
    return settings


def _session(settings: Settings):  # type: ignore[no-untyped-def]
    from storage.db import make_engine, session_factory, unit_of_work

    return unit_of_work(session_factory(make_engine(settings.database_url)))


def _shop(session, slug: str | None):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from storage.models import Shop

    shops = session.execute(select(Shop).order_by(Shop.id)).scalars().all()
    if slug:
        found = [s for s in shops if s.slug == slug]
        if not found:
            raise typer.BadParameter(f"no shop {slug!r}; known: {', '.join(s.slug for s in shops)}")
        return found[0]
    if len(shops) != 1:
        raise typer.BadParameter(f"{len(shops)} shops here; pick one with --shop ({', '.join(s.slug for s in shops)})")
    return shops[0]


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply migrations (and load the demo shop into an empty database)."""
    _prepared()
    typer.echo("database is up to date")


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option(help="Bind address (KEDAI_HOST).")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port (KEDAI_PORT).")] = None,
    no_scheduler: Annotated[bool, typer.Option("--no-scheduler", help="Leave scheduled jobs to another process.")] = False,
) -> None:
    """Web server: webhooks, simulator, health; scheduler in-process unless --no-scheduler."""
    import uvicorn

    from bot.serve import build_app

    settings = _prepared()
    if host:
        settings.host = host
    if port:
        settings.port = port
    uvicorn.run(build_app(settings, scheduler=not no_scheduler), host=settings.host, port=settings.port,
                log_level="warning", access_log=False)


@app.command()
def chat(
    as_: Annotated[str, typer.Option("--as", help="customer or seller")] = "customer",
    user: Annotated[Optional[str], typer.Option(help="Simulator user id.")] = None,
) -> None:
    """Chat with the bot in the terminal through the simulator channel. Type a number to press a button."""
    from bot.bootstrap import build
    from bot.messages import Inbound

    settings = _prepared()
    kedai = build(settings)
    user = user or ("penjual" if as_ == "seller" else "terminal")
    buttons: list = []
    typer.echo("Kedai chat — ketik pesan (Ctrl-D untuk keluar). Ketik nomor untuk menekan tombol.\n")
    try:
        while True:
            try:
                line = input("> ").strip()
            except EOFError:
                break
            choice = None
            if line.isdigit() and buttons and 1 <= int(line) <= len(buttons):
                choice = buttons[int(line) - 1].value
            handled = kedai.engine.handle(Inbound("simulator", user, uuid.uuid4().hex, text=line, choice=choice))
            buttons = []
            for reply in handled.replies:
                typer.echo(("\n[gambar] " + reply.image_url + "\n" if reply.image_url else "") + reply.text)
                for b in reply.buttons:
                    buttons.append(b)
                    typer.echo(f"  {len(buttons)}. {b.label}")
                typer.echo("")
    finally:
        kedai.close()


@catalog_app.command("import")
def catalog_import(file: Path, shop: ShopOpt = None) -> None:
    """Import FILE.csv (sku,name,category,price,stock,description,image_url); all or nothing."""
    from catalog.importer import ImportError_, import_rows, parse_csv

    settings = _prepared()
    try:
        rows = parse_csv(file.read_text(encoding="utf-8"))
    except ImportError_ as exc:
        typer.echo(f"{file}: nothing imported\n" + "\n".join(exc.errors), err=True)
        raise typer.Exit(1)
    with _session(settings) as s:
        created, updated = import_rows(s, _shop(s, shop).id, rows)
        s.commit()
    typer.echo(f"imported {len(rows)} products ({created} new, {updated} updated)")


@catalog_app.command("export")
def catalog_export(shop: ShopOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print the catalog as CSV (or JSON)."""
    import csv
    import io

    from catalog.importer import export_csv

    settings = _prepared()
    with _session(settings) as s:
        text = export_csv(s, _shop(s, shop).id)
    if as_json:
        rows = list(csv.DictReader(io.StringIO(text)))
        for r in rows:
            r["price"], r["stock"] = int(r["price"]), int(r["stock"])
            r["image_url"] = r["image_url"] or None
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.write(text)


@seller_app.command("add")
def seller_add(
    channel: Annotated[str, typer.Option(help="telegram, whatsapp or simulator")],
    id: Annotated[str, typer.Option("--id", help="Chat id, phone number or simulator user.")],
    name: Annotated[Optional[str], typer.Option()] = None,
    role: Annotated[str, typer.Option(help="owner or staff")] = "owner",
    shop: ShopOpt = None,
) -> None:
    """Register a seller identity for the shop."""
    from catalog.setup import add_seller

    if channel not in {"telegram", "whatsapp", "simulator"}:
        raise typer.BadParameter("channel must be telegram, whatsapp or simulator")
    if channel == "whatsapp":  # WhatsApp messages come from E.164 numbers: 0812… must match +62812…
        from bot.phones import normalize_phone

        id = normalize_phone(id) or ""
        if not id:
            raise typer.BadParameter("--id must be a phone number for whatsapp")
    settings = _prepared()
    with _session(settings) as s:
        seller = add_seller(s, _shop(s, shop).id, channel, id, name, role)
        s.commit()
        typer.echo(f"seller {seller.id}: {channel} {id} ({role})")


@orders_app.command("list")
def orders_list(
    status: Annotated[Optional[str], typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    shop: ShopOpt = None,
) -> None:
    """Orders, newest first."""
    from catalog.money import rupiah
    from orders.views import list_orders

    settings = _prepared()
    with _session(settings) as s:
        orders = list_orders(s, _shop(s, shop).id, status)
    if as_json:
        typer.echo(json.dumps(orders, ensure_ascii=False, indent=2))
        return
    for o in orders:
        items = ", ".join(f"{i['qty']}× {i['name']}" for i in o["items"])
        typer.echo(f"{o['code']}  {o['status']:<16} {rupiah(o['total']):>12}  {o['customer']['name']}  {items}")


def _order_action(code: str, action: str, shop: str | None, **details: str | None) -> None:
    """Runs a seller action on an order as the CLI, telling the customer through the outbox."""
    from zoneinfo import ZoneInfo

    from catalog.shop import ShopProfile
    from handlers.notify import write_notices
    from handlers.order_actions import Request, perform
    from orders.codes import parse_code
    from orders.lifecycle import Action
    from storage.models import utcnow

    settings = _prepared()
    with _session(settings) as s:
        row = _shop(s, shop)
        profile = ShopProfile.model_validate({"name": row.name, **row.profile})
        now = utcnow()
        canonical = parse_code(code, profile.order_prefix) or code
        result = perform(s, row.id, profile, ZoneInfo(profile.timezone),
                         Request(canonical, Action(action), "cli", "Admin (CLI)", **details), now)
        write_notices(s, row.id, result.notices, now)
        s.commit()
    typer.echo(result.reply.text)
    if not result.ok:
        raise typer.Exit(1)


CodeArg = Annotated[str, typer.Argument(help="Order code, e.g. KD-0042 (or just 42).")]


@orders_app.command("confirm")
def orders_confirm(code: CodeArg, shop: ShopOpt = None) -> None:
    """Mark an order paid (the money arrived); the customer gets a receipt."""
    _order_action(code, "confirm", shop)


@orders_app.command("reject")
def orders_reject(code: CodeArg, reason: Annotated[str, typer.Option(help="Told to the customer.")], shop: ShopOpt = None) -> None:
    """Reject the payment proof under review, with a reason."""
    _order_action(code, "reject_proof", shop, reason=reason)


@orders_app.command("process")
def orders_process(code: CodeArg, shop: ShopOpt = None) -> None:
    """Start preparing a paid (or cash-on-delivery) order."""
    _order_action(code, "process", shop)


@orders_app.command("ship")
def orders_ship(code: CodeArg, courier: Annotated[Optional[str], typer.Option()] = None,
                tracking: Annotated[Optional[str], typer.Option()] = None, shop: ShopOpt = None) -> None:
    """Mark an order shipped, with the courier and tracking number if known."""
    _order_action(code, "ship", shop, courier=courier, tracking_no=tracking)


@orders_app.command("complete")
def orders_complete(code: CodeArg, shop: ShopOpt = None) -> None:
    """Mark an order completed (for cash on delivery: the cash was collected)."""
    _order_action(code, "complete", shop)


@orders_app.command("cancel")
def orders_cancel(code: CodeArg, reason: Annotated[Optional[str], typer.Option()] = None, shop: ShopOpt = None) -> None:
    """Cancel an order before it ships; its stock goes back."""
    _order_action(code, "cancel_by_seller", shop, reason=reason)


@orders_app.command("expire")
def orders_expire() -> None:
    """Expire overdue unpaid orders now (what the scheduler does every few seconds)."""
    from scheduler.jobs_payments import expire_overdue
    from storage.db import make_engine, session_factory
    from storage.models import utcnow

    settings = _prepared()
    engine = make_engine(settings.database_url)
    count = expire_overdue(session_factory(engine), utcnow)
    engine.dispose()
    typer.echo(f"expired {count} orders")


@shop_app.command("show")
def shop_show(shop: ShopOpt = None) -> None:
    """Print the shop file (JSON) to edit and load back."""
    from catalog.setup import shop_file

    settings = _prepared()
    with _session(settings) as s:
        typer.echo(json.dumps(shop_file(_shop(s, shop)), ensure_ascii=False, indent=2))


@shop_app.command("load")
def shop_load(file: Path) -> None:
    """Create or update a shop from a shop file (see `kedai shop show`)."""
    from pydantic import ValidationError

    from catalog.setup import apply_shop_file

    settings = _prepared()
    try:
        with _session(settings) as s:
            shop = apply_shop_file(s, json.loads(file.read_text(encoding="utf-8")))
            s.commit()
    except (ValidationError, KeyError, json.JSONDecodeError) as exc:
        typer.echo(f"{file}: not loaded\n{exc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"shop {shop.slug} saved")


if __name__ == "__main__":
    app()
