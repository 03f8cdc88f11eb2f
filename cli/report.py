"""`kedai report monthly --month YYYY-MM --format pdf|csv|xlsx --out FILE [--shop SLUG]`."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, NoReturn, Optional
from zoneinfo import ZoneInfo

import typer

report_app = typer.Typer(help="The shop's books: reports for a bank, an accountant or the owner.",
                         no_args_is_help=True)

FORMATS = ("pdf", "csv", "xlsx")


def fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@report_app.command("monthly")
def monthly(
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM (shop time).")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="pdf, csv or xlsx.")] = "pdf",
    shop: Annotated[Optional[str], typer.Option("--shop", help="Shop slug when the deployment hosts several.")] = None,
) -> None:
    """The month's books: profit and loss, cash in and out, position, sales by channel, top products."""
    from books.periods import BadPeriod, parse_month

    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    try:
        parse_month(month, ZoneInfo("UTC"))  # checked before the database is touched
    except BadPeriod:
        fail(f"--month {month!r}: use YYYY-MM, e.g. 2026-11")
    if not out.parent.is_dir():
        fail(f"--out {out}: folder {out.parent} does not exist")

    from books import figures
    from books.render_pdf import render_pdf
    from books.render_sheet import render_csv, render_xlsx
    from main import _prepared, _session, _shop

    settings = _prepared()
    with _session(settings) as session:
        try:
            found = _shop(session, shop)
        except typer.BadParameter as exc:
            fail(str(exc))
        slug, tz = found.slug, ZoneInfo((found.profile or {}).get("timezone") or settings.timezone)
        report = figures.compute(session, found.id, found.name, parse_month(month, tz), datetime.now(timezone.utc))
    data = {"pdf": render_pdf, "csv": render_csv, "xlsx": render_xlsx}[fmt](report)
    try:
        out.write_bytes(data)
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror}")
    pl = report.profit_loss
    typer.echo(f"{out}: {slug} {month}, net sales {pl.net_sales}, profit {pl.net_profit}, "
               f"cash {report.cash.closing} ({len(data)} bytes)")
