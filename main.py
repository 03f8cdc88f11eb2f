"""The `kedai` command line: each command group lives in cli/ (cli/common.py holds what they
share); this file only puts them together. The names and options are an interface
(docs/INTERFACES.md)."""

from __future__ import annotations

import sys

# httpx imports its own command-line client whenever click, rich and pygments are installed (typer
# brings them): ~4 MB of every server's memory for a tool Kedai never runs. None in sys.modules makes
# that import fail, and httpx then leaves its `main` a stub (docs/PERFORMANCE.md, memory).
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import typer  # noqa: E402

from cli.broadcast import broadcast_app
from cli.catalog import catalog_app
from cli.cluster import cluster_app
from cli.db import db_app
from cli.orders import orders_app
from cli.promo import promo_app
from cli.report import report_app
from cli.seller import seller_app
from cli.serve import chat, serve
from cli.shop import shop_app

app = typer.Typer(help="Kedai: chat commerce for Indonesian UMKM.", no_args_is_help=True, add_completion=False)
app.command()(serve)
app.command()(chat)
for sub, name in ((catalog_app, "catalog"), (seller_app, "seller"), (orders_app, "orders"), (shop_app, "shop"),
                  (db_app, "db"), (promo_app, "promo"), (broadcast_app, "broadcast"), (report_app, "report"),
                  (cluster_app, "cluster")):
    app.add_typer(sub, name=name)

if __name__ == "__main__":
    app()
