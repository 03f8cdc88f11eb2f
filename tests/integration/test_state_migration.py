"""Migration 0010: conversations in progress keep going after the states were renamed to
their flows' names (and a downgrade gives the old names back)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import insert, select

from storage.db import make_engine, session_factory, unit_of_work
from storage.migrate import alembic_config, upgrade
from storage.models import Conversation, Shop

OLD_TO_NEW = {"browse:home": "browsing:home", "pay:which": "payment:which", "promo:consent": "consent:asked",
              "seller:pick": "seller_stock:pick", "seller:photo": "seller_products:photo",
              "sorders:reason": "seller_orders:reason", "sp:conditions": "seller_promo:conditions",
              "sb:when": "seller_broadcast:when", "checkout:zone": "checkout:zone", "": ""}


def states(sessions) -> dict[str, str]:
    with unit_of_work(sessions) as s:
        return {party: state for party, state in s.execute(select(Conversation.party, Conversation.state))}


def test_stored_states_are_renamed_on_upgrade_and_back_on_downgrade(db_url):
    config = alembic_config(db_url)
    command.downgrade(config, "0009_processes")
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    try:
        with unit_of_work(sessions) as s:
            # Core, naming only the columns a shop had at 0009 (the model has gained some since).
            shop_id = s.execute(insert(Shop.__table__).values(slug="toko", name="Toko", profile={}, order_seq=0,
                                                              catalog_version=0)).inserted_primary_key[0]
            s.add_all([Conversation(shop_id=shop_id, party=f"customer:{n}", state=old, data={"cart": {"X": 1}})
                       for n, old in enumerate(OLD_TO_NEW)])
            s.commit()
        upgrade(db_url)
        assert states(sessions) == {f"customer:{n}": new for n, new in enumerate(OLD_TO_NEW.values())}
        command.downgrade(config, "0009_processes")
        assert states(sessions) == {f"customer:{n}": old for n, old in enumerate(OLD_TO_NEW)}
    finally:
        engine.dispose()
