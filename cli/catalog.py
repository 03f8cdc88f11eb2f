"""`kedai catalog import|export`: the catalog CSV in and out (docs/INTERFACES.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.common import ShopOpt, find_shop, prepared, session

catalog_app = typer.Typer(help="Bulk catalog in and out.", no_args_is_help=True)

@catalog_app.command("import")
def catalog_import(file: Path, shop: ShopOpt = None) -> None:
    """Import FILE.csv (sku,name,category,price,stock,description,image_url[,option]); all or nothing."""
    from catalog.importer import ImportError_, import_rows, parse_csv

    settings = prepared()
    try:
        rows = parse_csv(file.read_text(encoding="utf-8"))
    except ImportError_ as exc:
        typer.echo(f"{file}: nothing imported\n" + "\n".join(exc.errors), err=True)
        raise typer.Exit(1)
    with session(settings) as s:
        created, updated = import_rows(s, find_shop(s, shop).id, rows)
        s.commit()
    typer.echo(f"imported {len(rows)} products ({created} new, {updated} updated)")


@catalog_app.command("export")
def catalog_export(shop: ShopOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print the catalog as CSV (or JSON)."""
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
            r["option"] = r["option"] or None
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.write(text)
