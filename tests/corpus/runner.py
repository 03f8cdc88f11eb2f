"""Runs the understanding corpus (tests/corpus/cases/*.jsonl) through the real engine and
scores it per category. See docs/CORPUS.md for the case format.

    .venv/bin/python -m tests.corpus.runner [-v] [--category order] [--id ord-012]

Each case gets a fresh copy of a database holding the corpus shop, its own starting context,
one message, and a check of what changed (products, carts, orders, seller notices) and what
was said. A case whose expected outcome leaves everything as it was, but which changed
something, is also counted as a "wrong state change".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tests.corpus import adapter
from tests.corpus.adapter import Sandbox, Said, Snapshot

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
# Tuesday 24 November 2026, 10:00 WIB: the shop is open unless a case says otherwise.
DEFAULT_NOW = datetime(2026, 11, 24, 3, 0, tzinfo=timezone.utc)

CATEGORIES = ("order", "question_shop", "question_product", "not_sold", "cart_edit", "reorder", "handoff",
              "polite", "followup", "seller_change", "seller_nothing")
KINDS = ("cart", "clarify", "answer", "not_sold", "handoff", "checkout", "nothing", "change", "refused")
# Kinds whose outcome must leave products, carts and orders exactly as they were.
STILL = {"answer", "not_sold", "handoff", "nothing", "refused"}
HELDOUT = "heldout_"  # file-name prefix of the held-out set, and of its score lines

NOT_SOLD = re.compile(r"\b(tidak|belum|ga|gak|nggak|ngga|enggak|tak|bukan)\s+(kami\s+|ada\s+yang\s+)?"
                      r"(ada|jual|menjual|tersedia|sedia|menyediakan|punya|produk)\b")
NOT_UNDERSTOOD = re.compile(r"\b(belum|tidak|gak|ga|kurang)\s+(paham|mengerti|ngerti|dimengerti)\b", re.IGNORECASE)
QUESTION = re.compile(r"\?|\b(yang mana|pilih)\b", re.IGNORECASE)


@dataclass
class Case:
    id: str
    category: str
    role: str
    text: str
    expect: dict[str, Any]
    context: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    heldout: bool = False  # from a heldout_*.jsonl file: written blind, scored apart (docs/CORPUS.md)

    @property
    def kind(self) -> str:
        return str(self.expect["kind"])

    @property
    def group(self) -> str:
        """The score line the case counts in: its category, or "heldout_" + category."""
        return f"{HELDOUT}{self.category}" if self.heldout else self.category


@dataclass
class Outcome:
    case: Case
    passed: bool
    wrong_change: bool
    problems: list[str]
    said: str
    stray_change: bool = False  # state changed, and not to the expected outcome


def load_cases(folder: Path = CASES) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    cases.append(Case(**json.loads(line), heldout=path.name.startswith(HELDOUT)))
                except (TypeError, ValueError) as exc:
                    raise ValueError(f"{path.name}:{n}: {exc}") from exc
    return cases


def validate(cases: list[Case], skus: set[str]) -> list[str]:
    """Mistakes in the case files themselves (unknown skus, kinds, duplicate ids)."""
    errors: list[str] = []
    seen: Counter[str] = Counter(c.id for c in cases)
    errors += [f"duplicate id {i}" for i, n in seen.items() if n > 1]
    for c in cases:
        if c.category not in CATEGORIES:
            errors.append(f"{c.id}: unknown category {c.category}")
        if c.role not in ("customer", "seller"):
            errors.append(f"{c.id}: role must be customer or seller")
        if c.expect.get("kind") not in KINDS:
            errors.append(f"{c.id}: unknown expect kind {c.expect.get('kind')}")
        if c.context.get("first_contact") and {"cart", "previous_order", "before"} & set(c.context):
            errors.append(f"{c.id}: a first contact has no cart, previous order or earlier turns")
        if c.expect.get("kind") == "clarify" and not c.expect.get("among"):
            errors.append(f"{c.id}: a clarifying question names the products it must offer (among)")
        if c.expect.get("kind") == "change" and not c.expect.get("products"):
            errors.append(f"{c.id}: a change names the product fields after it (products)")
        if c.expect.get("kind") == "answer" and not c.expect.get("facts"):
            errors.append(f"{c.id}: an answer names the facts it must contain (facts)")
        named = list(c.expect.get("cart", {})) + list(c.expect.get("among", [])) + list(c.expect.get("products", {}))
        named += list(c.context.get("cart", {})) + list(c.context.get("previous_order", {}))
        named += list(c.context.get("products", {}))
        errors += [f"{c.id}: unknown sku {s}" for s in named if s not in skus]
    return errors


class Runner:
    """Builds the corpus shop once, then runs cases one by one, each on a fresh copy of it."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="kedai-corpus-")
        workdir = Path(self._tmp.name)
        self.template = workdir / "template.db"
        adapter.build_template(self.template)
        self.space = adapter.Workspace(self.template, workdir)
        rows = adapter.catalog_rows((HERE / "catalog.csv").read_text(encoding="utf-8"))
        self.rows = {r["sku"]: r for r in rows}

    def close(self) -> None:
        self.space.close()
        self._tmp.cleanup()

    def run(self, case: Case) -> Outcome:
        now = datetime.fromisoformat(case.context["now"]) if "now" in case.context else DEFAULT_NOW
        box = Sandbox(self.space, now)
        try:
            sender = adapter.SELLER if case.role == "seller" else adapter.CUSTOMER
            try:
                self._setup(box, case, sender)
            except Exception as exc:  # noqa: BLE001 - a context that cannot be built is reported, not raised
                return Outcome(case, False, False, [f"setup failed: {exc!r}"], "")
            before = box.snapshot()
            try:
                said = box.send(sender, case.text)
            except Exception as exc:  # noqa: BLE001 - "no input ever makes a 500": a crash is a failure
                return Outcome(case, False, False, [f"engine raised {exc!r}"], "")
            after = box.snapshot()
            if case.kind == "change" and not self._reached(case, after) and self._reads_back(case, said):
                # A big change read back and asked about ("yakin?") is right: a careful seller who
                # sees the intended values in the question confirms it once.
                extra = box.send(sender, "ya")
                said = Said(said.texts + extra.texts, said.buttons + extra.buttons)
                after = box.snapshot()
            return self._judge(box, case, before, after, said)
        finally:
            box.close()

    def _setup(self, box: Sandbox, case: Case, sender: str) -> None:
        ctx = case.context
        if ctx.get("products"):
            box.set_products(ctx["products"])
        if case.role == "customer" and not ctx.get("first_contact"):
            # The customer has said hello already, so the greeting (which shows the address and
            # hours) cannot answer the measured message for it.
            box.ensure_customer(adapter.CUSTOMER)
        if ctx.get("previous_order"):
            box.previous_order(adapter.CUSTOMER, ctx["previous_order"], ctx.get("order_status", "completed"),
                               ctx.get("order_payment", "cod"))
        if "cart" in ctx:
            box.set_cart(adapter.CUSTOMER, ctx["cart"])
        for turn in ctx.get("before", []):
            if isinstance(turn, str):
                box.send(sender, turn)
            else:
                box.press(sender, turn["press"])

    def _reached(self, case: Case, after: Snapshot) -> bool:
        return all(after.products[s][f] == v for s, fields in case.expect["products"].items() for f, v in fields.items())

    def _reads_back(self, case: Case, said: Said) -> bool:
        """The bot asks about the change, and the question shows every value the seller meant."""
        if not QUESTION.search(said.text):
            return False
        for fields in case.expect["products"].values():
            for f, v in fields.items():
                if f == "price" and not has(said.text, "Rp" + f"{v:,}".replace(",", ".")):
                    return False
                if f == "stock" and not has(said.text, rf"re:(?<![\d.]){v}(?![\d.])"):
                    return False
        return True

    def _judge(self, box: Sandbox, case: Case, before: Snapshot, after: Snapshot, said: Said) -> Outcome:
        e = case.expect
        problems: list[str] = []
        shopper = box.party(adapter.CUSTOMER) if case.role == "customer" else None
        start_cart = before.carts.get(shopper or "", {})
        cart = after.carts.get(shopper or "", {})
        expected_cart = e.get("cart", start_cart) if case.kind in ("cart", "clarify", "checkout") else start_cart
        expected_products = e.get("products", {}) if case.kind == "change" else {}
        product_diff = diff_products(before, after)
        order_diff = {k: v for k, v in after.orders.items() if before.orders.get(k) != v}
        other_carts = {p: c for p, c in after.carts.items() if p != shopper and before.carts.get(p, {}) != c}
        if shopper is not None and cart != expected_cart:
            problems.append(f"cart {fmt(cart)}, expected {fmt(expected_cart)}")
        if other_carts:  # e.g. a seller's stock sentence filling the seller's own shopping cart
            problems.append(f"another cart changed: {other_carts}")
        for sku, fields in expected_products.items():
            got = {f: after.products[sku][f] for f in fields}
            if got != fields:
                problems.append(f"{sku} {got}, expected {fields}")
        stray_products = {s: d for s, d in product_diff.items() if s not in expected_products}
        if stray_products:
            problems.append(f"products changed: {stray_products}")
        if order_diff:
            problems.append(f"orders changed: {order_diff}")
        problems += self._words(box, case, said, before, after)
        changed = bool(product_diff or order_diff or other_carts or cart != start_cart)
        must_stay = case.kind in STILL or (case.kind in ("cart", "clarify", "checkout") and expected_cart == start_cart)
        # State moved somewhere the expected outcome does not go (a wrong product, a cart filled
        # by a question, half an order); on a message that had to change nothing, any change is
        # the "wrong state change" the issue counts.
        missed = any(s in product_diff and {f: after.products[s][f] for f in fields} != fields
                     for s, fields in expected_products.items())
        stray = bool(stray_products or missed or order_diff or other_carts or (cart != start_cart and cart != expected_cart))
        return Outcome(case, not problems, must_stay and changed, problems, said.text, stray)

    def _words(self, box: Sandbox, case: Case, said: Said, before: Snapshot, after: Snapshot) -> list[str]:
        """Checks on what was said (and whether the sellers were told)."""
        e = case.expect
        problems: list[str] = []
        text = said.text + "\n" + "\n".join(label for label, _ in said.buttons)
        for fact in e.get("facts", []):
            if not any(has(text, alt) for alt in (fact if isinstance(fact, list) else [fact])):
                problems.append(f"reply lacks {fact!r}")
        problems += [f"reply has {bad!r}" for bad in e.get("absent", []) if has(text, bad)]
        offered = self.offered(said)
        if case.kind == "clarify":
            missing = [s for s in e["among"] if not self.mentions(said, s)]
            if missing or not (QUESTION.search(said.text) or said.buttons):
                problems.append(f"no question offering {missing or e['among']}")
        if case.kind == "not_sold":
            if not NOT_SOLD.search(said.text.lower()):
                problems.append("does not say plainly that it is not sold")
            if offered:
                problems.append(f"offers {sorted(offered)}")
        if case.kind == "nothing" and case.role == "customer":
            if offered:
                problems.append(f"offers {sorted(offered)}")
            if echoed(case.text, said.text):
                problems.append("searched the words as a product")
            if NOT_UNDERSTOOD.search(said.text):
                problems.append("answers a polite word with 'not understood'")
        if case.kind == "handoff" and after.seller_notices <= before.seller_notices:
            problems.append("no seller was told")
        if case.kind == "checkout" and not box.in_checkout(after, adapter.CUSTOMER):
            problems.append("checkout not started")
        if case.kind == "refused" and not said.text.strip():
            problems.append("no reply")
        return problems

    def offered(self, said: Said) -> set[str]:
        """Products the reply puts forward as buttons (by sku in the value, or by name in the label)."""
        found: set[str] = set()
        for label, value in said.buttons:
            found |= adapter.skus_in_value(value, set(self.rows))
            low = label.lower()
            found |= {s for s, r in self.rows.items() if r["name"].lower() in low}
        return found

    def mentions(self, said: Said, sku: str) -> bool:
        """The reply names this product (or, for an option, its product and the option)."""
        if any(sku in adapter.skus_in_value(v, {sku}) for _, v in said.buttons):
            return True
        text = (said.text + "\n" + "\n".join(label for label, _ in said.buttons)).lower()
        row = self.rows[sku]
        if adapter.display_name(row).lower() in text:
            return True
        return bool(row["option"]) and row["name"].lower() in text and has(text, "re:\\b" + re.escape(row["option"]) + "\\b")


