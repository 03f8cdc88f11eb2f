"""conversations: each party's state and JSON data, saved only if nobody saved since it was
read (a version check; StaleConversation makes the engine redo the message)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.fastsql import Sql, from_db_json, to_db_json, to_db_time
from storage.models import Conversation


class StaleConversation(Exception):
    """Someone else saved this conversation first; the whole message is retried."""


@dataclass(frozen=True)
class Loaded:
    """A conversation as read, with the version its save must still find."""

    id: int
    state: str
    data: dict[str, Any]
    version: int


_LOAD_CONVERSATION = Sql("SELECT id, state, data, version FROM conversations WHERE shop_id = :shop_id AND party = :party")


def load_conversation(session: Session, shop_id: int, party: str) -> Loaded | None:
    row = _LOAD_CONVERSATION(session, {"shop_id": shop_id, "party": party}).first()
    return Loaded(row[0], row[1], from_db_json(row[2]) or {}, row[3]) if row else None


_INSERT_CONVERSATION = Sql(
    "INSERT INTO conversations (shop_id, party, state, data, version, updated_at) "
    "VALUES (:shop_id, :party, :state, :data, 1, :now)",
    "INSERT INTO conversations (shop_id, party, state, data, version, updated_at) "
    "VALUES (:shop_id, :party, :state, CAST(:data AS JSON), 1, :now)",
)


_UPDATE_CONVERSATION = Sql(
    "UPDATE conversations SET state = :state, data = :data, version = version + 1, updated_at = :now "
    "WHERE id = :id AND version = :version",
    "UPDATE conversations SET state = :state, data = CAST(:data AS JSON), version = version + 1, updated_at = :now "
    "WHERE id = :id AND version = :version",
)


def save_conversation(session: Session, shop_id: int, party: str, loaded: Loaded | None, state: str,
                      data: dict[str, Any], now: datetime) -> None:
    """Saves only if nobody saved since `loaded` was read; raises StaleConversation otherwise."""
    if loaded is not None and loaded.state == state and loaded.data == data:
        return
    params = {"state": state, "data": to_db_json(data), "now": to_db_time(session, now)}
    if loaded is None:
        try:
            with session.begin_nested():
                _INSERT_CONVERSATION(session, {**params, "shop_id": shop_id, "party": party})
        except IntegrityError as exc:  # a concurrent first message created it
            raise StaleConversation(party) from exc
        return
    if _UPDATE_CONVERSATION(session, {**params, "id": loaded.id, "version": loaded.version}).rowcount != 1:
        raise StaleConversation(party)


def delete_conversation(session: Session, conversation_id: int, version: int) -> bool:
    """Deletes it unless someone saved it since it was loaded (then the caller redoes its step)."""
    result = session.execute(delete(Conversation).where(Conversation.id == conversation_id,
                                                        Conversation.version == version))
    return result.rowcount == 1
