"""The cluster admin's joint promotion by chat: "promo cluster Diskon 10% semua kue kering!"
(or "promo bersama …"). The applier (effects.cluster) checks that this seller administers a
cluster and hands the text to marketing.cluster, which reaches every consenting person of the
member shops once, through each shop's own channels; the outcome says how many per shop."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from conversations.base import Reply, Step, Turn
from conversations.seller.common import idle, kept
from conversations.seller.ports import SellerCtx
from texts.id import cluster as t

JOINT = re.compile(r"^\s*promo\s+(?:cluster|klaster|bersama)\b[\s:,-]*(?P<text>.*)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class SendJointPromo:
    seller_id: int
    text: str


@dataclass(frozen=True)
class JointPromoSent:
    cluster: str
    per_shop: tuple[tuple[str, int], ...]
    skipped: int


@dataclass(frozen=True)
class NotClusterAdmin:
    """This seller administers no cluster."""


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if turn.choice or turn.media or (m := JOINT.match(turn.text or "")) is None:
        return None
    text = m.group("text").strip()
    if not text:
        return idle(data, Reply(t.ASK_TEXT))
    return idle(data, effects=[SendJointPromo(ctx.seller.id, text)], then=on_sent)


def on_sent(step: Step, outcomes: list[Any], ctx: SellerCtx) -> Step:
    """says how many people each member shop reaches, or that only the cluster's admin may send."""
    outcome = outcomes[0]
    if isinstance(outcome, NotClusterAdmin):
        return kept(step, None, Reply(t.NOT_ADMIN))
    if not outcome.per_shop:
        return kept(step, None, Reply(t.SENT_NONE.format(cluster=outcome.cluster)))
    lines = "\n".join(t.SENT_LINE.format(shop=shop, count=count) for shop, count in outcome.per_shop)
    skipped = t.SENT_SKIPPED.format(count=outcome.skipped) if outcome.skipped else ""
    return kept(step, None, Reply(t.SENT.format(cluster=outcome.cluster, lines=lines, skipped=skipped)))
