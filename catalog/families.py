"""Products with options: the rows of one product grouped as a Family, and which family and
option a shopper's words mean (`find`).

The search index holds one document per family (its name, and its option labels as keywords),
so lists and search show "Nastar Keju" once; `language.options.pick_option` then reads which
option the words name. A family whose words name an option it lacks says so (`Hit.asked`), so
the shopper can be told which options exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from catalog.model import ProductInfo
from catalog.search import Resolution, SearchDoc, SearchIndex
from language.options import LEVEL_WORDS, OPTION_WORDS, is_option_number, measure, pick_option, size, sizes_in, sort_key
from language.text import FILLER_WORDS, normalize


@dataclass(frozen=True)
class Family:
    """A product as shoppers see it: one name, a photo, and its options in a shopper's order
    (S before XL, 250g before 500g). A product without options is a family of one."""

    options: tuple[ProductInfo, ...]  # never empty

    @property
    def id(self) -> int:
        return self.options[0].family

    @property
    def lead(self) -> ProductInfo:
        return self.options[0]

    @property
    def sku(self) -> str:
        """The sku a list's button carries for the whole product: its first option's."""
        return self.lead.sku

    @property
    def name(self) -> str:
        return self.lead.name

    @property
    def category_id(self) -> int | None:
        return self.lead.category_id

    @property
    def category(self) -> str:
        return self.lead.category

    @property
    def description(self) -> str:
        return next((o.description for o in self.options if o.description), "")

    @property
    def image_url(self) -> str | None:
        return next((o.image_url for o in self.options if o.image_url), None)

    @property
    def price(self) -> int:
        return min(o.price for o in self.options)

    @property
    def price_max(self) -> int:
        return max(o.price for o in self.options)

    @property
    def stock(self) -> int:
        return sum(o.stock for o in self.options)

    @property
    def has_options(self) -> bool:
        return len(self.options) > 1 or self.lead.option is not None

    @property
    def labels(self) -> list[str]:
        return [o.option or "" for o in self.options]

    def by_sku(self, sku: str) -> ProductInfo | None:
        return next((o for o in self.options if o.sku == sku), None)


def group(products: Iterable[ProductInfo]) -> list[Family]:
    """Families of these rows, in the order their first row came; options in a shopper's order."""
    members: dict[int, list[ProductInfo]] = {}
    for p in products:
        members.setdefault(p.family, []).append(p)
    return [Family(tuple(sorted(rows, key=lambda p: (sort_key(p.option or ""), p.id)))) for rows in members.values()]


def index_of(families: Sequence[Family], normalized: Callable[[str], str] | None = None) -> SearchIndex:
    """One search document per family: "kemeja parang xl" finds the family by its name and its options."""
    return SearchIndex([SearchDoc(id=f.id, name=f.name, category=f.category,
                                  keywords=" ".join(f.labels) if f.has_options else "") for f in families], normalized)


def sizes_of(products: Iterable[ProductInfo], normalized: Callable[[str], str] | None = None) -> frozenset[int]:
    """The shop's size numbers (the 500 of 500g): never read as quantities (language.numbers)."""
    return sizes_in((text for p in products for text in (p.name, p.option or "")), normalized)


@dataclass(frozen=True)
class Hit:
    """A family the words fit, and which of its options they name: `option` when exactly one
    (always, for a product without options); `asked` when they name an option it lacks."""

    family: Family
    option: ProductInfo | None = None
    asked: str | None = None


@dataclass(frozen=True)
class Found:
    best: Hit | None = None
    candidates: list[Hit] = field(default_factory=list)


def hit(family: Family, words: str, sizes: frozenset[int] = frozenset()) -> Hit:
    """Which option of `family` the words name."""
    if len(family.options) == 1:
        return Hit(family, family.lead)
    picked = pick_option(family.labels, words, sizes)
    return Hit(family, family.options[picked.index] if picked.index is not None else None, picked.asked)


def unexplained(family: Family, words: str, sizes: frozenset[int] = frozenset()) -> set[str]:
    """The words said that neither the product's name nor its options account for (an option it
    lacks counts as accounted for: it is a question about this product)."""
    own = set(normalize(family.name).split()) | {w for label in family.labels for w in normalize(label).split()}
    said = [w for w in normalize(words).split() if w not in FILLER_WORDS]
    return {w for i, w in enumerate(said) if w not in own and not (
        size(w) is not None or measure(w) is not None or w in LEVEL_WORDS or w in OPTION_WORDS
        or (w.isdigit() and (is_option_number(int(w), sizes) or (i and said[i - 1] in LEVEL_WORDS))))}


def resolve(found: Resolution, families: Mapping[int, Family], words: str,
            sizes: frozenset[int] = frozenset()) -> Found:
    """The search's answer (family ids) read with the words' option. Of near-ties, the one
    product whose name accounts for every word said wins ("kemeja kawung xl" is the Kawung
    shirt, asked in a size it lacks, not the Parang one that has XL)."""
    best = hit(families[found.best], words, sizes) if found.best in families else None
    candidates = [hit(families[i], words, sizes) for i in found.candidates if i in families]
    if best is None and len(candidates) > 1:
        whole = [h for h in candidates if not unexplained(h.family, words, sizes)]
        if len(whole) == 1 and any(unexplained(h.family, words, sizes) for h in candidates):
            return Found(whole[0], [])
    return Found(best, candidates)


def flat(found: Found) -> tuple[ProductInfo | None, list[ProductInfo]]:
    """The older answer shape: the one product meant (an option when one is named), else the
    products to choose from (a family's options when the option is missing)."""
    if found.best is not None and found.best.option is not None:
        return found.best.option, []
    hits = [found.best] if found.best is not None else found.candidates
    return None, [p for h in hits for p in ((h.option,) if h.option is not None else h.family.options)]
