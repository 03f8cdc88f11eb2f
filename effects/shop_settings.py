"""The owner's changes to the shop by chat, becoming the owner with the owner code, and the
code for handing the shop over, each with its audit row (seller_changes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


from conversations.base import Reply
from conversations.seller.changes import ChangedMeanwhile, Done
from conversations.seller.shop_effects import ClaimOwnership, CodeTaken, HandOver, HandOverCode, OwnerClaimed, ProfileChange
from effects.env import Env
from effects.outbox import to
from media.store import MediaStore
from orders import qris, qris_image
from shops import admin, owner_code
from shops.profile import ShopProfile
from shops.setup import add_seller
from storage import conversations as conversations_db
from storage import seller_changes as seller_changes_db
from storage import sellers as sellers_db
from storage import shops as shops_db
from texts.id import shop_setup as t


def keep_shop_image(env: Env, ref: str) -> str:
    """Where a picture the owner sent for the shop (the QRIS) is kept. Today: the channel's own
    reference, as product photos are (a Telegram file_id, the stored WhatsApp file); the one place
    to change when shop pictures get a store of their own."""
    return ref


def read_shop_qris(ref: str, media: MediaStore | None = None) -> str | None:
    """The payload of a QRIS picture the owner sent, when its file is on this server (in the
    media store, where every channel's photos arrive, or at a plain path) and holds a shop's QRIS;
    None otherwise, and the picture stays the plain fallback until the QRIS text is sent."""
    path = media.path_of(ref) if media is not None else None
    if path is None:  # a plain path: only an absolute one, never one relative to wherever we run
        path = Path(ref)
        if not path.is_absolute():
            return None
    if not path.is_file():
        return None
    try:
        return qris.parse_shop_qris(qris_image.read_qris(path.read_bytes()).payload).payload
    except (qris.QrisError, OSError):
        return None


def change(env: Env, effect: ProfileChange) -> Done | ChangedMeanwhile:
    """Writes the change if every value it replaces is still what the owner saw."""
    session, shop_id = env.session, env.who.shop_id
    name, stored = shops_db.fetch_profile(session, shop_id)
    current: dict[str, Any] = {**ShopProfile.model_validate({**stored, "name": name}).model_dump(mode="json"),
                               "name": name}
    if any(current.get(key) != value for key, value in effect.before.items()):
        return ChangedMeanwhile({key: current.get(key) for key in effect.before})
    after = dict(effect.after)
    if "payment_methods" in after:
        seen = {m.get("qris_image") for m in current.get("payment_methods") or []}
        # A new picture: kept, and its code read when we can, so QRIS orders get the exact amount.
        after["payment_methods"] = [{**m, "qris_image": keep_shop_image(env, m["qris_image"]),
                                     "qris_payload": m.get("qris_payload") or read_shop_qris(m["qris_image"], env.media)}
                                    if m.get("qris_image") and m["qris_image"] not in seen else m
                                    for m in after["payment_methods"]]
    profile = ShopProfile.model_validate({**current, **after})
    shops_db.save_profile(session, shop_id, profile.name, profile.model_dump(mode="json", exclude={"name"}))
    seller_changes_db.add_change(session, shop_id, effect.seller_id, effect.actor,
                                 ("undo_" if effect.undo else "") + "shop_" + effect.what, effect.what,
                                 effect.before, effect.after, env.ctx.now)
    env.shop_changed = True
    return Done()


def claim(env: Env, effect: ClaimOwnership) -> OwnerClaimed | CodeTaken:
    """Spends the code once; the sender becomes owner, earlier owners staff (and are told)."""
    session, who, now = env.session, env.who, env.ctx.now
    if not shops_db.claim_owner_code(session, who.shop_id, owner_code.code_hash(effect.code), now):
        return CodeTaken()
    existing = sellers_db.fetch_seller(session, who.shop_id, who.channel, who.sender)
    name = effect.name or (existing.name if existing is not None else None) or who.sender
    seller = add_seller(session, who.shop_id, who.channel, who.sender, effect.name or name, "owner")
    previous = sellers_db.demote_owners(session, who.shop_id, seller.id)
    if effect.write_conversation:
        party = f"seller:{seller.id}"
        loaded = conversations_db.load_conversation(session, who.shop_id, party)
        conversations_db.save_conversation(session, who.shop_id, party, loaded, effect.state, effect.data, now)
    seller_changes_db.add_change(session, who.shop_id, seller.id, f"{name} (owner, {who.channel}:{who.sender})",
                                 "owner_claimed", name, {"owners": [p.id for p in previous]},
                                 {"seller_id": seller.id}, now)
    env.notices += [to(p.channel, p.external_id, Reply(t.OWNER_NOTICE.format(name=name, shop=env.ctx.shop.name)))
                    for p in previous]
    return OwnerClaimed(seller.id, effect.name or "")


def hand_over(env: Env, effect: HandOver) -> HandOverCode:
    session, shop_id, now = env.session, env.who.shop_id, env.ctx.now
    code, expires = admin.new_owner_code(session, shop_id, now)
    seller_changes_db.add_change(session, shop_id, effect.seller_id, effect.actor, "owner_code", "owner code", None,
                                 {"expires_at": expires.isoformat()}, now)
    return HandOverCode(code, expires)


APPLIERS = {ProfileChange: change, ClaimOwnership: claim, HandOver: hand_over}
