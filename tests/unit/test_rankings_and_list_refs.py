"""Superlatives over the shop ("yg paling murah", "paling laris", "yg paling pedes") and pointing
into the list just shown ("nomor 2", "yg kedua 3", "yg ayam 2"): the parsing, and the customer
dialogues they drive over the corpus shop's catalog (no database)."""

from __future__ import annotations

import pytest

from catalog.products import MemoryCatalog
from language.list_refs import read as read_ref
from language.superlatives import BEST, CHEAP, DEAR, SPICY, read, spiciness
from tests.option_support import option_catalog, option_products
from tests.support import Dialogue, demo_products


@pytest.mark.parametrize(
    ("text", "kind", "rest"),
    [
        ("yg paling murah apa kak?", CHEAP, "yang apa kak"),
        ("yang termurah apa kak", CHEAP, "yang apa kak"),
        ("paling mahal", DEAR, ""),
        ("yg plg laris", BEST, "yang"),
        ("best seller nya apa", BEST, "nya apa"),
        ("yg paling banyak dibeli apa", BEST, "yang apa"),
        ("mau sambal bawang yg paling pedes 1", SPICY, "mau sambal bawang yang 1"),
        ("keripik yg paling murah", CHEAP, "keripik yang"),
        ("yg paling pedesnya apa", SPICY, "yang apa"),
        ("terpedas yg mana", SPICY, "yang mana"),
    ],
)
def test_a_superlative_is_read_with_the_words_around_it(text: str, kind: str, rest: str) -> None:
    asked = read(text)
    assert asked is not None and (asked.kind, asked.rest) == (kind, rest)


@pytest.mark.parametrize("text", ["paling lambat kapan sampai", "paling banyak berapa pcs", "paling cepat jam berapa",
                                  "nastar keju murah ga", "terlalu pedas ga kak", "terima kasih", "ternyata enak"])
def test_no_superlative_the_shop_can_rank(text: str) -> None:
    assert read(text) is None


@pytest.mark.parametrize(
    ("text", "level"),
    [("Sambal Bawang Level 5", 5), ("Keripik Singkong Pedas", 1), ("Seblak Extra Pedas", 2), ("Keripik Original", 0),
     ("Sambal Tidak Pedas", 0), ("Nastar Keju 500g", None), ("Mie lvl 3", 3)],
)
def test_spiciness_comes_from_levels_and_names(text: str, level: int | None) -> None:
    assert spiciness(text) == level


@pytest.mark.parametrize(
    ("text", "place", "rest"),
    [("nomor 2", 2, ""), ("no 2 satu aja", 2, "satu aja"), ("yg kedua 3", 2, "3"), ("yang ke-2 dua", 2, "dua"),
     ("no. 3", 3, ""), ("#2", 2, ""), ("yg terakhir 1", -1, "1"), ("pesan nomor 4 ya kak", 4, "pesan ya kak")],
)
def test_a_place_in_the_list_is_read(text: str, place: int, rest: str) -> None:
    ref = read_ref(text)
    assert ref is not None and (ref.place, ref.rest) == (place, rest)


@pytest.mark.parametrize("text", ["nomor rekeningnya berapa", "yg kedua kalinya pesan", "no hp nya brp", "nomor 2 yang merah",
                                  "kirim ke 2 alamat", "pesan 2", "2", "nastar keju 2", "no resi 12 kak"])
def test_no_place_in_the_list(text: str) -> None:
    assert read_ref(text) is None


def chat(**sold: int) -> Dialogue:
    catalog = MemoryCatalog(option_products(), sold={sku.replace("_", "-"): n for sku, n in sold.items()})
    chat = Dialogue(catalog=catalog)
    chat.send("halo")
    return chat


def test_the_cheapest_is_shown_and_ordered_with_a_bare_quantity() -> None:
    c = chat()
    c.send("yg paling murah apa kak?")
    assert "Keripik Tempe 150g" in c.text and "Rp12.000" in c.text and c.cart == {}
    c.send("pesan 2")
    assert c.cart == {"KRP-TMP": 2}


def test_an_order_with_a_superlative_fills_the_cart() -> None:
    c = chat()
    c.send("pesan yg paling murah 2")
    assert c.cart == {"KRP-TMP": 2}
    c.send("mau sambal bawang yg paling pedes 1")
    assert c.cart == {"KRP-TMP": 2, "SBW-L5": 1}


def test_a_category_or_a_word_narrows_the_ranking_and_sold_out_never_wins() -> None:
    c = chat()
    c.send("camilan yg paling mahal apa")
    assert "Basreng Pedas 200g" in c.text and "Rp18.000" in c.text
    c = Dialogue(catalog=option_catalog(KRP_TMP=0))
    c.send("halo")
    c.send("keripik yg paling murah")
    assert "Keripik Singkong — Original" in c.text.split("\n")[0] and "Rp13.000" in c.text


