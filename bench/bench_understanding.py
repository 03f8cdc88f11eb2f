"""How much of the Indonesian that customers and sellers really type Kedai understands:
the corpus in tests/corpus/ (docs/CORPUS.md) run through the real engine, scored per category,
with the count of messages that had to change nothing but changed state.

    .venv/bin/python bench/run.py understanding
    .venv/bin/python -m tests.corpus.runner -v      (the same, with every failure)
"""

from __future__ import annotations

from tests.corpus import runner


def main() -> int:
    report = runner.run_all()
    print(report.table())
    per_message = report.seconds / max(len(report.outcomes), 1) * 1000
    print(f"({len(report.outcomes)} messages in {report.seconds:.1f} s, {per_message:.1f} ms each "
          f"including a fresh database copy and the case's set-up)")
    kinds: dict[str, tuple[int, int]] = {}
    for o in report.outcomes:
        ok, n = kinds.get(o.case.kind, (0, 0))
        kinds[o.case.kind] = (ok + o.passed, n + 1)
    print("by expected outcome: " + ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
