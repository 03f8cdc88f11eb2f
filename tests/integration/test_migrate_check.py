"""`upgrade` reads whether the database is current without Alembic, and imports Alembic only when
there is something to do: a server started on a current database never carries it (~10 MB RSS)."""

from __future__ import annotations

import subprocess
import sys

from alembic import command
from alembic.script import ScriptDirectory

from storage.migrate import alembic_config, current_revisions, head_revisions, upgrade
from tests.e2e.server import ROOT

PROBE = ("import sys; from storage.migrate import upgrade, current_revisions; upgrade(sys.argv[1]); "
         "print(sorted(current_revisions(sys.argv[1])), 'alembic' in sys.modules, 'mako' in sys.modules)")


def probe(url: str) -> str:
    return subprocess.run([sys.executable, "-c", PROBE, url], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_the_heads_read_from_the_files_are_alembics_own():
    assert head_revisions() == frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def test_a_new_database_has_no_revision_and_one_upgrade_brings_it_to_the_head(tmp_path):
    url = f"sqlite:///{tmp_path / 'new' / 'kedai.db'}"
    assert current_revisions(url) == frozenset()
    upgrade(url)
    assert current_revisions(url) == head_revisions()


def test_on_a_current_database_alembic_is_never_imported(db_url):
    (head,) = head_revisions()
    assert probe(db_url) == f"['{head}'] False False"


def test_a_database_behind_the_head_is_still_upgraded(db_url):
    command.downgrade(alembic_config(db_url), "0012_own_shops")
    assert current_revisions(db_url) == {"0012_own_shops"}
    (head,) = head_revisions()
    assert probe(db_url) == f"['{head}'] True True"
