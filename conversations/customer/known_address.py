"""The delivery address checkout can offer instead of asking from scratch: one said earlier in
this conversation ("pesan 2 daster, kirim ke jl ijen no 5 malang ya kak"), else the one the
customer's last delivered order went to.

The address said early is kept as `data["said_address"]` from any message outside checkout
(checkout's own address question stores its answer in the draft); placing an order drops it,
since that order's address is then the last one.
"""

from __future__ import annotations

from typing import Any

from conversations.base import Button, Ctx, Reply, Step, Turn
from conversations.choice import Choice
from language.places import address_in
from texts.id import customer as t

KEY = "said_address"
USE = Choice("addr_use")  # deliver to the address offered
OTHER = Choice("addr_other")  # type another address


def remember(state: str, turn: Turn, step: Step) -> Step:
    """The step with an address said in this message kept, unless checkout is asking for it."""
    if turn.text and not state.startswith("checkout:") and not step.state.startswith("checkout:"):
        if (said := address_in(turn.text)) is not None:
            step.data = {**step.data, KEY: said[:300]}
    return step


def known(data: dict[str, Any], ctx: Ctx) -> str | None:
    """The address to offer: said in this conversation, else the last delivered order's."""
    if isinstance(said := data.get(KEY), str) and said:
        return said
    last = next((o for o in ctx.orders.recent(ctx.customer.id, 5)  # a shared location's bare "📍 lat, lon" is not offered
                 if o.fulfilment == "delivery" and o.address and not o.address.startswith("📍")), None)
    return last.address if last is not None else None


def offer(address: str) -> Reply:
    return Reply(t.ASK_KNOWN_ADDRESS.format(address=address),
                 [Button(t.BTN_USE_ADDRESS, USE.pack()), Button(t.BTN_OTHER_ADDRESS, OTHER.pack()),
                  Button(t.BTN_CANCEL, "batal")])
