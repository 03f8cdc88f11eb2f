"""Staff by chat: the owner invites (a one-time code the staff member sends back), lists
and removes staff. `join` is where a non-seller's invite code is recognised; anything
else they send, a wrong or used code included, is ordinary customer text."""

from __future__ import annotations

import re
from typing import Any

from language.text import fold
from language.names import addressed
from conversations.base import Ctx, Reply, Step, Turn
from conversations.examples import fill
from conversations.seller import invites
from conversations.seller.changes import InviteStaff, InviteTaken, RedeemInvite, RemoveStaff, StaffGone
from conversations.seller.common import failed, idle, kept, words
from conversations.seller.ports import SellerCtx, SellerView
from language.money import local_time
from texts.id import customer as customer_texts
from texts.id import seller as t

INVITE = {"undang staf", "undang staff", "tambah staf", "tambah staff", "staf baru", "staff baru", "undang karyawan",
          "tambah karyawan", "karyawan baru", "undang pegawai", "tambah pegawai", "pegawai baru", "undang admin",
          "tambah admin", "kode staf", "kode undangan", "invite staff", "invite staf", "undang"}
LIST = {"staf", "staff", "daftar staf", "daftar staff", "lihat staf", "list staf", "karyawan", "daftar karyawan",
        "pegawai", "daftar pegawai", "tim", "daftar penjual", "siapa saja staf", "staf siapa saja"}
REMOVE = re.compile(r"^(?:hapus|keluarkan|pecat|buang|remove|copot|cabut|berhentikan)\s+"
                    r"(?:staf|staff|karyawan|pegawai|admin)\b\s*(.*)$")


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if turn.choice:
        return None
    said = words(turn.text)
    if said in LIST:
        return staff_list(data, ctx)
    removing = REMOVE.match(said)
    if said not in INVITE and not removing:
        return None
    if not ctx.seller.is_owner:
        return idle(data, Reply(t.NOT_OWNER))
    if removing:
        return remove(data, ctx, removing.group(1).strip())
    return idle(data, effects=[InviteStaff(ctx.seller.id, ctx.seller.label)], then=on_invited)


def on_invited(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """shows the owner the one-time code (only its hash is kept) and until when it works."""
    invited = outcomes[0]
    text = t.INVITE_CREATED.format(code=invites.shown(invited.code), expires=local_time(invited.expires_at, ctx.tz))
    return kept(step, None, Reply(text))


def staff_list(data: dict[str, Any], ctx: SellerCtx) -> Step:
    """lists the shop's sellers, numbered for "hapus staf 2"."""
    people = ctx.desk.staff()
    lines = [t.STAFF_HEADER.format(shop=ctx.shop.name)]
    lines += [t.STAFF_LINE.format(n=n, name=p.name or p.external_id, role=t.ROLE.get(p.role, p.role), channel=p.channel)
              for n, p in enumerate(people, 1)]
    staff = [p for p in people if p.role == "staff"]
    if ctx.seller.is_owner:
        lines.append(t.STAFF_REMOVE_HINT.format(example=(staff[0].name or staff[0].external_id) if staff else "Budi"))
    return idle(data, Reply("\n".join(lines)))


def remove(data: dict[str, Any], ctx: SellerCtx, query: str) -> Step:
    """removes one staff member named by list number, name or chat id."""
    if not query:
        return idle(data, Reply(t.STAFF_WHICH))
    people = ctx.desk.staff()
    found = _match(people, query)
    if len(found) != 1:
        return idle(data, Reply(t.STAFF_NOT_FOUND.format(query=query) if not found else t.STAFF_WHICH))
    target = found[0]
    name = target.name or target.external_id
    if target.role != "staff":
        return idle(data, Reply(t.STAFF_CANNOT_REMOVE_OWNER.format(name=name)))
    effect = RemoveStaff(ctx.seller.id, ctx.seller.label, target.id, target.label)
    return idle(data, Reply(t.STAFF_REMOVED.format(name=name)), effects=[effect], then=on_removed)


def on_removed(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """keeps "removed", or says they were gone already."""
    if isinstance(outcomes[0], StaffGone):
        return failed(step, t.STAFF_NOT_FOUND.format(query=step.effects[0].target))
    return kept(step)


def _match(people: list[SellerView], query: str) -> list[SellerView]:
    if query.isascii() and query.isdigit() and len(query) <= 3 and 1 <= int(query) <= len(people):
        return [people[int(query) - 1]]
    q = fold(query)
    exact = [p for p in people if fold(p.name or "") == q or p.external_id == query]
    return exact or [p for p in people if p.name and fold(p.name).startswith(q)]


def join(state: str, data: dict[str, Any], text: str, name: str | None, ctx: Ctx) -> Step | None:
    """A non-seller's message that is a valid open invite code: they become staff (the
    effect claims the code). Anything else, a wrong code included, returns None."""
    code = invites.typed_code(text)
    invite = ctx.invites.open_invite(code) if code is not None else None
    if invite is None:
        return None
    return Step(state, data, [], [RedeemInvite(invite.id, invite.invited_by, name)], then=on_joined)


def on_joined(step: Step, outcomes: list[Any], ctx: Ctx) -> Step:
    """welcomes the new staff member, or, when the code was used a moment earlier, answers as
    any customer text is answered."""
    outcome = outcomes[0]
    if isinstance(outcome, InviteTaken):
        return Step(step.state, step.data, [Reply(fill(customer_texts.NOT_UNDERSTOOD, ctx.examples))])
    return Step(step.state, step.data, [Reply(t.JOINED.format(kak=addressed(outcome.name), shop=ctx.shop.name))])
