"""Claims against the jobs that put rows back, on PostgreSQL (several db threads per process,
several processes): the drain job and the reaper each look at rows and then change them, while the
pump claims rows. A row claimed in between must stay that claim, so that its send's outcome is what
the row ends with (the two-process e2e once left 34 replies `pending` under a fresh lease after
they had been sent: they would have gone out again once that lease ran out)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select

from bot.messages import Outbound
from storage import outbox as outbox_db
from storage import processes as processes_db
from storage.db import unit_of_work
from storage.models import OutboxMessage
from tests.support import NOW, seeded_engine


def test_a_row_claimed_while_the_drain_looks_stays_claimed_and_its_send_is_settled(pg_url):
    _, sessions = seeded_engine(pg_url)
    with unit_of_work(sessions) as s:
        [row_id] = outbox_db.add_outbox(s, [{"shop_id": 1, "channel": "telegram", "recipient": "501",
                                             "payload": Outbound("telegram", "501", "Halo Kak").payload()}], NOW)
        s.commit()
    claims: list = []  # type: ignore[type-arg]

    def pump_claims_meanwhile(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        """Between the drain's look and its update (two statements, each its own snapshot in
        READ COMMITTED), the pump on another connection claims the row and commits."""
        if statement.startswith("UPDATE outbox SET status") and not claims:
            with unit_of_work(sessions) as other:
                claims.extend(outbox_db.claim_due(other, ["telegram"], NOW, 48, owner=None))
                other.commit()

    with unit_of_work(sessions) as s:
        event.listen(s.connection(), "before_cursor_execute", pump_claims_meanwhile)
        assert outbox_db.due_ids(s, ["telegram"], NOW, 200) == [row_id]  # it saw the row pending
        s.commit()
    [claimed] = claims

    with sessions() as s:
        row = s.execute(select(OutboxMessage).where(OutboxMessage.id == row_id)).scalar_one()
        # still the pump's claim, under its lease: not handed out again
        assert (row.status, row.attempts) == ("sending", 1)
    with unit_of_work(sessions) as s:  # the pump's send went out: its outcome is written
        outbox_db.settle(s, [("sent", {"id": claimed.id, "attempts": claimed.attempts, "provider_id": "77"})],
                         NOW + timedelta(seconds=1))
        s.commit()
    with sessions() as s:
        assert s.execute(select(OutboxMessage.status).where(OutboxMessage.id == row_id)).scalar_one() == "sent"
        # nothing is due later either: no second send once the lease would have run out
        assert outbox_db.due_ids(s, ["telegram"], NOW + outbox_db.STUCK_AFTER + timedelta(minutes=1), 200) == []


def test_a_dead_process_s_row_that_another_reaper_gave_back_and_the_leader_claimed_stays_the_leader_s(pg_url):
    """Every process reaps at its beat. Two of them find the dead one's row; the first puts it back,
    the leader claims it; the second must not put the leader's fresh claim back too."""
    _, sessions = seeded_engine(pg_url)
    with unit_of_work(sessions) as s:
        leader = processes_db.register(s, "host", 101, "", "serve", NOW)
        dead = processes_db.register(s, "host", 102, "", "serve", NOW)
        [row_id] = outbox_db.add_outbox(s, [{"shop_id": 1, "channel": "telegram", "recipient": "502",
                                             "payload": Outbound("telegram", "502", "Halo Kak").payload()}], NOW)
        outbox_db.claim(s, [row_id], NOW, ["telegram"], dead)
        processes_db.forget(s, [dead])  # its row is gone: judged dead
        s.commit()
    claims: list = []  # type: ignore[type-arg]

    def first_reaper_and_leader_meanwhile(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("UPDATE outbox") and not claims:
            with unit_of_work(sessions) as other:
                assert outbox_db.reclaim_orphans(other, NOW) == [row_id]
                other.commit()
            with unit_of_work(sessions) as other:
                claims.extend(outbox_db.claim_due(other, ["telegram"], NOW, 48, owner=leader))
                other.commit()

    with unit_of_work(sessions) as s:
        event.listen(s.connection(), "before_cursor_execute", first_reaper_and_leader_meanwhile)
        outbox_db.reclaim_orphans(s, NOW)
        s.commit()
    assert [c.id for c in claims] == [row_id]
    with sessions() as s:
        row = s.execute(select(OutboxMessage).where(OutboxMessage.id == row_id)).scalar_one()
        assert (row.status, row.claimed_by, row.attempts) == ("sending", leader, 2)