def test_best_seller_from_units_sold_or_said_plainly_unknown() -> None:
    c = chat()
    c.send("yg paling laris apa kak")
    assert "belum punya catatan penjualan" in c.text and c.cart == {}
    c = chat(BSR_PDS=7, KRP_TMP=2)
    c.send("yg paling laris apa kak")
    assert "Basreng Pedas 200g" in c.text.split("\n")[0] and "7 terjual" in c.text


def test_a_tie_is_asked_not_guessed() -> None:
    c = chat()
    c.send("kemeja kawung yg paling murah 1")
    assert c.state == "browsing:pick" and c.cart == {}
    c.press("L")
    assert c.cart == {"KMJ-KWG-L": 1}


def test_the_list_just_shown_is_remembered_and_picked_from() -> None:
    c = chat()
    c.send("ada dimsum?")
    assert c.data["shown"]["skus"] == ["DMS-AYM", "DMS-UDG"]
    c.send("yg ayam 2")
    assert c.cart == {"DMS-AYM": 2}
    c.send("yg kedua 3")  # the cart changed from the list: it still applies
    assert c.cart == {"DMS-AYM": 2, "DMS-UDG": 3}
    c.send("no 5")
    assert "cuma ada 2" in c.text and c.cart == {"DMS-AYM": 2, "DMS-UDG": 3}


def test_the_list_is_dropped_when_it_no_longer_applies() -> None:
    c = chat()
    c.send("ada dimsum?")
    c.send("ongkir ke jebres brp")
    assert "shown" not in c.data
    c.send("yg kedua 1")
    assert "belum ada daftarnya" in c.text and c.cart == {}


def test_a_place_of_a_product_with_options_asks_which_keeping_the_quantity() -> None:
    c = chat()
    c.send("katalog")
    c.press("Camilan")
    c.send("nomor 3 dua")  # Keripik Singkong, Pedas or Original
    assert c.state == "browsing:pick" and c.cart == {}
    c.press("Original")
    assert c.cart == {"KRS-ORI": 2}


def test_words_that_fit_several_products_of_the_list_ask_which() -> None:
    c = chat()
    c.send("katalog")
    c.press("Lauk Beku")
    c.send("yg ayam 1")
    labels = [b.label for r in c.last for b in r.buttons]
    assert c.cart == {} and any("Ayam Ungkep" in b for b in labels) and any("Dimsum Ayam" in b for b in labels)


def test_a_ranking_on_a_product_page_is_over_its_options() -> None:
    c = chat()
    c.send("sambal bawang")
    c.send("yg paling pedes 2")
    assert c.cart == {"SBW-L5": 2}


def test_a_quantity_after_a_tie_or_a_list_asks_which_keeping_it() -> None:
    c = Dialogue()  # the demo shop: Keripik Tempe and Jus Jambu both cost Rp12.000
    c.send("halo")
    c.send("yg paling murah apa kak")
    assert "sama-sama Rp12.000" in c.text and c.cart == {}
    c.send("pesan 2")
    assert c.state == "browsing:pick" and c.cart == {}
    c.press("Keripik Tempe")
    assert c.cart == {"KRP-TMP": 2}


def test_a_list_narrows_a_ranking_only_while_it_is_on_screen() -> None:
    c = chat()
    c.send("katalog")
    c.press("Camilan")
    c.send("yg paling mahal apa")
    assert "Basreng Pedas 200g" in c.text.split("\n")[0]
    c.send("nomor 1 satu")  # ordered from the list: kept for "nomor 2", but no longer the ranking's scope
    assert c.cart == {"BSR-PDS": 1} and "shown" in c.data
    c.send("yg paling mahal apa")
    assert "Kain Batik Tulis Sogan 2m" in c.text.split("\n")[0]


def big_shop(prices: list[int], stock: list[int], sold: dict[str, int] | None = None) -> Dialogue:
    """A shop of len(prices) plain products, more than a whole-shop ranking reads first."""
    from dataclasses import replace

    base = next(p for p in option_products() if p.family_id is None)
    rows = [replace(base, id=1000 + i, sku=f"X-{i:03d}", name=f"Produk Uji {i:03d}", price=price, stock=left)
            for i, (price, left) in enumerate(zip(prices, stock))]
    chat = Dialogue(catalog=MemoryCatalog(rows, sold=sold))
    chat.send("halo")
    return chat


