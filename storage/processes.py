"""processes: running server processes and their heartbeats (see storage.models.Process)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import Process


def register(session: Session, host: str, pid: int, instance: str, role: str, now: datetime) -> int:
    process = Process(host=host[:255], pid=pid, instance=instance[:100], role=role[:40], started_at=now, heartbeat_at=now)
    session.add(process)
    session.flush()
    return process.id


def beat(session: Session, process_id: int, now: datetime) -> bool:
    """Records that the process is alive; False when its row is gone (another process judged it dead)."""
    done = session.execute(update(Process).where(Process.id == process_id).values(heartbeat_at=now)
                           .execution_options(synchronize_session=False))
    return done.rowcount > 0


def fetch_others(session: Session, process_id: int) -> Sequence[Row]:
    return session.execute(select(Process.id, Process.host, Process.pid, Process.instance, Process.role,
                                  Process.heartbeat_at).where(Process.id != process_id)).all()


def forget(session: Session, process_ids: Sequence[int]) -> None:
    if process_ids:
        session.execute(delete(Process).where(Process.id.in_(list(process_ids)))
                        .execution_options(synchronize_session=False))


def latest_heartbeat(session: Session) -> datetime | None:
    """The newest heartbeat of any server process: a recent one means a server is running."""
    return session.execute(select(func.max(Process.heartbeat_at))).scalar()
