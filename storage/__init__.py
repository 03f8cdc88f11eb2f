"""SQLAlchemy 2 typed models, engine and transaction set-up, Alembic migrations, and the
queries, one module per table (or family of tables) it writes: inbound, conversations,
identities, customers, sellers, shops, products, categories, orders, outbox, promotions,
broadcasts... A module is imported as `<table>_db` (`from storage import orders as orders_db`).

Rule: imports nothing of ours. Writes are named as verbs, reads as `fetch_*`.
"""
