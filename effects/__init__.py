"""Applying what flows ask for, inside the message's transaction: one registry
(`registry.APPLIERS`: {effect type: applier}); an applier returns an outcome value for the
flow's continuation to word, and adds notices (Outbound messages for other people). outbox.py
is the one place messages become outbox rows; order_actions.py is the seller's move on an
order, shared with the CLI.

Rule: effect and outcome types are declared low (conversations/, next to the flow that asks);
the appliers live here. May import adapters, conversations, orders, marketing, shops, catalog,
storage, language and texts.
"""
