"""The promotions-and-broadcasts port the flows read through (Ctx.promos), and the effects
they ask for. The database implementation is adapters.marketing.DbMarketing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from marketing.broadcasts import BroadcastInfo, BroadcastSpec, Preview, RunReport, Segment
from marketing.promotions import Promotion


class MarketingReader(Protocol):
    def offers(self, customer_id: int, codes: Sequence[str]) -> list[Promotion]:
        """Live promos this customer may still use: the automatic ones and those with `codes`."""

    def by_code(self, code: str) -> Promotion | None: ...

    def promotions(self) -> list[Promotion]: ...

    def preview(self, segment: Segment) -> Preview:
        """Who a broadcast to this segment would reach (and skip), as of now."""

    def broadcasts(self) -> list[BroadcastInfo]: ...

    def reports(self, broadcast_id: int) -> list[RunReport]: ...


class NoMarketing:
    """A shop without promotions: the default, so flows and tests need no database."""

    def offers(self, customer_id: int, codes: Sequence[str]) -> list[Promotion]:
        return []

    def by_code(self, code: str) -> Promotion | None:
        return None

    def promotions(self) -> list[Promotion]:
        return []

    def preview(self, segment: Segment) -> Preview:
        return Preview()

    def broadcasts(self) -> list[BroadcastInfo]:
        return []

    def reports(self, broadcast_id: int) -> list[RunReport]:
        return []


@dataclass
class MemoryMarketing(NoMarketing):
    """Promos held in memory, for flow tests (limits as given on each Promotion)."""

    promos: Sequence[Promotion] = ()
    used: dict[int, int] | None = None
    audience: Preview = Preview()

    def offers(self, customer_id: int, codes: Sequence[str]) -> list[Promotion]:
        wanted = {c.upper() for c in codes}
        return [p for p in self.promos if (p.code is None or p.code in wanted) and p.usable((self.used or {}).get(p.id, 0))]

    def by_code(self, code: str) -> Promotion | None:
        return next((p for p in self.promos if p.code == code.upper()), None)

    def promotions(self) -> list[Promotion]:
        return list(self.promos)

    def preview(self, segment: Segment) -> Preview:
        return self.audience


# Effects, applied by handlers.promo_effects inside the message's transaction.
@dataclass(frozen=True)
class SetPromoConsent:
    consent: bool


@dataclass(frozen=True)
class CreatePromotion:
    spec: Promotion  # id 0: not saved yet


@dataclass(frozen=True)
class StopPromotion:
    ref: str


@dataclass(frozen=True)
class CreateBroadcast:
    spec: BroadcastSpec


@dataclass(frozen=True)
class CancelBroadcast:
    broadcast_id: int


MARKETING_EFFECTS = (SetPromoConsent, CreatePromotion, StopPromotion, CreateBroadcast, CancelBroadcast)
