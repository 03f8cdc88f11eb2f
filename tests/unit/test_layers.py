"""The layout holds: imports point down the layers (docs/ARCHITECTURE.md), no import circle,
the pure layers stay pure, one name per imported module, no source file over 400 lines, and
no source file cites a document the repository lacks.

Every import counts, wherever it is written: at the top, inside a function, or under
`if TYPE_CHECKING:` (ast.walk sees them all), so a circle cannot hide behind a late import.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. A package may import its own modules and any package of a lower layer;
# packages of one layer may not import each other.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"config", "texts", "language", "storage", "media"}),
    frozenset({"catalog"}),
    frozenset({"shops"}),
    frozenset({"marketing"}),
    frozenset({"books"}),  # the ledger and reports: orders post their entries in their own transaction
    frozenset({"orders"}),
    frozenset({"conversations"}),
    frozenset({"handlers"}),
    frozenset({"adapters"}),
    frozenset({"effects"}),
    frozenset({"scheduler"}),
    frozenset({"bot"}),
    frozenset({"cli"}),
    frozenset({"main"}),
)
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}
# The flows and the routers run without a database or a network: they may not even import them.
PURE = {"conversations", "handlers", "language", "texts"}
NOT_IN_PURE = {"storage", "sqlalchemy", "fastapi", "starlette", "telegram", "twilio", "httpx", "requests"}
# Below bot/, nothing knows a channel's SDK or the web framework.
CHANNEL_SDKS = {"telegram", "twilio", "fastapi", "starlette", "uvicorn"}
MAX_LINES = 400


def source_files() -> dict[str, str]:
    """Every Python file of the application (not tests, benches or migrations), by repo path."""
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        top = rel.split("/")[0].removesuffix(".py")
        if top in RANK and "/migrations/" not in rel:
            out[rel] = path.read_text(encoding="utf-8")
    return out


def module_name(rel: str) -> str:
    return rel.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def imports(source: str, module: str) -> Iterable[tuple[int, str]]:
    """(line, imported module) for every import statement anywhere in the source. `from a import b`
    yields a.b when that could be a module (resolved against the known files later) and a."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                parts = module.split(".")[: -node.level]
                base = ".".join(parts + ([base] if base else []))
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def violations(files: Mapping[str, str]) -> list[str]:
    """Upward or sideways imports between our packages, and impure imports in the pure ones."""
    found = []
    for rel, source in files.items():
        module = module_name(rel)
        own = module.split(".")[0]
        for line, target in imports(source, module):
            top = target.split(".")[0]
            if top in RANK and top != own and RANK[top] >= RANK[own]:
                found.append(f"{rel}:{line} {own} (layer {RANK[own]}) imports {target} (layer {RANK[top]})")
            if own in PURE and top in NOT_IN_PURE:
                found.append(f"{rel}:{line} {own} must stay pure but imports {target}")
            if RANK[own] < RANK["bot"] and top in CHANNEL_SDKS:
                found.append(f"{rel}:{line} {own} is below bot/ but imports {target}")
    return sorted(set(found))


def cycles(files: Mapping[str, str]) -> list[list[str]]:
    """Import circles between modules (Tarjan's strongly connected components)."""
    modules = {module_name(rel) for rel in files}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for rel, source in files.items():
        module = module_name(rel)
        for _, target in imports(source, module):
            if target in modules and target != module:
                graph[module].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for m in sorted(graph):
        if m not in index:
            visit(m)
    return found


def test_every_import_points_down_the_layers():
    assert violations(source_files()) == []


def test_no_module_imports_itself_back_in_a_circle():
    assert cycles(source_files()) == []


def test_every_package_of_ours_has_a_layer():
    """A new top-level package must be given its place in LAYERS (and docs/ARCHITECTURE.md)."""
    tops = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in ("tests", "bench")}
    assert tops - set(RANK) == set()


def test_the_checker_catches_an_upward_a_sideways_an_impure_and_a_hidden_import():
    files = {
        "catalog/x.py": "from bot.engine import Engine\n",  # upward
        "shops/y.py": "def f():\n    from marketing import window\n",  # upward, inside a function
        "orders/z.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from effects.env import Env\n",
        "language/w.py": "from storage import orders as orders_db\n",  # sideways in layer 0
        "conversations/v.py": "import sqlalchemy\n",  # impure
        "marketing/u.py": "from fastapi import FastAPI\n",  # a web framework below bot/
        "bot/fine.py": "from storage.db import unit_of_work\nfrom .messages import Inbound\n",  # downward: fine
    }
    found = violations(files)
    assert sorted({f.split(" ")[0] for f in found}) == ["catalog/x.py:1", "conversations/v.py:1", "language/w.py:1",
                                                 "marketing/u.py:1", "orders/z.py:3", "shops/y.py:2"]


def test_the_checker_catches_a_circle_hidden_in_a_function():
    files = {"effects/a.py": "from effects import b\n", "effects/b.py": "def f():\n    from effects.a import x\n",
             "effects/c.py": "from effects import a\n"}
    assert cycles(files) == [["effects.a", "effects.b"]]


def test_no_source_file_is_longer_than_400_lines():
    long = {rel: n for rel, src in source_files().items() if (n := len(src.splitlines())) > MAX_LINES}
    assert long == {}


def test_each_module_of_ours_is_imported_under_one_name_and_each_name_means_one_module():
    """`cq` once meant catalog_queries in one file and customer_queries in another. The one short
    alias allowed is `t`: a file's own texts module (texts.id.<area> as t)."""
    by_module: dict[str, set[str]] = {}
    by_alias: dict[str, set[str]] = {}
    for rel, source in source_files().items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in RANK:
                for alias in node.names:
                    if alias.asname and alias.asname != alias.name and not (alias.asname == "t" and node.module == "texts.id"):
                        target = f"{node.module}.{alias.name}"
                        by_module.setdefault(target, set()).add(alias.asname)
                        by_alias.setdefault(alias.asname, set()).add(target)
    assert {m: a for m, a in by_module.items() if len(a) > 1} == {}
    assert {a: m for a, m in by_alias.items() if len(m) > 1} == {}


def test_no_source_file_cites_a_document_the_repository_lacks():
    cited = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.md)\b")
    missing = []
    for rel, source in {**source_files(), "README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
                        "Makefile": (ROOT / "Makefile").read_text(encoding="utf-8")}.items():
        for number, line in enumerate(source.splitlines(), 1):
            for doc in cited.findall(line):
                if not (ROOT / doc).exists():
                    missing.append(f"{rel}:{number} cites {doc}")
    assert missing == []


def test_the_catalog_knows_no_channel():
    """Products and search are the same on every channel; channel rules live in bot/ and marketing/."""
    named = [f"{rel}:{n}" for rel, src in source_files().items() if rel.startswith("catalog/")
             for n, line in enumerate(src.splitlines(), 1) if re.search(r"whatsapp|telegram|twilio", line, re.I)]
    assert named == []