def test_a_whole_shop_ranking_past_the_first_rows_read_is_still_right() -> None:
    from conversations.customer.superlative import LEADING_ROWS

    many = LEADING_ROWS * 2 + 5
    # The cheapest rows are all sold out: the answer lies past the rows read first.
    c = big_shop([1000 + i for i in range(many)], [0] * (LEADING_ROWS + 3) + [5] * (many - LEADING_ROWS - 3))
    c.send("yg paling murah apa kak")
    assert f"Produk Uji {LEADING_ROWS + 3:03d}" in c.text.split("\n")[0] and "Rp1.043" in c.text
    # The top price shared by more rows than are read first: a tie, asked with buttons, not guessed.
    c = big_shop([500] * (LEADING_ROWS + 5) + [900] * 5, [3] * (LEADING_ROWS + 10))
    c.send("yg paling murah 1")
    assert c.state == "browsing:pick" and c.cart == {}
    c = big_shop([700 + i for i in range(many)], [2] * many)
    c.send("yg paling mahal apa")
    assert f"Produk Uji {many - 1:03d}" in c.text.split("\n")[0]


def test_a_best_seller_sold_out_gives_way_to_the_next_one_sold() -> None:
    c = big_shop([1000] * 50, [0, 4] + [4] * 48, sold={"X-000": 9, "X-001": 3, "X-002": 1})
    c.send("yg paling laris apa kak")
    assert "Produk Uji 001" in c.text.split("\n")[0] and "3 terjual" in c.text
    c = big_shop([1000] * 50, [0] + [4] * 49, sold={"X-000": 9})
    c.send("yg paling laris apa kak")
    assert "belum punya catatan penjualan" in c.text


def test_the_hottest_in_a_shop_whose_names_never_say_how_hot_is_said_plainly() -> None:
    from dataclasses import replace

    mild = [replace(p, name=p.name.replace("Pedas", "Manis")) for p in demo_products()]
    c = Dialogue(catalog=MemoryCatalog(mild))
    c.send("halo")
    c.send("yg paling pedes apa kak")
    assert "belum ada keterangan tingkat pedas" in c.text and c.cart == {}
    c = Dialogue(catalog=option_catalog())
    c.send("halo")
    c.send("yg paling pedes apa kak")
    assert "paling pedas" in c.text.split("\n")[0].lower()


def test_a_tie_past_the_first_rows_is_answered_from_the_rows_at_that_price(monkeypatch) -> None:
    from dataclasses import replace

    from conversations.customer import superlative

    base = demo_products()
    cheap = [replace(base[i % len(base)], id=100 + i, sku=f"MRH-{i:02d}", name=f"Permen Rasa {i:02d}", price=1_000,
                     stock=0 if i % 7 == 0 else 5) for i in range(60)]  # 60 at Rp1.000, a few sold out
    products = base + cheap

    def asked(text: str) -> list[str]:
        c = Dialogue(catalog=MemoryCatalog(products))
        c.send("halo")
        c.send(text)
        return [c.text.split("\n")[0]] + [b.label for r in c.last for b in r.buttons]

    read: list[int] = []
    monkeypatch.setattr(MemoryCatalog, "products", lambda self: read.append(1) or list(self._products))
    tie = asked("yg paling murah apa kak")
    assert "sama-sama Rp1.000" in tie[0] and tie[1].startswith("Permen Rasa 01") and read == []  # 00 sold out
    monkeypatch.setattr(superlative, "LEADING_ROWS", 1_000)  # every row read at once: the same answer
    assert asked("yg paling murah apa kak") == tie


@pytest.mark.parametrize("text", ["keripik yg paling murah", "keripik yg paling mahal", "sambal yg paling laris",
                                  "pesan keripik yg paling murah 2"])
def test_a_category_s_ranking_reads_its_first_rows_and_answers_as_the_whole_read(text: str, monkeypatch) -> None:
    from conversations.customer import superlative

    sold = {"KRP-TMP": 4, "SBL-BWG": 9, "SBL-ROA": 9, "KRP-SGK-PDS": 2}

    def asked() -> tuple[str, list[str], dict[str, int]]:
        c = Dialogue(catalog=MemoryCatalog(demo_products(), sold=sold))
        c.send("halo")
        c.send(text)
        return c.text, [b.label for r in c.last for b in r.buttons], c.cart

    read: list[str] = []
    monkeypatch.setattr(MemoryCatalog, "in_categories", lambda self, ids: read.append("all") or [])
    monkeypatch.setattr(superlative, "LEADING_ROWS", 3)
    first = asked()
    assert read == [] and ("paling" in first[0] or first[2])
    monkeypatch.undo()
    monkeypatch.setattr(superlative, "LEADING", {})  # every row of the category, as before
    assert asked() == first
