"""Fuzzy product search over a prepared, immutable index.

Scoring is weighted query coverage: each query word finds its best match in a product
(exact, prefix, typo, synonym), weighted by how rare the matched word is in the
catalog, so "bu rudi" cannot outvote "sambal bawang" and a size like "500g" counts
little. rapidfuzz does the typo matching against the vocabulary (small) and a final
token_sort_ratio tie-break on a handful of products, never a scan of every name:
`process.extract` over 10,000 names costs 7-24 ms and holds the GIL.

Picking that handful is the hot path. Adding up per-product scores in Python dicts
costs ~1 µs per posting, and common words ("original", a category) have thousands.
So each word's postings are also kept as a bitset (a Python int, bit i = product i),
and the coverage sums are done bit-sliced: one int per binary digit of the quantised
sum, added with ripple-carry over whole bitsets, then the top products are read off
from the most significant digit down (O'Neil & Quass, "Improved query performance with
variant indexes", 1997). Every step is a big-int operation over N/64 machine words.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from language.options import LEVEL_WORDS, OPTION_WORDS, measure, size
from language.text import FILLER_WORDS, SLANG, SYNONYMS, misspelt, normalize, slips_allowed
from language.words import CHAT_WORDS, MADE_WITH

# How strongly a word in each field speaks for the product. Category words are weak
# so "keripik tempe" prefers "Keripik Tempe" over "Kering Tempe Kacang" (a Keripik).
NAME_FACTOR, KEYWORD_FACTOR, CATEGORY_FACTOR = 1.0, 0.85, 0.6
SYNONYM_FACTOR = 0.8  # "cemilan" means keripik, but less surely than "keripik" does
PREFIX_SIM = 0.9  # "nast" -> nastar, "500" -> 500g
# fuzz.ratio cut-offs: one wrong letter in a 4-letter word ("rudy"/"rudi") is 75; longer
# words need 80 so "rendang" does not reach "wedang" (77).
FUZZY_CUTOFF_SHORT, FUZZY_CUTOFF_LONG, FUZZY_LONG_FROM = 75, 80, 6
FUZZY_MIN_LEN = 4  # shorter words only match exactly: "es"/"isi" are not typos
FUZZY_LIMIT = 5

MIN_COVERAGE = 0.4  # below this a product shares too little with the query to show
BEST_COVERAGE = 0.75  # a sure pick must explain most of the query...
MARGIN = 10.0  # ...and lead every other product by this many score points
MAX_CANDIDATES = 3
RERANK = 24  # products given the exact score and the rapidfuzz tie-break
SCALE = 1000  # coverage quantised to 0.1 % for the bitset pre-selection only
# Match.score = 100 * (coverage share + name likeness share). Likeness (token_sort_ratio)
# orders products that cover the query equally ("Sambal Bawang" before the longer "Sambal
# Bawang Bu Rudi ..."), but its share is small enough that it almost never reaches
# MARGIN alone: a query that fits two names equally well is a question, not a pick.
COVERAGE_SHARE = 0.85
# Honest "did you mean": a near-tie is offered only when it explains this share of the words that
# could name a product ("es teh" is not the iced coffee, "kue bawang" not a sambal); else nothing
# is offered and the customer is told the shop does not sell it.
HONEST_SHARE = 0.75
EXPLAINED = 0.4  # a word counts as explained when a product satisfies it at least this well


@dataclass(frozen=True)
class SearchDoc:
    id: int
    name: str
    category: str
    keywords: str = ""


@dataclass(frozen=True)
class Match:
    id: int
    score: float  # 0-100


@dataclass(frozen=True)
class Resolution:
    best: int | None
    candidates: list[int] = field(default_factory=list)


class _Term(NamedTuple):
    """One query word (or phrase) and the ways a product can satisfy it."""

    weight: float
    words: dict[str, float]  # vocabulary word -> similarity
    phrases: list[tuple[tuple[str, ...], float]]  # all words needed -> similarity


class _Scored(NamedTuple):
    score: float
    coverage: float
    doc: int  # position in the index, not the product id


class SearchIndex:
    """Built once per catalog version; `search`/`resolve` are read-only and thread-safe."""

    def __init__(self, docs: Iterable[SearchDoc], normalized: Callable[[str], str] | None = None):
        """normalized: language.text.normalize, or a memo of it shared with other work on the same
        names (the shop's size numbers): most of a build's time is normalising."""
        shared = normalized or functools.lru_cache(maxsize=None)(normalize)  # categories repeat
        self._docs: list[SearchDoc] = list(docs)
        self._names = [shared(d.name) for d in self._docs]
        postings: dict[str, dict[int, float]] = {}
        for i, doc in enumerate(self._docs):
            for text, factor in ((self._names[i], NAME_FACTOR), (shared(doc.keywords), KEYWORD_FACTOR),
                                 (shared(doc.category), CATEGORY_FACTOR)):
                for word in text.split():
                    entry = postings.setdefault(word, {})
                    entry[i] = max(entry.get(i, 0.0), factor)
        self._postings = postings
        self._vocabulary = list(postings)
        # word -> [(field factor, bitset of the products with that factor)], best first
        self._bitsets = {w: _bitsets(p, len(self._docs)) for w, p in postings.items()}
        # Bitsets by name length, shortest first: among exact ties the shortest names
        # reach the token_sort_ratio tie-break, and they are the ones it prefers.
        by_length: dict[int, dict[int, float]] = {}
        for i, name in enumerate(self._names):
            by_length.setdefault(len(name), {})[i] = 1.0
        self._by_length = [_bitsets(by_length[k], len(self._docs))[0][1] for k in sorted(by_length)]
        n = max(len(self._docs), 1)
        self._idf = {w: math.log(1 + n / len(p)) for w, p in postings.items()}  # rare = telling
        self._alpha = [w for w in postings if w.isalpha()]
        self._prefixes: dict[str, list[str]] = {}
        for word in postings:
            # Numbers index their digits ("500" -> 500g); words their starts of 4+ letters.
            digits = word[: len(word) - len(word.lstrip("0123456789."))]
            starts = [digits] if digits and digits != word else (
                [word[:k] for k in range(FUZZY_MIN_LEN, len(word))] if word.isalpha() else [])
            for start in starts:
                self._prefixes.setdefault(start, []).append(word)

    def __len__(self) -> int:
        return len(self._docs)

    def search(self, query: str, limit: int = 5) -> list[Match]:
        """Products matching `query`, best first."""
        scored = self._score(query, max(limit, RERANK))
        return [Match(self._docs[s.doc].id, round(s.score, 2)) for s in scored[:limit]]

    def resolve(self, query: str) -> Resolution:
        """One product when it is clearly meant, else up to three near-ties, else nothing."""
        scored = self._score(query, RERANK)
        if not scored:
            return Resolution(None, [])
        top = scored[0]
        close = [s for s in scored[1:] if s.score > top.score - MARGIN]
        terms = self._name_terms(query)
        if top.coverage >= BEST_COVERAGE and not close:
            if self._honest(terms, top.doc):
                return Resolution(self._docs[top.doc].id, [])
            return Resolution(None, [])  # "seblak level 5" is not the level-5 sambal
        near = [top, *close][:MAX_CANDIDATES]
        honest = [s for s in near if self._honest(terms, s.doc)]
        if len(honest) == 1 < len(near) and self._explained(terms, honest[0].doc) == 1.0:
            return Resolution(self._docs[honest[0].doc].id, [])  # the one name that accounts for every word
        return Resolution(None, [self._docs[s.doc].id for s in honest])

    def naming(self, words: Sequence[str]) -> list[int]:
        """Products whose name or options (not only their category) have each of these words, or,
        for a word of more than three letters, a typo of it. A ranking narrowed by words
        ("keripik yg paling murah") reads only these rows: reading the whole shop to test every
        name took 155-270 ms at 10,000 products."""
        found: set[int] | None = None
        for word in words:
            said = {word} & self._postings.keys()
            if len(word) > 3:
                limit = slips_allowed(word)
                said.update(w for w, _, _ in process.extract(word, self._vocabulary, scorer=OSA.distance,
                                                            score_cutoff=limit, limit=None))
            # A posting keeps a word's highest field: above the category's, it is in the name or options.
            docs = {doc for w in said for doc, factor in self._postings[w].items() if factor > CATEGORY_FACTOR}
            found = docs if found is None else found & docs
            if not found:
                return []
        return [self._docs[i].id for i in sorted(found or ())]

    def having(self, test: Callable[[str], bool]) -> list[int]:
        """Products with a word in their name or options (not only their category) that passes `test`."""
        docs = {doc for w in self._vocabulary if test(w) for doc, factor in self._postings[w].items()
                if factor > CATEGORY_FACTOR}
        return [self._docs[i].id for i in sorted(docs)]

    def _name_terms(self, query: str) -> list[_Term | None]:
        """The terms of the query's words that could name a product: not a question's or a wish's
        words, not an option (a size, a measure, a level and its number); None for a word the
        catalog does not know at all."""
        words = self._query_words(query)
        kept: list[_Term | None] = []
        for i, word in enumerate(words):
            if word in MADE_WITH:
                break
            if isinstance(word, str):
                plain = word[:-3] if len(word) > 5 and word.endswith("nya") else word
                before = words[i - 1] if i else ""
                if (len(plain) < 3 or plain in CHAT_WORDS or plain in OPTION_WORDS or plain in LEVEL_WORDS or not plain.isalpha()
                        or size(plain) is not None or measure(plain) is not None or before in LEVEL_WORDS):
                    continue
                word = plain if plain in self._postings or word not in self._postings else word
            kept.append(self._term(word))
        return kept

    def _honest(self, terms: list[_Term | None], doc: int) -> bool:
        """Whether a product is a fair answer: it explains most of the words that could name a product,
        or half of them with the first one in its own name ("kastengel keju" is the Kastengel)."""
        share = self._explained(terms, doc)
        if share >= HONEST_SHARE:
            return True
        first = terms[0] if terms else None
        return share >= 0.5 and first is not None and any(
            sim == 1.0 and self._postings[w].get(doc) == NAME_FACTOR for w, sim in first.words.items())

    def _explained(self, terms: list[_Term | None], doc: int) -> float:
        if not terms:
            return 1.0
        return sum(1 for t in terms if t is not None and self._satisfies(t, doc) >= EXPLAINED) / len(terms)

    # -- query side ---------------------------------------------------------------

    def _score(self, query: str, keep: int) -> list[_Scored]:
        words = self._query_words(query)
        terms = [t for t in (self._term(w) for w in words) if t is not None]
        if not terms:
            return []
        total = sum(t.weight for t in terms)
        text = " ".join(" ".join(w) if isinstance(w, tuple) else w for w in words)
        scored = []
        for doc in self._preselect(terms, total, keep):
            coverage = sum(t.weight * self._satisfies(t, doc) for t in terms) / total
            if coverage >= MIN_COVERAGE:
                likeness = fuzz.token_sort_ratio(text, self._names[doc]) / 100
                score = 100 * (COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * likeness)
                scored.append(_Scored(score, coverage, doc))
        scored.sort(key=lambda s: (-s.score, -s.coverage, s.doc))
        return scored

    def _preselect(self, terms: list[_Term], total: float, keep: int) -> list[int]:
        """About `keep` products with the highest (quantised) coverage, via bitsets."""
        width = (SCALE + len(terms)).bit_length()  # rounding may push a sum past SCALE
        digits = [0] * width  # digits[b]: products whose summed coverage has bit b set
        matched = 0
        for term in terms:
            term_digits, taken = [0] * width, 0
            for value, bits in self._levels(term):
                bits &= ~taken  # a product keeps only its best reading of the term
                if not bits:
                    continue
                taken |= bits
                units = round(SCALE * term.weight * value / total)
                for b in range(units.bit_length()):
                    if units >> b & 1:
                        term_digits[b] |= bits
            matched |= taken
            carry = 0
            for b, (a, t) in enumerate(zip(digits, term_digits)):
                digits[b], carry = a ^ t ^ carry, (a & t) | (carry & (a ^ t))
        # Walk the digits from the top: `chosen` are surely in the top `keep`, `tied`
        # still equal to the cut-off so far.
        chosen, tied = 0, matched
        for plane in reversed(digits):
            upper = tied & plane
            count = (chosen | upper).bit_count()
            if count > keep:
                tied = upper
            else:
                chosen, tied = chosen | upper, tied & ~plane
                if count == keep:
                    tied = 0
                    break
        docs = _members(chosen)
        for bits in self._by_length:
            if len(docs) >= keep or not tied:
                break
            docs += _members(tied & bits, keep - len(docs))
        return docs

    def _levels(self, term: _Term) -> list[tuple[float, int]]:
        """(similarity, bitset) readings of one term, most similar first."""
        levels = [(sim * factor, bits) for word, sim in term.words.items()
                  for factor, bits in self._bitsets[word]]
        for phrase, sim in term.phrases:
            for combo in itertools.product(*(self._bitsets[w] for w in phrase)):
                bits = combo[0][1]
                for _, other in combo[1:]:
                    bits &= other
                levels.append((sim * min(f for f, _ in combo), bits))
        levels.sort(key=lambda level: -level[0])
        return levels

    def _query_words(self, query: str) -> list[str | tuple[str, ...]]:
        """Query words after filler removal, joins ("dim sum") and splits ("nastarkeju");
        a tuple is a two-word phrase that has a synonym ("kue lebaran")."""
        vocab = self._postings
        raw = [w for w in normalize(query).split() if w in vocab or w not in FILLER_WORDS]
        words: list[str | tuple[str, ...]] = []
        i = 0
        while i < len(raw):
            pair = raw[i : i + 2]
            phrase = SYNONYMS.get(" ".join(pair), "") if len(pair) == 2 else ""
            if phrase and all(w in vocab for w in phrase.split()):
                words.append(tuple(pair))
                i += 2
            elif len(pair) == 2 and "".join(pair) in vocab and not all(p in vocab for p in pair):
                words.append("".join(pair))
                i += 2
            else:
                words.extend(self._split(raw[i]))
                i += 1
        return words

    def _split(self, word: str) -> list[str]:
        """"lidahkucing" -> ["lidah", "kucing"] when both halves are catalog words."""
        if word in self._postings or not word.isalpha() or len(word) < 5:
            return [word]
        best: list[str] = [word]
        for cut in range(2, len(word) - 1):
            left, right = SLANG.get(word[:cut], word[:cut]), SLANG.get(word[cut:], word[cut:])
            if left in self._postings and right in self._postings and max(cut, len(word) - cut) >= 3:
                if len(best) == 1 or min(cut, len(word) - cut) > min(map(len, best)):
                    best = [left, right]
        return best

    def _term(self, word: str | tuple[str, ...]) -> _Term | None:
        phrases: list[tuple[tuple[str, ...], float]] = []
        matches: dict[str, float] = {}
        if isinstance(word, tuple):
            phrases.append((word, 1.0))
        else:
            matches = self._similar(word)
        synonym = SYNONYMS.get(" ".join(word) if isinstance(word, tuple) else word)
        if synonym:
            phrases.append((tuple(synonym.split()), SYNONYM_FACTOR))
        phrases = [(p, s) for p, s in phrases if all(w in self._postings for w in p)]
        if not matches and not phrases:
            return None
        # The term weighs what its likeliest reading weighs: an exact rare word a lot,
        # a category synonym little.
        options = [(s, self._idf[w]) for w, s in matches.items()]
        options += [(s, max(self._idf[w] for w in p)) for p, s in phrases]
        return _Term(max(options)[1], matches, phrases)

    def _similar(self, word: str) -> dict[str, float]:
        """Vocabulary words that `word` may mean, with a 0-1 similarity."""
        found: dict[str, float] = {}
        if word in self._postings:
            found[word] = 1.0
        if len(word) >= FUZZY_MIN_LEN or word.isdigit():
            for other in self._prefixes.get(word, ()):
                found.setdefault(other, PREFIX_SIM)
        if word.isalpha() and len(word) >= FUZZY_MIN_LEN:
            for other, score, _ in process.extract(
                word, self._alpha, scorer=fuzz.ratio, limit=FUZZY_LIMIT,
                score_cutoff=FUZZY_CUTOFF_LONG if len(word) >= FUZZY_LONG_FROM else FUZZY_CUTOFF_SHORT,
            ):
                if misspelt(word, other):  # alike but two slips apart is another word ("bakwan"/"bawang")
                    found[other] = max(found.get(other, 0.0), score / 100)
        return found

    def _satisfies(self, term: _Term, doc: int) -> float:
        """How well one product satisfies one term, 0-1 (its best reading)."""
        postings, best = self._postings, 0.0
        for word, sim in term.words.items():
            factor = postings[word].get(doc)
            if factor and sim * factor > best:
                best = sim * factor
        for phrase, sim in term.phrases:
            best = max(best, sim * min(postings[w].get(doc, 0.0) for w in phrase))
        return best


def _bitsets(postings: dict[int, float], size: int) -> list[tuple[float, int]]:
    """{product: factor} -> [(factor, bitset)], highest factor first."""
    arrays: dict[float, bytearray] = {}
    for doc, factor in postings.items():
        array = arrays.setdefault(factor, bytearray((size + 7) // 8))
        array[doc >> 3] |= 1 << (doc & 7)
    return sorted(((f, int.from_bytes(a, "little")) for f, a in arrays.items()), reverse=True)


def _members(bits: int, limit: int | None = None) -> list[int]:
    """Indices of the set bits, lowest first, at most `limit` of them."""
    found: list[int] = []
    while bits and (limit is None or len(found) < limit):
        lowest = bits & -bits
        found.append(lowest.bit_length() - 1)
        bits ^= lowest
    return found
