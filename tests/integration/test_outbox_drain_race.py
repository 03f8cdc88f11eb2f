"""The drain job and the pump on PostgreSQL, where a process has several db threads: the drain
looks for due rows while the pump claims them. A row the pump claimed after the drain's look
must stay the pump's claim, so that the pump's outcome is what the row ends with (the two-process
e2e run once left 34 replies `pending` under a fresh lease after they had been sent: they would
have gone out again once that lease ran out)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select

from bot.messages import Outbound
from storage import outbox as outbox_db
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
