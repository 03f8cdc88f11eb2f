"""`kedai shop show|load`: the shop file out and back in."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from cli.common import ShopOpt, find_shop, prepared, session

shop_app = typer.Typer(help="The shop profile (name, address, hours, payment, delivery zones).", no_args_is_help=True)

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
    except (ValidationError, KeyError, json.JSONDecodeError) as exc:
        typer.echo(f"{file}: not loaded\n{exc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"shop {shop.slug} saved")
