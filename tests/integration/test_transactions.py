"""storage.db.Tx: the one path's transaction, with plain SQL and an idle ORM Session on one
connection. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storage.db import Transactions, make_engine, session_factory
from storage.db import transaction as pooled_transaction
from storage.fastsql import Sql
from storage.models import Shop, utcnow

INSERT_SHOP = Sql("INSERT INTO shops (slug, name, profile, order_seq, catalog_version, created_at) "
                 "VALUES (:slug, :name, '{}', 0, 0, :now)")


def shop_names(sessions) -> list[str]:
    with sessions() as s:
        return list(s.execute(select(Shop.name).order_by(Shop.id)).scalars())


def add(tx, slug: str) -> None:
    INSERT_SHOP(tx.session, {"slug": slug, "name": slug.title(), "now": str(utcnow().replace(tzinfo=None))})


@pytest.fixture
def sessions(db_url):
    engine = make_engine(db_url)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture(params=["pooled", "kept"])
def transaction(request, sessions):
    """Both ways the one path gets a transaction: a pooled connection that may wait for the
    lock, and (on SQLite) the event loop's kept connection, whose BEGIN and COMMIT go to the
    driver directly and whose Session joins only when used."""
    if request.param == "pooled":
        yield pooled_transaction
        return
    transactions = Transactions(sessions)
    yield lambda _sessions: transactions.begin(wait=False)
    transactions.close()


def test_plain_sql_and_orm_changes_commit_together(sessions, transaction):
    before = shop_names(sessions)
    with transaction(sessions) as tx:
        add(tx, "plain")
        tx.session.add(Shop(slug="orm", name="Orm", profile={}, created_at=utcnow()))
        tx.commit()
    assert shop_names(sessions) == [*before, "Plain", "Orm"]


def test_a_block_left_without_commit_keeps_nothing(sessions, transaction):
    before = shop_names(sessions)
    with pytest.raises(RuntimeError):
        with transaction(sessions) as tx:
            add(tx, "lost")
            tx.session.add(Shop(slug="lost-orm", name="Lost", profile={}, created_at=utcnow()))
            tx.session.flush()
            raise RuntimeError("crash mid-message")
    with transaction(sessions) as tx:
        add(tx, "also-lost")  # no commit
    assert shop_names(sessions) == before


def test_a_driver_constraint_error_surfaces_as_sqlalchemys_integrity_error(sessions, transaction):
    with transaction(sessions) as tx:
        add(tx, "twice")
        with pytest.raises(IntegrityError):
            with tx.session.begin_nested():
                add(tx, "twice")
        tx.commit()  # the savepoint took the failed insert back; the first one stays
    assert shop_names(sessions).count("Twice") == 1


def test_the_loops_kept_connection_recovers_from_a_message_that_failed_midway(sessions):
    """wait=False reuses one connection (and an untouched Session) message after message: a
    failure inside one message must leave nothing behind, for the database or the next one."""
    transactions = Transactions(sessions)
    before = shop_names(sessions)
    try:
        with pytest.raises(RuntimeError):
            with transactions.begin(wait=False) as tx:
                add(tx, "half-done")
                tx.session.add(Shop(slug="half-orm", name="Half", profile={}, created_at=utcnow()))
                tx.session.flush()
                raise RuntimeError("crash mid-message")
        with transactions.begin(wait=False) as tx:
            add(tx, "next")
            tx.commit()
        with transactions.begin(wait=False) as tx:
            add(tx, "after")
            tx.commit()
    finally:
        transactions.close()
    assert shop_names(sessions) == [*before, "Next", "After"]


def test_orm_reads_alone_still_commit_the_plain_sql_writes(sessions, transaction):
    """The Session may be the first to touch SQLAlchemy's transaction (a read, on the kept
    connection); committing must still commit what plain SQL wrote before it."""
    before = shop_names(sessions)
    with transaction(sessions) as tx:
        add(tx, "before-read")
        assert tx.session.execute(select(Shop.name).where(Shop.slug == "before-read")).scalar_one() == "Before-Read"
        add(tx, "after-read")
        tx.commit()
    assert shop_names(sessions) == [*before, "Before-Read", "After-Read"]
