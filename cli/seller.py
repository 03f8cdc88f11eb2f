"""`kedai seller add`: who may run the shop by chat."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cli.common import ShopOpt, find_shop, prepared, session

seller_app = typer.Typer(help="Seller identities of a shop.", no_args_is_help=True)

@seller_app.command("add")
def seller_add(
    channel: Annotated[str, typer.Option(help="telegram, whatsapp or simulator")],
    id: Annotated[str, typer.Option("--id", help="Chat id, phone number or simulator user.")],
    name: Annotated[Optional[str], typer.Option()] = None,
    role: Annotated[str, typer.Option(help="owner or staff")] = "owner",
    shop: ShopOpt = None,
) -> None:
    """Register a seller identity for the shop."""
    from shops.setup import add_seller

    if channel not in {"telegram", "whatsapp", "simulator"}:
        raise typer.BadParameter("channel must be telegram, whatsapp or simulator")
    if channel == "whatsapp":  # WhatsApp messages come from E.164 numbers: 0812… must match +62812…
        from bot.phones import normalize_phone

        id = normalize_phone(id) or ""
        if not id:
            raise typer.BadParameter("--id must be a phone number for whatsapp")
    settings = prepared()
    with session(settings) as s:
        seller = add_seller(s, find_shop(s, shop).id, channel, id, name, role)
        s.commit()
        typer.echo(f"seller {seller.id}: {channel} {id} ({role})")
