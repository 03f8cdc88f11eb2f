from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from storage import ledger_models  # noqa: F401  (registers the books' tables)
from storage import person_models  # noqa: F401  (registers the faqs table)
from storage import promo_models  # noqa: F401  (registers the promotion and broadcast tables)
from storage import kitchen_models  # noqa: F401  (registers the quota and cluster tables)
from storage import regular_models  # noqa: F401  (registers the reviews and loyalty tables)
from storage import counter_models  # noqa: F401  (registers the change counters)
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # render_as_batch lets later migrations alter SQLite tables (copy-and-move).
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
