"""`kedai catalog import|export|delete`: the catalog CSV in and out, and removing a product
(docs/INTERFACES.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.common import ShopOpt, find_shop, prepared, session

catalog_app = typer.Typer(help="Bulk catalog in and out.", no_args_is_help=True)


@catalog_app.command("import")
def catalog_import(
    file: Path,
    shop: ShopOpt = None,
    replace: Annotated[bool, typer.Option("--replace", help="Hide every product the file does not list.")] = False,
) -> None:
    """Import FILE.csv (sku,name,category,price,stock,description,image_url, optionally option and
    visible; comma or semicolon, prices like 85.000 or 85rb); all or nothing. Rows with one name and
    different options are the options of one product."""
    from catalog.importer import ImportError_, hide_unlisted, import_rows, parse_file

    settings = prepared()
    try:
        parsed = parse_file(file)
    except ImportError_ as exc:
        read = f" (read as {exc.encoding})" if exc.encoding else ""
        typer.echo(f"{file}{read}: nothing imported\n" + "\n".join(exc.errors), err=True)
        raise typer.Exit(1)
    with session(settings) as s:
        shop_id = find_shop(s, shop).id
        created, updated = import_rows(s, shop_id, parsed.rows, show=replace)
        hidden = hide_unlisted(s, shop_id, parsed.rows) if replace else 0
        s.commit()
    separator = {";": "semicolons", "\t": "tabs"}.get(parsed.separator, "commas")
    typer.echo(f"read {file} as {parsed.encoding}, separated by {separator}")
    typer.echo(f"imported {len(parsed.rows)} products ({created} new, {updated} updated)"
               + (f"; {hidden} not in the file hidden" if replace else ""))


@catalog_app.command("export")
def catalog_export(shop: ShopOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print the catalog as CSV (or JSON), hidden products included (column visible)."""
    import csv
    import io

    from catalog.importer import export_csv

    settings = prepared()
    with session(settings) as s:
        text = export_csv(s, find_shop(s, shop).id)
    if as_json:
        rows = list(csv.DictReader(io.StringIO(text)))
        for r in rows:
            r["price"], r["stock"] = int(r["price"]), int(r["stock"])
            r["image_url"] = r["image_url"] or None
            r["visible"] = r["visible"] == "yes"
            r["option"] = r["option"] or None
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.write(text)


@catalog_app.command("delete")
def catalog_delete(sku: str, shop: ShopOpt = None) -> None:
    """Remove a product: deleted if no order holds it, else hidden (orders keep pointing at it)."""
    from catalog.maintenance import delete_product

    settings = prepared()
    with session(settings) as s:
        outcome = delete_product(s, find_shop(s, shop).id, sku)
        s.commit()
    if outcome == "missing":
        typer.echo(f"no product with sku {sku!r} (see `kedai catalog export`)", err=True)
        raise typer.Exit(1)
    typer.echo({"deleted": f"product {sku} deleted",
                "hidden": f"product {sku} hidden: orders hold it, so it stays in their history",
                "hidden already": f"product {sku} was hidden already: orders hold it, so it is kept"}[outcome])
