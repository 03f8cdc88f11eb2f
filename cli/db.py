"""`kedai db upgrade`."""

from __future__ import annotations

import typer

from cli.common import prepared

db_app = typer.Typer(help="Database.", no_args_is_help=True)

@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply migrations (and load the demo shop into an empty database)."""
    prepared()
    typer.echo("database is up to date")
