"""What people type on cheap phones, read the way they mean it: shorthand, regional words, typos
that are one slip, thanks around a noun, a person or an order's status asked for in words, and
'that's all'. Each pair shows a reading and, where it matters, what must not be read so."""

from __future__ import annotations

import pytest

from language.edits import Edit, cart_edits, wants_cart
from language.order_lines import order_if_there, order_lines
from language.questions import asks_order_status, handoff_request, product_question
from language.reorder import read_reorder
from language.text import misspelt, normalize
from language.words import politeness

SIZES = frozenset({250, 500})


@pytest.mark.parametrize("typed, meant", [
    ("nastar jd 3 ya", "nastar jadi 3 ya"),
    ("kripik tambah 1 lg", "keripik tambah 1 lagi"),
    ("kak pesen yg kmrn lagi", "kak pesen yang kemarin lagi"),
    ("sambel roa dijadiin 2", "sambal roa jadi 2"),
    ("order kopsus 250", "order kopi susu 250"),
    ("teh bade meser dimsum udang dua", "bade meser dimsum udang dua"),
    ("basreng sabaraha teh", "basreng sabaraha"),
    ("teh botol 2", "teh botol 2"),  # tea stays tea
])
def test_shorthand_and_the_sundanese_address_are_read_as_meant(typed, meant):
    assert normalize(typed) == meant


@pytest.mark.parametrize("word, meant, slip", [
    ("dimsun", "dimsum", True), ("rendng", "rendang", True), ("brwnies", "brownies", True),
    ("kestengel", "kastengel", True), ("bakwan", "bawang", False), ("wedang", "rendang", False),
])
def test_a_typo_is_one_slip_in_a_short_word(word, meant, slip):
    assert misspelt(word, meant) is slip


@pytest.mark.parametrize("text, kind", [
    ("mksh 🙏", "thanks"), ("sama2 kak", "thanks"), ("baik kak terima kasih infonya", "thanks"),
    ("semoga laris kak", "hello"), ("siap ditunggu kirimannya", "hello"), ("nitip ya kak", "order"),
    ("tambah 1 lagi", None),  # a number: more than polite
    ("paketnya", None),  # a noun with no thanks beside it asks something
    ("nastar keju", None),
])
def test_polite_messages_and_what_is_more_than_polite(text, kind):
    assert politeness(text) == kind


@pytest.mark.parametrize("text, edits", [
    ("udah itu aja", [Edit("done")]),
    ("udh cukup, mau bayar", [Edit("checkout")]),
    ("lanjut order ya kak", [Edit("checkout")]),
    ("eh jadi 3 deh", [Edit("set", "", 3)]),
    ("basreng +1", [Edit("add", "basreng", 1)]),
    ("gajadi beli kak, hapus aja semuanya", [Edit("empty")]),
    ("ganti yg level 5 aja", [Edit("swap", "", into="level 5")]),
    ("sambelnya jadiin 4", [Edit("set", "sambal", 4)]),
    ("gajadi beli kak", None),  # which product is not said: not an edit
])
def test_cart_edits_in_chat_words(text, edits):
    assert cart_edits(text) == edits


def test_the_cart_is_asked_for_but_not_by_a_product_question():
    assert wants_cart("cek keranjang") and wants_cart("totalnya brp kak?") and wants_cart("isi keranjang sy apa aja")
    assert not wants_cart("keranjang nastar keju 2") and not wants_cart("berapa harga nastar")


def test_a_voice_note_keeps_its_order_after_what_it_is_for():
    lines = order_lines("iya kak jadi gini saya mau pesen buat acara arisan besok itu rendang yang 500 dua "
                        "terus dimsum ayam tiga ya kak terus sambel roa satu aja", SIZES)
    assert [(line.qty, line.name) for line in lines] == [(2, "rendang 500"), (3, "dimsum ayam"), (1, "sambal roa")]
    assert [(line.qty, line.name) for line in order_lines("daster batik sepasang kak buat ibu sama mertua", SIZES)] \
        == [(2, "daster batik")]


@pytest.mark.parametrize("text", ["hi kak, i want to order 2 brownies please", "can i get 2 brownies kak",
                                  "gue mau brownies atu", "nitip beli brownies 2 ya kak"])
def test_english_and_betawi_around_an_order_name_no_product(text):
    assert [line.name for line in order_lines(text, SIZES)] == ["brownies"]


@pytest.mark.parametrize("text, kind", [
    ("cs nya mana ya", "talk"), ("ini bot ya? mau sama orang beneran", "talk"),
    ("gue mau ngomong ama yang punya toko", "talk"), ("please connect me to a human", "talk"),
    ("punten, abdi hoyong ngobrol sareng nu gaduh toko", "talk"), ("minta nomor owner, mau ngobrol langsung", "talk"),
    ("kak nastarnya remuk semua", "complaint"), ("pesanan saya kurang satu toples", "complaint"),
    ("barang yg dateng salah kak", "complaint"), ("kemejanya kekecilan", "complaint"),
    ("kontak admin?", None), ("mau pesan buat 50 orang", None), ("kastengel yang keju ada", None),
])
def test_a_person_or_a_complaint_in_many_words(text, kind):
    assert handoff_request(text) == kind


