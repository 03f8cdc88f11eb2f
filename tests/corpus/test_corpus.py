"""The understanding corpus: per-category scores may only go up, wrong state changes only down.

The floors live in floors.json (today's measured scores, rounded down). When a change makes
the bot understand more, raise the floors in the same commit (`python -m tests.corpus.runner`
prints the scores); a lower score or more wrong state changes fails here with the failures listed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.corpus import runner
from tests.corpus.adapter import catalog_rows

HERE = Path(__file__).resolve().parent


def test_case_files_are_well_formed():
    """Every case names a known category, kind and sku; ids are unique; the corpus is big enough."""
    cases = runner.load_cases()
    skus = {r["sku"] for r in catalog_rows((HERE / "catalog.csv").read_text(encoding="utf-8"))}
    assert runner.validate(cases, skus) == []
    assert len(cases) >= 400
    assert {c.category for c in cases} == set(runner.CATEGORIES)
    assert {c.role for c in cases} == {"customer", "seller"}


def test_the_runner_catches_wrong_outcomes():
    """The checks can fail: an order judged as a question is a wrong state change, a wrong cart
    is a failure, and a right expectation passes."""
    order = dict(category="order", role="customer", text="basreng 4")
    cases = [
        runner.Case(id="t-right", expect={"kind": "cart", "cart": {"BSR-PDS": 4}}, **order),
        runner.Case(id="t-wrong-cart", expect={"kind": "cart", "cart": {"BSR-PDS": 3}}, **order),
        runner.Case(id="t-must-stay", expect={"kind": "answer", "facts": ["Rp18.000"]}, **order),
    ]
    report = runner.run_all(cases)
    by_id = {o.case.id: o for o in report.outcomes}
    assert by_id["t-right"].passed, by_id["t-right"].problems
    assert not by_id["t-wrong-cart"].passed and not by_id["t-wrong-cart"].wrong_change
    assert not by_id["t-must-stay"].passed and by_id["t-must-stay"].wrong_change


@pytest.mark.parametrize("heldout", [False, True], ids=["original", "heldout"])
def test_scores_hold_the_floors(heldout):
    """One run for every check of a set (under pytest-xdist a shared fixture would run once per
    worker); the original and the held-out set are two tests, so two workers share the work."""
    report = runner.run_all([c for c in runner.load_cases() if c.heldout == heldout])
    floors = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))
    scores = report.by_category()
    mine = {cat for cat in floors["categories"] if cat.startswith(runner.HELDOUT) == heldout}
    assert mine == set(scores), "every category needs a floor in floors.json"

    below = {cat: f"{ok}/{n} = {100 * ok / n:.1f}% < {floors['categories'][cat]}%"
             for cat, (ok, n) in scores.items() if 100 * ok / n < floors["categories"][cat]}
    assert not below, f"{below}\n{failures(report.outcomes, lambda o: o.case.category in below)}"

    wrong = report.wrong_changes
    allowed = floors["wrong_state_changes_max"]
    assert len(wrong) <= allowed, (f"{len(wrong)} wrong state changes (at most {allowed}):\n"
                                   f"{failures(wrong, lambda o: True)}")

    # A floor far below today's score would let a regression through: raise it with the fix.
    stale = {cat: f"floor {floors['categories'][cat]}%, measured {100 * ok / n:.1f}%"
             for cat, (ok, n) in scores.items() if floors["categories"][cat] < math.floor(100 * ok / n) - 5}
    assert not stale, f"raise these floors in tests/corpus/floors.json: {stale}"


def failures(outcomes: list[runner.Outcome], which: Callable[[runner.Outcome], bool]) -> str:
    return "\n".join(f"{o.case.id}: {o.case.text!r}: {'; '.join(o.problems)}"
                     for o in outcomes if (not o.passed or o.wrong_change) and which(o))
