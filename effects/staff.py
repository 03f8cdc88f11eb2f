"""Staff effects: the owner's invite (a one-time code, only its hash stored), removing staff,
and a newcomer joining with a code, each with its audit row."""

from __future__ import annotations

from conversations.base import Reply
from conversations.seller import invites
from conversations.seller.changes import Done, InviteStaff, InviteTaken, Invited, Joined, RedeemInvite, RemoveStaff, StaffGone
from effects.env import Env
from effects.handoffs import release_seller
from effects.outbox import to
from storage import seller_changes as seller_changes_db
from storage import seller_invites as seller_invites_db
from storage import sellers as sellers_db
from texts.id import seller as t


def invite(env: Env, effect: InviteStaff) -> Invited:
    session, shop_id, now = env.session, env.who.shop_id, env.ctx.now
    code = invites.new_code()
    expires = now + invites.VALID_FOR
    seller_invites_db.add_invite(session, shop_id, invites.code_hash(code), effect.seller_id, expires, now)
    seller_changes_db.add_change(session, shop_id, effect.seller_id, effect.actor, "invite_staff", "staff invite", None,
                  {"expires_at": expires.isoformat()}, now)
    return Invited(code, expires)


def remove(env: Env, effect: RemoveStaff) -> Done | StaffGone:
    session, shop_id = env.session, env.who.shop_id
    if not sellers_db.remove_staff(session, shop_id, effect.target_id):
        return StaffGone()
    seller_changes_db.add_change(session, shop_id, effect.seller_id, effect.actor, "remove_staff", effect.target,
                  {"seller_id": effect.target_id, "seller": effect.target}, None, env.ctx.now)
    env.notices += release_seller(session, shop_id, effect.target_id, env.ctx.now)  # their chats to the others
    return Done()


def redeem(env: Env, effect: RedeemInvite) -> Joined | InviteTaken:
    """Claims the code once; the new staff member's inviter is told."""
    session, who, now = env.session, env.who, env.ctx.now
    if not seller_invites_db.claim_invite(session, effect.invite_id, now):
        return InviteTaken()
    name = effect.name or who.sender
    staff_id = sellers_db.add_staff(session, who.shop_id, who.channel, who.sender, effect.name, now)
    seller_invites_db.set_invite_user(session, effect.invite_id, staff_id)
    seller_changes_db.add_change(session, who.shop_id, staff_id, f"{name} (staff, {who.channel}:{who.sender})", "join_staff",
                  name, None, {"seller_id": staff_id, "invited_by": effect.invited_by}, now)
    env.notices += [to(s.channel, s.external_id, Reply(t.JOINED_NOTICE.format(name=name)))
                    for s in sellers_db.fetch_sellers(session, who.shop_id) if s.id == effect.invited_by]
    return Joined(name)


APPLIERS = {InviteStaff: invite, RemoveStaff: remove, RedeemInvite: redeem}
