"""Shops an install hosts: a new shop with its owner code, the channels linked to each, and
removing a shop that has nothing to keep (the demo, say). What is said to customers when a
shop closes is written by effects.shop_closing, which needs the outbox."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from language.names import tidy_name
from shops import owner_code
from shops.profile import ShopProfile
from storage import shop_removal
from storage import shops as shops_db
from storage.models import Shop

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
TELEGRAM_TOKEN = re.compile(r"^(\d{1,20}):[A-Za-z0-9_-]{20,100}$")
CHANNELS = ("telegram", "whatsapp")


class ShopError(ValueError):
    """A request about shops that cannot be done; the message says why and what to do."""


def slug_for(name: str) -> str:
    """ "Batik Sekar Jogja" -> "batik-sekar-jogja"; accents dropped, at most 64 characters."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:64].strip("-")
    return slug or "toko"


def prefix_for(name: str, taken: set[str]) -> str:
    """Order code prefix from the name's initials ("Batik Sekar" -> "BS"), unlike any other shop's."""
    words = [w for w in re.findall(r"[A-Za-z]+", unicodedata.normalize("NFKD", name)) if w]
    base = "".join(w[0] for w in words[:3]).upper() if len(words) > 1 else (words[0][:2].upper() if words else "TK")
    base = base if len(base) >= 2 else (base + "K")
    if base not in taken:
        return base
    for n in range(2, 100):
        if f"{base}{n}" not in taken:
            return f"{base}{n}"
    return base + secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ")


@dataclass(frozen=True)
class NewShop:
    shop: Shop
    code: str  # the owner code, shown once
    expires_at: datetime


def create_shop(session: Session, name: str, slug: str | None, now: datetime) -> NewShop:
    name = tidy_name(name)
    if not 2 <= len(name) <= 100:
        raise ShopError("the name must be 2-100 characters")
    slug = slug or slug_for(name)
    if not SLUG.match(slug):
        raise ShopError(f"slug {slug!r}: use a-z, 0-9 and dashes (e.g. batik-sekar)")
    if shops_db.fetch_shop_by_slug(session, slug) is not None:
        raise ShopError(f"a shop {slug!r} exists already; choose another --slug")
    taken = {(s.profile or {}).get("order_prefix", "KD") for s in shops_db.fetch_shops(session)}
    # Nothing is assumed for the seller: no pickup, no payment, no zones until they say so.
    profile = ShopProfile(name=name, order_prefix=prefix_for(name, taken), pickup=False)
    shop = Shop(slug=slug, name=name, profile=profile.model_dump(exclude={"name"}), created_at=now)
    session.add(shop)
    session.flush()
    code, expires = new_owner_code(session, shop.id, now)
    return NewShop(shop, code, expires)


def new_owner_code(session: Session, shop_id: int, now: datetime) -> tuple[str, datetime]:
    """A fresh one-time owner code (any earlier one stops working); only its hash is kept."""
    code = owner_code.new_code()
    expires = now + owner_code.VALID_FOR
    shops_db.set_owner_code(session, shop_id, owner_code.code_hash(code), expires)
    return code, expires


def link_telegram(session: Session, shop: Shop, token: str) -> str:
    """Links a Telegram bot (by its token) to the shop; returns the bot's id."""
    match = TELEGRAM_TOKEN.match(token.strip())
    if not match:
        raise ShopError("that is not a bot token: BotFather gives one like 123456789:AAH...")
    _open(shop)
    account = match.group(1)
    shops_db.link_channel(session, shop.id, "telegram", account, token.strip(), secrets.token_urlsafe(24))
    return account


def link_whatsapp(session: Session, shop: Shop, number: str) -> None:
    """Links a WhatsApp number (E.164, normalised by the caller) of the install's Twilio account."""
    _open(shop)
    shops_db.link_channel(session, shop.id, "whatsapp", number)


def unlink(session: Session, shop: Shop, channel: str) -> list[str]:
    """Unlinks the shop's accounts on a channel (its bot, its number); returns which there were."""
    accounts = [link.account for link in shops_db.fetch_links(session, shop.id) if link.channel == channel]
    shops_db.unlink_channels(session, shop.id, channel)
    return accounts


def _open(shop: Shop) -> None:
    if shop.archived_at is not None:
        raise ShopError(f"shop {shop.slug} is archived; it takes no channels")


def removal_refused(session: Session, shop_id: int) -> str | None:
    """Why a shop may not be deleted outright (its orders or books are records to keep), or None."""
    orders = shop_removal.count_orders(session, shop_id)
    if orders:
        return f"it has {orders} order(s), which are records to keep"
    entries = shop_removal.count_ledger_entries(session, shop_id)
    if entries:
        return f"it has {entries} bookkeeping entr{'y' if entries == 1 else 'ies'}, which are records to keep"
    return None


def delete_shop(session: Session, shop: Shop) -> dict[str, int]:
    """Removes a shop that has no orders and no books, with everything that belongs to it."""
    reason = removal_refused(session, shop.id)
    if reason is not None:
        raise ShopError(f"shop {shop.slug} not deleted: {reason}. "
                        f"Close it instead with `kedai shop delete {shop.slug} --archive` (the data is kept)")
    return shop_removal.remove_shop(session, shop.id)
