"""Personal offers in one sentence: "kirim promo ke yang pernah beli nastar tapi 30 hari tidak"
starts a broadcast (conversations.seller.broadcast) whose audience is already chosen: who
bought that product before but not in the last N days (marketing.broadcasts.Segment.lapsed_days).
The seller then writes the message and goes on as with any broadcast (promo code, when, preview)."""

from __future__ import annotations

import re
from typing import Any

from conversations.base import Reply, Step, Turn
from conversations.examples import fill
from conversations.seller import broadcast
from conversations.seller.common import IDLE, idle, words
from conversations.seller.ports import SellerCtx
from marketing.broadcasts import Segment
from marketing.wording import segment_text
from texts.id import regulars as t

_SEND = r"(?:kirim|kirimkan|sebar|sebarkan|broadcast|bc)\s+(?:promo|pesan|info|penawaran|broadcast)?\s*"
_WHO = r"(?:ke|untuk|buat)\s+(?:pelanggan\s+|orang\s+)?(?:yang|yg)\s+(?:pernah\s+|sudah\s+)?(?:beli|membeli|pesan|order)\s+"
_NOT = r"(?:tidak|tdk|ga|gak|nggak|belum)(?:\s+(?:beli|pesan|order))?(?:\s+lagi)?"
OFFER = re.compile(rf"^{_SEND}{_WHO}(?P<what>.+?)\s*,?\s+(?:tapi|tp|namun|dan)\s+(?:"
                   rf"(?:sudah\s+|udah\s+)?(?P<days>\d{{1,4}})\s+hari(?:\s+terakhir)?\s+{_NOT}"
                   rf"|{_NOT}\s+(?:dalam\s+|selama\s+)?(?P<days2>\d{{1,4}})\s+hari(?:\s+terakhir)?)$")


def route(state: str, data: dict[str, Any], turn: Turn, ctx: SellerCtx) -> Step | None:
    if state != IDLE or turn.choice or not turn.text:
        return None
    match = OFFER.match(words(turn.text))
    if match is None:
        return None
    days = int(match["days"] or match["days2"])
    if not 1 <= days <= 3650:
        return idle(data, Reply(t.OFFER_DAYS_INVALID))
    what = match["what"].strip()
    best, candidates = ctx.catalog.resolve(what)
    found = [best] if best else candidates
    if not found:
        return idle(data, Reply(fill(t.OFFER_UNKNOWN.format(text=what, example=turn.text.replace(what, "{product}")),
                                     ctx.examples)))
    segment = Segment(skus=tuple(p.sku for p in found), lapsed_days=days)
    step = broadcast.start(data, ctx)
    ask = t.ASK_OFFER_TEXT.format(who=segment_text(segment, ctx.catalog), product=found[0].name)
    data = {**step.data, "bc_draft": {"preset": segment.to_json()}}
    return Step(step.state, data, [Reply(ask, step.replies[0].buttons, numbered=False)])


