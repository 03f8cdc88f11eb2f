"""Rankings ("yg paling murah", "keripik yg paling murah") at 10,000 products, in process:
engine.handle on the event loop's kept SQLite connection, as `kedai serve` runs it. A ranking
runs inside the message's transaction on the loop, so its time is every other chat's wait.

Run from the repository root: `.venv/bin/python -m bench.bench_rankings [--products N]`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.servers import catalog_db, copy_db
from bot.bootstrap import build
from bot.messages import Inbound
from config import Settings

QUESTIONS = [
    ("the whole shop, by price", "yg paling murah apa kak"),
    ("the whole shop, by units sold", "yg paling laris apa kak"),
    ("a category's words", "keripik yg paling murah apa"),
    ("a product's words", "sambal bawang yg paling mahal"),
    ("a product's words, with a typo", "nastarr yg paling murah"),
    ("the whole shop, by spiciness", "yg paling pedes apa kak"),
]
PEOPLE = 12


def main(products: int = 10_000) -> int:
    db = copy_db(catalog_db(products), Path(tempfile.mkdtemp(prefix="kedai-bench-rankings-")) / "kedai.db")
    kedai = build(Settings(database_url=f"sqlite:///{db}"), serving=True)
    engine = kedai.engine
    sent = 0

    answers: dict[str, str] = {}

    def ask(person: str, text: str) -> float:
        nonlocal sent
        sent += 1
        inbound = Inbound(channel="simulator", sender=person, message_id=f"r{sent}", text=text)
        started = time.perf_counter()
        handled = engine.handle(inbound, wait=False)
        spent = time.perf_counter() - started
        answers[text] = handled.replies[0].text.split("\n")[0] if handled.replies else ""
        return spent

    ask("warm-up", "nastar")  # the search index, built by a catalog's first search
    # Each question asked by people who have just said hello: after a ranking, the next one is
    # over the list just shown, not over the shop.
    people = {text: [f"ranker-{q}-{n}" for n in range(PEOPLE)] for q, (_, text) in enumerate(QUESTIONS)}
    for person in (p for group in people.values() for p in group):
        ask(person, "halo")
    print(f"rankings at {products:,} products (engine.handle, median of {PEOPLE} people; ms):")
    for label, text in QUESTIONS:
        spent = sorted(ask(person, text) for person in people[text])
        print(f"  {label:32s} {text!r:32s} median {statistics.median(spent) * 1000:6.1f}  max {spent[-1] * 1000:6.1f}"
              f"  -> {answers[text][:60]}")
    kedai.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    raise SystemExit(main(parser.parse_args().products))