def diff_products(before: Snapshot, after: Snapshot) -> dict[str, dict[str, str]]:
    """Per sku, the fields that changed as "before -> after" (a new product shows None before)."""
    out: dict[str, dict[str, str]] = {}
    for sku in set(before.products) | set(after.products):
        b, a = before.products.get(sku) or {}, after.products.get(sku) or {}
        changed = {f: f"{b.get(f)} -> {a.get(f)}" for f in adapter.PRODUCT_FIELDS if b.get(f) != a.get(f)}
        if changed:
            out[sku] = changed
    return out


def has(text: str, fact: str) -> bool:
    """A fact in a reply: case-insensitive, spaces folded; "re:" makes it a regular expression."""
    if fact.startswith("re:"):
        return re.search(fact[3:], text, re.IGNORECASE) is not None
    fold = lambda s: re.sub(r"\s+", " ", s.replace("–", "-").replace("—", "-")).lower()  # noqa: E731
    return fold(fact) in fold(text)


def echoed(message: str, reply: str) -> bool:
    """The reply quotes the whole message back, as a search for it does (“misi kak” belum ketemu)."""
    words = " ".join(message.lower().split()).strip(" !?.")
    low = reply.lower()
    return any(f"{q1}{words}{q2}" in low for q1, q2 in (("“", "”"), ('"', '"'), ("'", "'"))) if words else False


