"""The words that narrow a ranking ("sambal bawang yg paling mahal") are looked up in the search
index, not by reading and testing every product: the index must pick exactly the products the
rule names, which is spelled out here as the test's own oracle."""

from __future__ import annotations

import random

from catalog.families import Family, group
from catalog.products import MemoryCatalog
from catalog.search import SearchIndex
from language.text import misspelt, normalize
from tests.option_support import option_products
from tests.support import demo_products


def names(word: str, family: Family) -> bool:
    """The rule: the word is one of the name's or options' words, or a typo of one (past 3 letters)."""
    own = normalize(" ".join([family.name, *family.labels])).split()
    return word in own or (len(word) > 3 and any(misspelt(word, o) for o in own))


def oracle(families: list[Family], words: list[str]) -> set[int]:
    return {f.id for f in families if all(names(w, f) for w in words)}


def typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    return rng.choice([word[:at] + word[at + 1:], word[:at] + "x" + word[at:], word[:at] + "a" + word[at + 1:]])


def questions(families: list[Family], rng: random.Random) -> list[list[str]]:
    vocabulary = sorted({w for f in families for w in normalize(" ".join([f.name, *f.labels, f.category])).split()})
    asked = [[w] for w in vocabulary] + [[typo(w, rng)] for w in vocabulary if len(w) > 2]
    asked += [rng.sample(vocabulary, 2) for _ in range(200)]
    asked += [normalize(f.name).split()[:2] for f in families]
    return asked + [["tidakada"], ["zzzz"], ["500g"], ["isi", "10"]]


def test_the_index_names_exactly_the_products_the_rule_names():
    rng = random.Random(7)
    for products in (demo_products(), option_products()):
        families = group(products)
        index = SearchIndex(MemoryCatalog(products)._index._docs)  # the catalog's own documents
        for words in questions(families, rng):
            assert set(index.naming(words)) == oracle(families, words), words


def test_a_category_word_alone_names_no_product_and_a_typo_names_its_word():
    catalog = MemoryCatalog(demo_products())
    assert [f.name for f in catalog.naming(["bawang"])] == ["Sambal Bawang 150ml", "Sambal Bawang Extra Pedas 150ml"]
    assert {f.name for f in catalog.naming(["nastr"])} == {"Nastar Keju 500g", "Nastar Nanas 500g"}
    assert catalog.naming(["kering"]) and all("Kering" in f.name for f in catalog.naming(["kering"]))
    assert catalog.naming(["frozen"]) == []  # only a category's word: the category, not a name
    sambal = next(c.id for c in catalog.categories() if c.name == "Sambal")
    assert {f.category for f in catalog.in_categories([sambal])} == {"Sambal"}
    assert len(catalog.in_categories([sambal])) == 5


def test_a_ranking_by_heat_reads_every_product_that_can_be_hot_and_only_those():
    from bench.bench_search import make_catalog
    from catalog.model import ProductInfo
    from language.superlatives import hot_word, spiciness

    synthetic = [ProductInfo(id=d.id, sku=f"S{d.id}", name=d.name, category_id=1, category=d.category, price=1000,
                             stock=1) for d in make_catalog(2_000, random.Random(3))]
    for products in (demo_products(), option_products(), synthetic):
        catalog = MemoryCatalog(products)
        read = {f.id for f in catalog.having(hot_word)}
        hot = {f.id for f in group(products) if any((spiciness(f"{o.name} {o.option or ''}") or 0) > 0 for o in f.options)}
        assert hot and hot <= read
        assert len(read) < len(group(products))  # not the whole shop
