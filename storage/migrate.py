"""Alembic wiring so `kedai db upgrade` works from any working directory.

Every `kedai` command, `kedai serve` included, upgrades the database first. Alembic and the Mako
it imports cost a long-running server ~10 MB of RSS that it never uses again, so whether there is
anything to do is read from the revision files and the `alembic_version` table, and Alembic is
imported only when there is."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    if url.startswith("sqlite:///"):
        Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    if revision == "head" and current_revisions(url) == head_revisions():
        return
    from alembic import command

    command.upgrade(alembic_config(url), revision)


@cache
def head_revisions() -> frozenset[str]:
    """The revisions no other revision builds on, from the module-level `revision` and
    `down_revision` assignments of the files in versions/."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        fields = _assignments(path)
        revisions.add(fields["revision"])
        down = fields.get("down_revision")
        parents.update([down] if isinstance(down, str) else down or ())
    return frozenset(revisions - parents)


def _assignments(path: Path) -> dict:
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value is not None:
            found[target.id] = ast.literal_eval(node.value)
    return found


def current_revisions(url: str) -> frozenset[str]:
    """What `alembic_version` holds; empty for a new database (no such table yet)."""
    from sqlalchemy import create_engine, inspect, text

    if url.startswith("sqlite:///") and not Path(url.split("///", 1)[1]).exists():
        return frozenset()  # not made here: reading must not leave an empty file behind
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return frozenset()
            return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    finally:
        engine.dispose()


@cache
def known_revisions() -> frozenset[str]:
    """Every revision this version of Kedai has a migration for: a database at any of them can be
    brought to head by `upgrade`; one at another revision was made by a newer Kedai."""
    return frozenset(_assignments(path)["revision"] for path in (MIGRATIONS / "versions").glob("*.py"))
