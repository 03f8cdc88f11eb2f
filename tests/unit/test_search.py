"""Product search: does a customer's way of naming a product find that product?"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.search import MARGIN, Match, Resolution, SearchDoc, SearchIndex

# A home kitchen's catalog. Ids start at 101 so an index/id mix-up cannot pass.
KITCHEN = [
    ("Keripik Singkong Pedas 250g", "Keripik"),
    ("Keripik Singkong Original 250g", "Keripik"),
    ("Keripik Pisang Coklat 200g", "Keripik"),
    ("Keripik Tempe 150g", "Keripik"),
    ("Kering Tempe Kacang 200g", "Keripik"),
    ("Sambal Bawang 150ml", "Sambal"),
    ("Sambal Bawang Bu Rudi Extra Pedas 150ml", "Sambal"),
    ("Sambal Ijo 150ml", "Sambal"),
    ("Sambal Roa 150ml", "Sambal"),
    ("Sambal Terasi 150ml", "Sambal"),
    ("Nastar Keju 500g", "Kue Kering"),
    ("Nastar Nanas 500g", "Kue Kering"),
    ("Kastengel 500g", "Kue Kering"),
    ("Putri Salju 500g", "Kue Kering"),
    ("Lidah Kucing 250g", "Kue Kering"),
    ("Dimsum Ayam isi 10", "Frozen Food"),
    ("Siomay Ikan isi 10", "Frozen Food"),
    ("Rendang Sapi 500g (beku)", "Frozen Food"),
    ("Pempek Kapal Selam isi 5", "Frozen Food"),
    ("Risoles Ragout isi 10", "Frozen Food"),
    ("Bakso Sapi Bu Rudy isi 25", "Frozen Food"),
    ("Es Kopi Susu Gula Aren 250ml", "Minuman"),
    ("Teh Rosella 1 liter", "Minuman"),
    ("Wedang Jahe Sachet isi 10", "Minuman"),
    ("Jus Jambu 250ml", "Minuman"),
]
DOCS = [SearchDoc(id=101 + i, name=name, category=cat) for i, (name, cat) in enumerate(KITCHEN)]
ID = {d.name: d.id for d in DOCS}
NAME = {d.id: d.name for d in DOCS}
INDEX = SearchIndex(DOCS)


def names(found: Resolution) -> tuple[str | None, list[str]]:
    return (NAME[found.best] if found.best is not None else None), [NAME[c] for c in found.candidates]


# (query, the product it must pick) - one clear answer expected.
PICKS = [
    # required
    ("kripik pedes", "Keripik Singkong Pedas 250g"),
    ("nastar keju 500gr", "Nastar Keju 500g"),
    ("sambel bawang bu rudi", "Sambal Bawang Bu Rudi Extra Pedas 150ml"),
    ("es kopi", "Es Kopi Susu Gula Aren 250ml"),
    ("rendang", "Rendang Sapi 500g (beku)"),
    ("kastangel", "Kastengel 500g"),
    ("dimsum", "Dimsum Ayam isi 10"),
    # slang and spelling
    ("kripik singkong ori", "Keripik Singkong Original 250g"),
    ("keripik pisang", "Keripik Pisang Coklat 200g"),
    ("kripik tempe", "Keripik Tempe 150g"),
    ("kering tempe", "Kering Tempe Kacang 200g"),
    ("sambel hijau", "Sambal Ijo 150ml"),
    ("sambal ijo", "Sambal Ijo 150ml"),
    ("sambal trasi", "Sambal Terasi 150ml"),
    ("somay", "Siomay Ikan isi 10"),
    ("empek empek", "Pempek Kapal Selam isi 5"),
    ("risol", "Risoles Ragout isi 10"),
    ("kopsu", "Es Kopi Susu Gula Aren 250ml"),
    ("juice jambu", "Jus Jambu 250ml"),
    ("baso sapi", "Bakso Sapi Bu Rudy isi 25"),
    # typos
    ("samba roa", "Sambal Roa 150ml"),
    ("nastr keju", "Nastar Keju 500g"),
    ("nastar nenas", "Nastar Nanas 500g"),
    ("lidah kucin", "Lidah Kucing 250g"),
    ("teh rosela", "Teh Rosella 1 liter"),
    ("sambal bawang bu rudy", "Sambal Bawang Bu Rudi Extra Pedas 150ml"),
    # spaces missing or extra, sizes, fillers
    ("lidahkucing", "Lidah Kucing 250g"),
    ("dim sum ayam", "Dimsum Ayam isi 10"),
    ("putri salju 500 gr", "Putri Salju 500g"),
    ("mau pesan nastar keju dong kak", "Nastar Keju 500g"),
    ("ada wedang jahe?", "Wedang Jahe Sachet isi 10"),
    # a word from the middle of a name, a synonym
    ("gula aren", "Es Kopi Susu Gula Aren 250ml"),
    ("jahe", "Wedang Jahe Sachet isi 10"),
    ("kacang", "Kering Tempe Kacang 200g"),
    ("bakso bu rudy", "Bakso Sapi Bu Rudy isi 25"),
    ("sambal bawang extra pedas", "Sambal Bawang Bu Rudi Extra Pedas 150ml"),
    ("cemilan pedas", "Keripik Singkong Pedas 250g"),
    ("rendang sapi beku", "Rendang Sapi 500g (beku)"),
]


@pytest.mark.parametrize(("query", "product"), PICKS)
def test_a_clear_query_picks_its_product(query: str, product: str) -> None:
    assert names(INDEX.resolve(query)) == (product, [])


# (query, candidates in order) - the customer must choose.
CHOICES = [
    # Both sambal bawang fit "sambel bawang" completely; a shop cannot know whether
    # the customer means the plain one, so it asks, plain (closest name) first.
    ("sambel bawang", ["Sambal Bawang 150ml", "Sambal Bawang Bu Rudi Extra Pedas 150ml"]),
    ("sambelbawang", ["Sambal Bawang 150ml", "Sambal Bawang Bu Rudi Extra Pedas 150ml"]),
    ("nastar", ["Nastar Keju 500g", "Nastar Nanas 500g"]),
    # Honest: the Kastengel is named by its own word; a Nastar Keju explains only "keju".
    ("kastengel keju", ["Kastengel 500g"]),
]


@pytest.mark.parametrize(("query", "candidates"), CHOICES)
def test_a_query_that_fits_several_products_offers_them(query: str, candidates: list[str]) -> None:
    assert names(INDEX.resolve(query)) == (None, candidates)


@pytest.mark.parametrize(
    ("query", "category"),
    [("keripik", "Keripik"), ("sambal", "Sambal"), ("kue lebaran", "Kue Kering"),
     ("frozen", "Frozen Food"), ("minuman", "Minuman"), ("snack", "Keripik")],
)
def test_a_category_word_offers_three_products_of_that_category(query: str, category: str) -> None:
    found = INDEX.resolve(query)
    assert found.best is None
    assert len(found.candidates) == 3
    assert {DOCS[c - 101].category for c in found.candidates} == {category}


def test_a_weak_sole_match_is_offered_not_picked() -> None:
    # Only the rosella tea is a tea, but "es" is not in its name: ask, do not assume.
    assert names(INDEX.resolve("es teh")) == (None, ["Teh Rosella 1 liter"])


@pytest.mark.parametrize(
    "query", ["asdfgh", "🙏🙏", "", "   ", "!!!", "halo kak", "123", "qwerty uiop", "ok"]
)
def test_garbage_finds_nothing(query: str) -> None:
    assert INDEX.resolve(query) == Resolution(None, [])
    assert INDEX.search(query) == []


def test_bu_rudi_sambal_is_not_taken_for_bakso_bu_rudy() -> None:
    ranked = [NAME[m.id] for m in INDEX.search("sambel bawang bu rudi")]
    assert ranked[0] == "Sambal Bawang Bu Rudi Extra Pedas 150ml"
    assert ranked.index("Bakso Sapi Bu Rudy isi 25") > 0


def test_search_ranks_best_first_with_scores_out_of_100() -> None:
    found = INDEX.search("keripik", limit=10)
    assert len(found) == 5  # four keripik names and Kering Tempe (category Keripik)
    assert all(isinstance(m, Match) and 0 <= m.score <= 100 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert NAME[found[-1].id] == "Kering Tempe Kacang 200g"  # category-only match comes last


def test_search_returns_at_most_limit_matches() -> None:
    assert len(INDEX.search("sambal", limit=2)) == 2


def test_a_clear_pick_leads_the_runner_up_by_the_margin() -> None:
    first, second = INDEX.search("kripik tempe", limit=2)
    assert first.score - second.score >= MARGIN
    a, b = INDEX.search("nastar", limit=2)
    assert a.score - b.score < MARGIN


def test_an_empty_catalog_finds_nothing() -> None:
    assert SearchIndex([]).resolve("nastar") == Resolution(None, [])


def test_keywords_make_a_product_findable_by_words_not_in_its_name() -> None:
    index = SearchIndex([
        SearchDoc(1, "Kue Kacang 250g", "Kue Kering", keywords="kacang tanah lebaran"),
        SearchDoc(2, "Nastar Keju 500g", "Kue Kering"),
    ])
    assert index.resolve("kue kacang tanah").best == 1
    assert index.resolve("tanah").best == 1


def _big_catalog(rng: random.Random, size: int) -> list[SearchDoc]:
    heads = ["Keripik Singkong", "Keripik Pisang", "Sambal Bawang", "Sambal Roa", "Nastar",
             "Kastengel", "Dimsum Ayam", "Bakso Sapi", "Es Kopi Susu", "Teh Rosella"]
    tastes = ["Pedas", "Original", "Keju", "Coklat", "Extra Pedas", "Gula Aren", "Madu", ""]
    brands = [f"{k} {n}" for k in ("Bu", "Mak", "Dapur") for n in ("Rudi", "Sari", "Tini", "Joko")]
    sizes = ["100g", "250g", "500g", "1kg", "150ml", "isi 10"]
    docs, seen = [], set()
    while len(docs) < size:
        name = " ".join(p for p in (rng.choice(heads), rng.choice(tastes),
                                    rng.choice(brands + [""] * 4), rng.choice(sizes)) if p)
        if name not in seen:
            seen.add(name)
            docs.append(SearchDoc(1000 + len(docs), name, rng.choice(["Keripik", "Sambal", "Lain"])))
    return docs


def test_the_bitset_preselection_finds_the_same_best_match_as_scoring_every_product() -> None:
    rng = random.Random(7)
    docs = _big_catalog(rng, 1500)  # > 64 products: bitsets span many machine words
    index = SearchIndex(docs)
    queries = [" ".join(rng.choice(docs).name.lower().split()[: rng.randint(1, 4)]) for _ in range(150)]
    queries += ["sambel bawang bu rudi", "kripik pedes", "nastar keju 500gr", "es kopi"]
    for query in queries:
        quick = index.search(query, limit=1)
        full = index.search(query, limit=len(docs))  # limit >= catalog: every product scored
        assert quick and full
        assert quick[0].score == pytest.approx(full[0].score), query


def test_a_product_deep_in_a_large_catalog_is_found() -> None:
    docs = _big_catalog(random.Random(3), 3000) + [SearchDoc(99, "Lapis Legit Prunes 1kg", "Kue")]
    assert SearchIndex(docs).resolve("lapis legit").best == 99


@given(st.text())
def test_any_text_gets_a_well_formed_answer(query: str) -> None:
    found = INDEX.resolve(query)
    assert found.best is None or not found.candidates
    assert len(found.candidates) <= 3
    assert set(found.candidates) <= set(NAME) and (found.best is None or found.best in NAME)
