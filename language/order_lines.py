"""Order lines out of a customer's free text: "pesan 2 keripik pedas sama 1 sambal bawang",
"nastar keju 500 2", "1) nastar keju - 2", "kastengel sama putri salju masing-masing 2".

Pure. Quantities and number words come from language.numbers; which numbers belong to a product
(sizes, levels) from language.options with the shop's sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from language.numbers import parse_quantity, quantity_at, words_of
from language.options import LEVEL_WORDS, OPTION_WORDS, is_option_number, measure, size
from language.text import FILLER_WORDS, canonical_measures, fold, normalize, without_sundanese_address
from language.words import NO

# Commas and dots between digits are thousands or decimals, not separators.
_SEPARATORS = re.compile(
    r"\n|;|\+|&|(?<!\d),|,(?!\d)|\.(?!\d)|\b(?:sama|dan|ama|sm|terus|trus|serta)\b"
)

@dataclass(frozen=True)
class OrderLine:
    """One product wanted in a free-text order."""

    qty: int
    name: str  # normalised: ready for the catalog search
    counted: bool = True  # a quantity was written (else 1 is assumed)
    option_only: bool = False  # only an option was named ("yg 250", "L"): the product of the line before
    without: tuple[str, ...] = ()  # words said with a "not" ("yg ga pedes"): never the option they name


def _option_word(word: str, sizes: frozenset[int]) -> bool:
    return size(word) is not None or measure(word) is not None or (word.isdigit() and is_option_number(int(word), sizes))


def _only_options(tokens: list[str], sizes: frozenset[int]) -> bool:
    """Every word names an option: a size (also S, M, L), a measure, a shop's size number, a level."""
    tokens = [t for t in tokens if t not in OPTION_WORDS]  # "ukuran L" is the option L
    if not tokens:
        return False
    for i, token in enumerate(tokens):
        level = (token in LEVEL_WORDS and i + 1 < len(tokens) and tokens[i + 1].isdigit()) or (
            token.isdigit() and i > 0 and tokens[i - 1] in LEVEL_WORDS)
        if not (level or _option_word(token, sizes)):
            return False
    return True


# "keripik singkong yg ga pedes": the word after a "not" names what the customer does not want.
_NOT = (NO - {"no"}) | {"ngga", "non", "bukan", "tanpa", "g", "ndak", "gk"}  # "no" is also "nomor"


def _item(words: list[str], qty: int | None, sizes: frozenset[int]) -> OrderLine | None:
    tokens = [t for t in normalize(" ".join(words)).split() if t not in FILLER_WORDS]
    without = tuple(tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t in _NOT)
    if without:
        tokens = [t for i, t in enumerate(tokens) if t not in _NOT and not (i and tokens[i - 1] in _NOT)]
    name = normalize(" ".join(tokens))  # fillers taken out can leave "0 g" side by side: one "0g"
    if _only_options(tokens, sizes):
        return OrderLine(1 if qty is None else qty, name, qty is not None, option_only=True)
    if any(len(token) > 1 and not token[0].isdigit() for token in tokens):
        return OrderLine(1 if qty is None else qty, name, qty is not None, without=without)
    return None


def _filler(word: str) -> bool:
    """A word of the conversation, also when stretched ("kaa", "yaa") or spelled as slang."""
    return word in FILLER_WORDS or normalize(word) in FILLER_WORDS


# Delivery and payment talk beside an order ("..., kirim ke jebres", "bayar cod ya"): no product.
_SHOP_TALK = frozenset({"kirim", "dikirim", "kirimin", "antar", "anter", "diantar", "dianter", "ongkir", "ongkirnya",
                        "alamat", "alamatnya", "cod", "bayar", "transfer", "tf", "pickup", "diambil"})


# Where a voice note's talk begins after the last quantity ("daster dua di surabaya bisa cod ga"):
# the place, the delivery and the payment asked about, never more of the product.
_TALK_AFTER = _SHOP_TALK | frozenset({"di", "ke", "bisa", "bs", "ongkos", "terus", "trus", "brp", "berapa", "kapan",
                                      "gimana", "gmn"})


