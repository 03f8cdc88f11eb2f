"""The one composition root: builds the running Kedai from settings. Tests call it too,
pointing the channel clients at local fakes through the same settings."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import Engine as DbEngine
from sqlalchemy.orm import Session, sessionmaker

from bot.attachments import Files
from bot.clock import Clock, from_environment
from bot.delivery import Delivery, Sender
from bot.engine import Engine
from bot.inbox import Inbox
from bot.media_links import store_for
from config import Settings
from storage.checkpoint import Checkpointer
from storage.db import is_sqlite, make_engine, session_factory


@dataclass
class Kedai:
    settings: Settings
    db_engine: DbEngine
    sessions: sessionmaker[Session]
    db: ThreadPoolExecutor
    engine: Engine
    delivery: Delivery
    inbox: Inbox
    senders: dict[str, Sender] = field(default_factory=dict)
    checkpointer: Checkpointer | None = None  # SQLite in a long-running process only
    # Whether this process leads (bot.processes): runs the scheduled jobs and sends. Alone, it does.
    leader: Callable[[], bool] = lambda: True

    def close(self) -> None:
        self.db.shutdown(wait=True)
        self.engine.close()
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.db_engine.dispose()


def build(settings: Settings, senders: dict[str, Sender] | None = None, *, serving: bool = False,
          clock: Clock | None = None) -> Kedai:
    """serving: a long-running server, which checkpoints SQLite's log on a thread of its own
    (started with the app, see bot.serve). clock: what every part of it takes as now (by default
    UTC now, or the test clock of bot.clock)."""
    clock = clock or from_environment()
    db_engine = make_engine(settings.database_url, background_checkpoints=serving)
    sessions = session_factory(db_engine)
    sqlite = is_sqlite(db_engine)
    # SQLite takes one writer at a time: messages are handled on the event loop while its lock
    # is free (bot.inbox), everything else on one db thread, so nothing in this process waits
    # on a lock held by another of its threads for long. PostgreSQL gets a small pool.
    db = ThreadPoolExecutor(max_workers=1 if sqlite else 8, thread_name_prefix="kedai-db")
    engine = Engine(sessions, window_minutes=settings.payment_window_minutes, clock=clock, media=store_for(settings))
    senders = dict(senders or {})
    delivery = Delivery(sessions, senders, db, clock=clock)
    delivery.files = Files(sessions, settings.data_dir / "media", clock)
    delivery.transactions = engine.transactions if sqlite else None
    checkpointer = Checkpointer(db_engine.url.database) if serving and sqlite and db_engine.url.database else None
    return Kedai(settings, db_engine, sessions, db, engine, delivery, Inbox(engine, delivery, db, on_loop=sqlite), senders,
                 checkpointer)
