"""`kedai seller add|list|remove|handover`: who may run a shop by chat. Roles are owner and
staff; an id is checked as its channel writes it (a Telegram id is a number)."""

from __future__ import annotations

import json
import re
from typing import Annotated, Optional

import typer

from cli.common import JsonOpt, ShopOpt, find_shop, prepared, session

seller_app = typer.Typer(help="Seller identities of a shop.", no_args_is_help=True)
ROLES = ("owner", "staff")
Channel = Annotated[str, typer.Option(help="telegram, whatsapp or simulator")]
Id = Annotated[str, typer.Option("--id", help="Telegram chat id (a number), WhatsApp number, or simulator user.")]
TELEGRAM_ID = re.compile(r"^-?\d{1,20}$")
HOW_TO_FIND_TELEGRAM_ID = (
    "a Telegram id is a number (like 5123456789), not a @username: the person opens Telegram, "
    "sends any message to @userinfobot and copies the number it answers with. Easier still: "
    "`kedai shop owner-code SLUG` prints a code the person sends to the shop's bot")


def checked_id(channel: str, raw: str) -> str:
    """The id as the channel will send it, or BadParameter saying how to find the right one."""
    value = raw.strip()
    if channel not in {"telegram", "whatsapp", "simulator"}:
        raise typer.BadParameter("channel must be telegram, whatsapp or simulator")
    if channel == "telegram":
        if not TELEGRAM_ID.match(value):
            raise typer.BadParameter(f"{raw!r}: {HOW_TO_FIND_TELEGRAM_ID}")
        return value
    if channel == "whatsapp":  # WhatsApp messages come from E.164 numbers: 0812… must match +62812…
        from bot.phones import normalize_phone

        number = normalize_phone(value)
        if not number:
            raise typer.BadParameter(f"{raw!r}: a WhatsApp id is the phone number, e.g. +6281234567890 or 0812-3456-7890")
        return number
    if not value or len(value) > 100:
        raise typer.BadParameter("a simulator user is 1-100 characters")
    return value


@seller_app.command("add")
def seller_add(
    channel: Channel,
    id: Id,
    name: Annotated[Optional[str], typer.Option()] = None,
    role: Annotated[str, typer.Option(help="owner or staff")] = "owner",
    shop: ShopOpt = None,
) -> None:
    """Register a seller identity for the shop."""
    from shops.setup import add_seller

    if role not in ROLES:
        raise typer.BadParameter(f"role must be owner or staff, not {role!r}")
    id = checked_id(channel, id)
    settings = prepared()
    with session(settings) as s:
        seller = add_seller(s, find_shop(s, shop).id, channel, id, name, role)
        s.commit()
        typer.echo(f"seller {seller.id}: {channel} {id} ({role})")


@seller_app.command("list")
def seller_list(shop: ShopOpt = None, as_json: JsonOpt = False) -> None:
    """The shop's sellers: owners and staff, with the channel and id each writes from."""
    from storage import sellers as sellers_db

    settings = prepared()
    with session(settings) as s:
        found = find_shop(s, shop)
        slug = found.slug
        rows = [{"id": r.id, "role": r.role, "channel": r.channel, "external_id": r.external_id, "name": r.name}
                for r in sellers_db.fetch_sellers(s, found.id)]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo(f"no sellers in {slug} yet (`kedai shop owner-code {slug}` or `kedai seller add`)")
    for r in rows:
        typer.echo(f"{r['id']:>4}  {r['role']:<6} {r['channel']:<10} {r['external_id']:<20} {r['name'] or ''}")


@seller_app.command("remove")
def seller_remove(channel: Channel, id: Id, shop: ShopOpt = None) -> None:
    """Remove a seller (their messages are a customer's again). The only owner stays until the
    shop is handed over (`kedai seller handover`)."""
    from effects import outbox
    from effects.handoffs import release_seller
    from storage import sellers as sellers_db
    from storage.models import utcnow

    id = checked_id(channel, id)
    settings = prepared()
    with session(settings) as s:
        found = find_shop(s, shop)
        slug = found.slug
        seller = sellers_db.fetch_seller(s, found.id, channel, id)
        if seller is None:
            typer.echo(f"no seller {channel} {id} in {slug} (see `kedai seller list`)", err=True)
            raise typer.Exit(1)
        owners = [x for x in sellers_db.fetch_sellers(s, found.id) if x.role == "owner"]
        if seller.role == "owner" and len(owners) == 1:
            typer.echo(f"{channel} {id} is the only owner of {slug}: hand the shop over first "
                       "(`kedai seller handover --channel C --id ID`)", err=True)
            raise typer.Exit(1)
        sellers_db.remove_seller(s, found.id, seller.id)
        now = utcnow()
        outbox.write(s, found.id, release_seller(s, found.id, seller.id, now), now)  # their open chats to the others
        s.commit()
    typer.echo(f"seller {channel} {id} removed from {slug}")


@seller_app.command("handover")
def seller_handover(channel: Channel, id: Id, name: Annotated[Optional[str], typer.Option()] = None,
                    shop: ShopOpt = None) -> None:
    """Hand the shop to another owner: this person becomes the owner, every other owner staff."""
    from shops.setup import add_seller
    from storage import seller_changes as seller_changes_db
    from storage import sellers as sellers_db
    from storage.models import utcnow

    id = checked_id(channel, id)
    settings = prepared()
    with session(settings) as s:
        found = find_shop(s, shop)
        slug = found.slug
        seller = add_seller(s, found.id, channel, id, name, "owner")
        previous = sellers_db.demote_owners(s, found.id, seller.id)
        seller_changes_db.add_change(s, found.id, seller.id, "Admin (CLI)", "owner_handover", seller.name or id,
                                     {"owners": [p.id for p in previous]}, {"seller_id": seller.id}, utcnow())
        s.commit()
    staff = ", ".join(f"{p.channel} {p.external_id}" for p in previous)
    typer.echo(f"{channel} {id} is now the owner of {slug}" + (f"; {staff} now staff" if staff else ""))