def _cut_talk(words: list[str], spans: list[tuple[int, int, int]]) -> list[str]:
    """The segment without the talk that follows its last quantity, when only fillers stand between."""
    after = spans[-1][1] if spans else len(words)
    for j in range(after, len(words)):
        if words[j] in _TALK_AFTER:
            return words[:j]
        if not _filler(words[j]):
            break
    return words


def _split_segment(words: list[str], sizes: frozenset[int]) -> list[OrderLine]:
    """Items of one segment; quantities may lead ("2 a 1 b") or trail ("a 2 b 1")."""
    spans: list[tuple[int, int, int]] = []  # (start, end, value)
    i = 0
    while i < len(words):
        found = quantity_at(words, i, sizes)
        if found is None:
            i += 1
            continue
        spans.append((i, found[1], found[0]))
        i = found[1]
    words = _cut_talk(words, spans)
    items = []
    if spans and all(_filler(w) for w in words[: spans[0][0]]):
        bounds = [s[0] for s in spans[1:]] + [len(words)]
        for (_, end, value), stop in zip(spans, bounds):
            items.append(_item(words[end:stop], value, sizes))
    elif spans and all(_filler(w) for w in words[spans[-1][1]:]):
        begin = 0
        for start, end, value in spans:
            items.append(_item(words[begin:start], value, sizes))
            begin = end
    elif not _SHOP_TALK & set(words):
        items.append(_item(words, None, sizes))
    return [item for item in items if item is not None]


# "1) nastar keju - 2", "2. kastengel 1": the number of a list's line, never a quantity.
_LIST_NUMBER = re.compile(r"(?m)^\s*(?:no\.?\s*)?\d{1,2}\s*[).]\s+(?=\D)")
# "... masing-masing 2", "masing2 1", "@2": one quantity for every product named before it.
_EACH = re.compile(r"(?:\b(?:masing(?:\s*-\s*masing|\s*2|\s+masing)?|tiap(?:\s*-\s*tiap)?|per\s*item)|@)\s*"
                   r"(\d{1,3}|[a-z]+(?:\s+(?:belas|puluh))?)\b")
# "buat ibu sama mertua", "untuk kado", "buat acara arisan besok": who or what it is for, never another
# product. Only those words go, so a voice note's order after them stays ("... buat arisan besok itu rendang 2").
_WHOM = (r"ibu|bapak|ayah|mama|papa|mertua|anak|anak2|suami|istri|adik|kakak|teman|temen|saudara|keluarga|kado|"
         r"hadiah|oleh|oleh2|acara|arisan|lebaran|natal|ultah|ulang|tahun|pengajian|syukuran|hajatan|sendiri|kantor|"
         r"tamu|besok|lusa|nanti|minggu|depan|ini|itu|malam|sore|siang|pagi|rumah|sekolah|sama|dan|"
         # "di" only before a place of the event: "di surabaya" is where it goes (_TALK_AFTER)
         r"di(?=[ \t]+(?:rumah|sekolah|kantor|acara))|"
         r"saya|sy|aku|aq|ku|gue|gw|kami|kita")  # "buat ibu aku"
_FOR_WHOM = re.compile(rf"\b(?:buat|untuk|utk|bwt)\s+(?:ibu|bapak|ayah|mama|papa|mertua|anak|suami|istri|adik|kakak|"
                       rf"teman|temen|saudara|keluarga|kado|hadiah|oleh|acara|arisan|lebaran|sendiri|kantor|stok|stock|"
                       rf"persediaan|cadangan|diambil|dikirim|diantar|dianter|dimakan|besok|lusa|nanti|pagi|siang|sore|"
                       rf"malam)\b"
                       rf"(?:[ \t]+(?:{_WHOM})\b)*")


