"""What every `kedai` command shares: the prepared database (migrated, the demo shop loaded into
an empty one), a session on it, the shop a command is for (`--shop SLUG`), and the option types."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from config import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from storage.models import Shop

ShopOpt = Annotated[Optional[str], typer.Option("--shop", help="Shop slug when the deployment hosts several.")]
JsonOpt = Annotated[bool, typer.Option("--json")]
Many = Annotated[Optional[list[str]], typer.Option()]


def prepared() -> Settings:
    """Migrated database with the demo shop on first run (unless KEDAI_DEMO=0): every command can
    be the first one, and with KEDAI_DEMO=0 none of them puts anything into an empty database."""
    from shops.setup import load_demo_if_empty
    from storage.db import make_engine, session_factory, unit_of_work
    from storage.migrate import upgrade

    settings = Settings()
    upgrade(settings.database_url)
    if not settings.demo:
        return settings
    engine = make_engine(settings.database_url)
    with unit_of_work(session_factory(engine)) as s:
        if load_demo_if_empty(s):
            s.commit()
    engine.dispose()
    return settings


def session(settings: Settings):  # type: ignore[no-untyped-def]
    from storage.db import make_engine, session_factory, unit_of_work

    return unit_of_work(session_factory(make_engine(settings.database_url)))


def find_shop(session, slug: str | None):  # type: ignore[no-untyped-def]
    """The shop named by --shop, else the only open shop; a clear error otherwise."""
    from sqlalchemy import select

    from storage.models import Shop

    shops = session.execute(select(Shop).order_by(Shop.id)).scalars().all()
    if slug:
        found = [s for s in shops if s.slug == slug]
        if not found:
            known = ", ".join(s.slug for s in shops) or "none yet"
            raise typer.BadParameter(f"no shop {slug!r}; known: {known}")
        return found[0]
    open_ = [s for s in shops if s.archived_at is None]
    if not open_:
        raise typer.BadParameter("no shop here yet; create one with `kedai shop new --name NAME`")
    if len(open_) != 1:
        raise typer.BadParameter(f"{len(open_)} shops here; pick one with --shop ({', '.join(s.slug for s in open_)})")
    return open_[0]


@contextmanager
def shop_session(shop: str | None) -> Iterator[tuple[Settings, Session, Shop]]:
    """The prepared database's session and the chosen shop."""
    settings = prepared()
    with session(settings) as s:
        yield settings, s, find_shop(s, shop)