def test_order_status_is_the_order_noun_with_where_or_how_far():
    assert asks_order_status("pesanan saya mana kak") and asks_order_status("status orderan sy gmn ya")
    assert asks_order_status("kak pesenanku udah dikirim belum?")
    assert not asks_order_status("kalau pesan sekarang kapan dikirim") and not asks_order_status("minimal pesanan berapa")


def test_questions_without_a_question_mark_and_two_products_at_once():
    assert product_question("sambal roa pedes ga kak").words == "sambal roa"
    assert product_question("basreng sabaraha teh").price
    two = product_question("nastar keju 500 sm kastengel 500 brp kak")
    assert two.parts == ("nastar keju 500", "kastengel 500")
    assert product_question("harga nastar keju 250 sama 500 brp aja").parts == ()  # one product, two sizes
    assert product_question("nastarnya pake keju apa kak").made_with == "keju"
    assert product_question("basreng 5 bungkus kak. buat stok di rumah") is None  # an order, for stock at home


def test_a_reorder_named_by_the_earlier_order_first():
    assert read_reorder(normalize("kak pesen yg kmrn lagi ya")) is not None
    assert read_reorder(normalize("reorder dong")) is not None
    assert read_reorder(normalize("pesanan kemarin sudah sampai?")) is None


def test_an_order_if_the_product_is_there():
    assert order_if_there("ada nastar keju 500? kalo ada pesen 2") == "pesan 2 nastar keju 500"
    assert order_if_there("rendang ada? kalo ada mau 2 ya kak") == "pesan 2 rendang"
    assert order_if_there("ada nastar? kalo ada kabari ya") is None  # no quantity: no order


def test_delivery_talk_beside_an_order_is_no_product():
    lines = order_lines("kak order rendang 500gr 1 ya, kirim ke jebres", SIZES)
    assert [(line.qty, line.name) for line in lines] == [(1, "rendang 500g")]


@pytest.mark.parametrize("text, kind", [("maturnuwun mbak", "thanks"), ("siippp", "hello"), ("okok kak", "hello"),
                                        ("mbak aku tuku", "order")])
def test_stretched_and_javanese_polite_words(text, kind):
    assert politeness(text) == kind


def test_a_sellers_bare_product_and_number_is_a_stock_asked_about_first():
    from conversations.seller.parse import parse
    cmd = parse("keripik tempe 30", SIZES)
    assert cmd is not None and cmd.unsure and (cmd.query, cmd.amount) == ("keripik tempe", 30)
    assert parse("pesan nastar keju 2", SIZES) is None  # the seller shopping
    assert parse("tolong lunasin KD-0042", SIZES) is None  # an order code
    assert not parse("stok nastar 5", SIZES).unsure  # said plainly: no question


def test_javanese_krama_and_when_it_is_for_around_an_order():
    assert [(x.qty, x.name) for x in order_lines("ibu, kula badhe tumbas sambal roa setunggal", SIZES)] == [(1, "sambal roa")]
    assert [(x.qty, x.name) for x in order_lines("tolong siapin rendang 500 1 buat diambil sore ini", SIZES)] \
        == [(1, "rendang 500")]
    assert cart_edits("oke cukup kak, lanjut pembayaran") == [Edit("checkout")]


def test_a_negated_word_is_kept_apart_and_a_leading_size_is_no_quantity():
    line = order_lines("pesan keripik singkong yg ga pedes 2", SIZES)[0]
    assert (line.qty, line.name, line.without) == (2, "keripik singkong", ("pedas",))
    lines = order_lines("nastar keju 250 1, 500 1", SIZES)
    assert [(x.qty, x.name, x.option_only) for x in lines] == [(1, "nastar keju 250", False), (1, "500", True)]


def test_asking_for_the_tracking_number_is_asking_about_the_order():
    for text in ("resinya apa kak", "no resi nya berapa ya", "minta nomor resi dong", "cek resi kak", "resi?"):
        assert asks_order_status(text), text
    assert not asks_order_status("resep nastarnya apa kak")


def test_klo_is_kalau_around_a_product_question():
    assert product_question("klo rendang ada?").words == "rendang"
    assert product_question("klau nastar keju brp").words == "nastar keju"


def test_a_photo_asked_for_is_a_question_about_the_product():
    assert product_question("minta foto kemeja kawung dong").words == "kemeja kawung"
    assert product_question("liat gambarnya nastar keju").words == "nastar keju"
    assert product_question("ada foto rendang?").words == "rendang"