# "nastar 2 yg kmrn", "kayak biasa": the same product as before, said of the line, never a product.
_AS_BEFORE = re.compile(r"\b(?:(?:yang|yg|kayak|kaya|kyk|kek|seperti|spt|sama kayak|sama kaya|sama seperti)\s+"
                        r"(?:kemarin|kemaren|kmrn|kmren|kmarin|biasa|biasanya|dulu|sebelumnya|kemarin2|kmrn2))\b")


# A voice note's run-up: "jadi gini kak, saya mau pesen ...". ("jadi" alone stays: "jadi 3" sets a quantity.)
_RUN_UP = re.compile(r"\bjadi\s+(?:gini|begini|gitu|begitu)\b")


def order_lines(text: str, sizes: frozenset[int] = frozenset()) -> list[OrderLine]:
    """Order lines in free text. `sizes` are the shop's size numbers (catalog): "nastar 500 2"
    is two of the 500g one, "rendang 250 dua" two of the 250g one, "sambal level 5 satu" one of
    level 5; "1/2 kg" and "setengah kilo" are 500g. A line naming only an option ("yg 250
    satu", "sama L 1") is marked `option_only`: it speaks of the product of the line before.
    A list's numbers ("1) nastar - 2") are not quantities; "masing-masing 2" counts each one."""
    folded = _FOR_WHOM.sub(" ", _LIST_NUMBER.sub("", canonical_measures(without_sundanese_address(fold(text)))))
    folded = _AS_BEFORE.sub(" ", _RUN_UP.sub(" ", folded))
    each = None
    if (match := _EACH.search(folded)) is not None and (qty := parse_quantity(match.group(1))) is not None:
        each, folded = qty, folded[: match.start()] + folded[match.end():]
    items: list[OrderLine] = []
    for segment in _SEPARATORS.split(folded):
        words = words_of(segment)
        if words:
            items.extend(_split_segment(words, sizes))
    if each is not None and each > 0:
        items = [item if item.counted else OrderLine(each, item.name, True, item.option_only) for item in items]
    return items


# "ada nastar keju 500? kalo ada pesen 2": a question, then the order if the answer is yes.
_IF_THERE = re.compile(r"^(?P<ask>.+?)[?.,!\s]+(?:kalo|kalau|klo|kl|kalu|klu)\s+(?:ada|ready|masih ada|masih|iya|ya)\b"
                       r"[\s,]*(?:(?:saya|sy|aku|aq|gue|gw)\s+)?(?:mau\s+)?(?:pesan|pesen|order|ambil|beli|mau|tumbas|tuku)"
                       r"\s+(?P<qty>.+)$")
_ASKING = re.compile(r"\b(?:ada|ready|redy|masih|ga|gak|nggak|kah|tersedia|stok|stoknya|brp|berapa|harga|harganya)\b")


def order_if_there(text: str) -> str | None:
    """The order in "ada X? kalo ada pesen 2" as "pesan 2 X", or None (no such sentence, no bare quantity)."""
    match = _IF_THERE.match(" ".join(fold(text).split()))
    if match is None or (qty := bare_quantity(match["qty"])) is None:
        return None
    what = " ".join(_ASKING.sub(" ", match["ask"]).replace("?", " ").split())
    return f"pesan {qty} {what}" if what else None


def split_order_text(text: str, sizes: frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """Order lines in free text -> [(qty, normalised name)]; a missing qty means 1. Lines that
    name only an option are left out here (see `order_lines`)."""
    return [(line.qty, line.name) for line in order_lines(text, sizes) if not line.option_only]


def bare_quantity(text: str) -> int | None:
    """The quantity of a message that is only a quantity among chat words ("ok kak ambil 1",
    "yaudah 6 aja", "2 nggih"): the answer to "berapa?". None when other words could name a product."""
    words = words_of(canonical_measures(without_sundanese_address(fold(text))))
    found, i = None, 0
    while i < len(words):
        if (quantity := quantity_at(words, i)) is not None and found is None:
            found, i = quantity[0], quantity[1]
        elif _filler(words[i]):
            i += 1
        else:
            return None
    return found
