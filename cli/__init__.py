"""The `kedai` command groups, one module each (db, serve and chat, catalog, seller, orders,
shop, promo, broadcast); common.py holds what they share (the prepared database, a session,
the shop a command is for). The command names and options are an interface
(docs/INTERFACES.md).

Rule: the top of the stack: may import everything; nothing imports cli/ but main.py.
"""