def fmt(cart: dict[str, int]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in cart.items()) + "}"


@dataclass
class Report:
    outcomes: list[Outcome]
    seconds: float

    def by_category(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for group in (*CATEGORIES, *(HELDOUT + c for c in CATEGORIES)):
            mine = [o for o in self.outcomes if o.case.group == group]
            if mine:
                out[group] = (sum(o.passed for o in mine), len(mine))
        return out

    @property
    def wrong_changes(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.wrong_change]

    @property
    def stray_changes(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.stray_change]

    @property
    def total(self) -> tuple[int, int]:
        return sum(o.passed for o in self.outcomes), len(self.outcomes)

    def table(self) -> str:
        lines = [f"{'category':26} {'passed':>7} {'of':>4} {'score':>7}"]
        for cat, (ok, n) in self.by_category().items():
            lines.append(f"{cat:26} {ok:7d} {n:4d} {ok / n:7.1%}")
        for name, mine in (("TOTAL original", [o for o in self.outcomes if not o.case.heldout]),
                           ("TOTAL held-out", [o for o in self.outcomes if o.case.heldout])):
            if mine:
                ok = sum(o.passed for o in mine)
                lines.append(f"{name:26} {ok:7d} {len(mine):4d} {ok / len(mine):7.1%}")
        lines.append(f"wrong state changes (a message that had to change nothing changed state): {len(self.wrong_changes)}")
        lines.append(f"stray changes (state changed, and not to the expected outcome): {len(self.stray_changes)}")
        return "\n".join(lines)


def run_all(cases: list[Case] | None = None) -> Report:
    cases = load_cases() if cases is None else cases
    runner = Runner()
    try:
        errors = validate(cases, set(runner.rows))
        if errors:
            raise ValueError("corpus case errors:\n" + "\n".join(errors))
        started = time.perf_counter()
        outcomes = [runner.run(c) for c in cases]
        return Report(outcomes, time.perf_counter() - started)
    finally:
        runner.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failure with the reply")
    parser.add_argument("--category", action="append", help="only this category (repeatable)")
    parser.add_argument("--id", action="append", help="only this case id (repeatable)")
    parser.add_argument("--heldout", action="store_true", help="only the held-out set (heldout_*.jsonl)")
    parser.add_argument("--original", action="store_true", help="only the original set")
    args = parser.parse_args(argv)
    cases = load_cases()
    if args.heldout or args.original:
        cases = [c for c in cases if c.heldout == args.heldout]
    if args.category:
        cases = [c for c in cases if c.category in args.category]
    if args.id:
        cases = [c for c in cases if c.id in args.id]
    report = run_all(cases)
    if args.verbose:
        for o in report.outcomes:
            if not o.passed:
                flag = "  [WRONG STATE CHANGE]" if o.wrong_change else ("  [stray change]" if o.stray_change else "")
                print(f"--- {o.case.id} ({o.case.category}/{o.case.kind}){flag}: {o.case.text!r}")
                for p in o.problems:
                    print(f"    ✗ {p}")
                print("    bot: " + o.said.replace("\n", "\n         ")[:600])
    print(report.table())
    print(f"({len(report.outcomes)} messages in {report.seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
