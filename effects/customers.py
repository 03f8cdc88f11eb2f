"""Customer effects: the name given at checkout, remembered for the next order."""

from __future__ import annotations

from conversations.customer.placing import SetCustomerName
from effects.env import Env
from storage import customers as customers_db


def set_name(env: Env, effect: SetCustomerName) -> None:
    customers_db.set_customer_name(env.session, env.who.customer_id, effect.name)


APPLIERS = {SetCustomerName: set_name}
