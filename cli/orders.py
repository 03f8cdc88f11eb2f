"""`kedai orders list|batch|quote|confirm|reject|process|ship|complete|cancel|expire`."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from cli.common import ShopOpt, find_shop, prepared, session

orders_app = typer.Typer(help="Orders.", no_args_is_help=True)

@orders_app.command("list")
def orders_list(
    status: Annotated[Optional[str], typer.Option()] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    shop: ShopOpt = None,
    first: Annotated[Optional[str], typer.Option("--from", help="First day, YYYY-MM-DD (shop time).")] = None,
    last: Annotated[Optional[str], typer.Option("--to", help="Last day, YYYY-MM-DD (shop time), included.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text, json or csv.")] = "text",
    out: Annotated[Optional[Path], typer.Option("--out", help="Write to this file instead of the screen.")] = None,
) -> None:
    """Orders, newest first; --from/--to keep the orders created on those days."""
    from language.money import rupiah
    from orders.views import list_orders, orders_csv
    from shops.loader import record

    fmt = "json" if as_json else fmt.lower().strip()
    if fmt not in ("text", "json", "csv"):
        fail(f"--format {fmt!r}: use text, json or csv")
    days = [_day(first, "--from"), _day(last, "--to")]
    if days[0] and days[1] and days[1] < days[0]:
        fail(f"--to {last} is before --from {first}")
    if out is not None and not out.parent.is_dir():
        fail(f"--out {out}: folder {out.parent} does not exist")
    settings = prepared()
    with session(settings) as s:
        try:
            found = find_shop(s, shop)
        except typer.BadParameter as exc:
            fail(str(exc))
        tz = record(found.id, found.name, found.profile).tz
        start = datetime.combine(days[0], time(), tz) if days[0] else None
        end = datetime.combine(days[1] + timedelta(days=1), time(), tz) if days[1] else None
        orders = list_orders(s, found.id, status, start=start, end=end)
    if fmt == "csv":
        data = orders_csv(orders, tz)
    elif fmt == "json":
        data = (json.dumps(orders, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        data = "".join(f"{o['code']}  {o['status']:<16} {rupiah(o['total']):>12}  {o['customer']['name']}  "
                       + ", ".join(f"{i['qty']}× {i['name']}" for i in o["items"]) + "\n" for o in orders).encode("utf-8")
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    try:
        out.write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")
    typer.echo(f"{out}: {len(orders)} orders")


def fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option} {text!r}: use YYYY-MM-DD, e.g. 2026-11-01")


@orders_app.command("batch")
def orders_batch(
    day: Annotated[Optional[str], typer.Option("--date", help="YYYY-MM-DD, or as said: besok, 25 Maret.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    shop: ShopOpt = None,
) -> None:
    """What to make for which day: product x units per day of open orders, from today (or one day)."""
    from datetime import date

    from bot.clock import from_environment
    from conversations.seller.kitchen import batch_text
    from language.dates import parse_day
    from orders.making import local_day
    from shops import loader as shop_loader
    from storage import orders as orders_db

    settings = prepared()
    with session(settings) as s:
        record = shop_loader.of(find_shop(s, shop))
        today = date.fromisoformat(local_day(from_environment()(), record.tz))
        wanted = None
        if day is not None:
            try:
                wanted = date.fromisoformat(day)
            except ValueError:
                wanted = parse_day(day, today)
            if wanted is None:
                typer.echo(f"Tanggal tidak terbaca: {day!r}. Tulis YYYY-MM-DD, misal {today.isoformat()}.", err=True)
                raise typer.Exit(1)
        first = (wanted or today).isoformat()
        rows = orders_db.fetch_batch(s, record.id, first, first if wanted else None)
    if as_json:
        typer.echo(json.dumps([{"date": d, "name": n, "qty": q} for d, n, q in rows], ensure_ascii=False, indent=2))
    elif rows:
        typer.echo(batch_text(rows).replace("*", ""))
    else:
        typer.echo(f"Belum ada pesanan untuk dimasak {'pada ' + first if wanted else 'mulai hari ini'}.")


def _order_action(code: str, action: str, shop: str | None, **details: str | int | None) -> None:
    """Runs a seller action on an order as the CLI, telling the customer through the outbox."""
    from shops import loader as shop_loader
    from effects import outbox
    from effects.order_actions import Request, perform
    from orders.codes import parse_code
    from orders.lifecycle import Action
    from storage.models import utcnow

    settings = prepared()
    with session(settings) as s:
        record = shop_loader.of(find_shop(s, shop))
        now = utcnow()
        canonical = parse_code(code, record.profile.order_prefix) or code
        result = perform(s, record.id, record.profile, record.tz,
                         Request(canonical, Action(action), "cli", "Admin (CLI)", **details), now)
        outbox.write(s, record.id, result.notices, now)
        s.commit()
    typer.echo(result.reply.text)
    if not result.ok:
        raise typer.Exit(1)


CodeArg = Annotated[str, typer.Argument(help="Order code, e.g. KD-0042 (or just 42).")]


@orders_app.command("quote")
def orders_quote(code: CodeArg, fee: Annotated[int, typer.Option(min=0, help="The delivery fee in whole Rupiah.")],
                 courier: Annotated[Optional[str], typer.Option()] = None, shop: ShopOpt = None) -> None:
    """Quote the delivery fee of an order that waits for one; the customer gets the total to accept."""
    _order_action(code, "quote", shop, fee=fee, courier=courier)


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
    """Expire overdue unpaid orders, and orders whose delivery quote ran out, now (what the scheduler does every few seconds)."""
    from scheduler.jobs_payments import expire_overdue
    from scheduler.jobs_quotes import expire_quotes
    from storage.db import make_engine, session_factory
    from storage.models import utcnow

    settings = prepared()
    engine = make_engine(settings.database_url)
    count = expire_overdue(session_factory(engine), utcnow) + expire_quotes(session_factory(engine), utcnow)
    engine.dispose()
    typer.echo(f"expired {count} orders")
