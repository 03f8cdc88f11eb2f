"""What a ledger entry can be: its kind (which way money moves) and its category.

The string values are stored in `ledger_entries`; the words a seller reads for them are in
texts/id/books.py.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    SALE = "sale"  # an order's money, counted when it is paid; split by category below
    RECEIVABLE = "receivable"  # piutang: an order placed and not yet paid
    EXPENSE = "expense"  # money out for the business: HPP (bahan baku) and beban
    INCOME = "income"  # other money in that is income, not from an order
    CAPITAL = "capital"  # modal: the owner puts money in
    DRAWING = "drawing"  # prive: the owner takes money out for themselves


class Category(StrEnum):
    # sale: the four parts of an order's total (total = goods - discount + delivery + unique code)
    GOODS = "barang"
    DISCOUNT = "diskon"  # negative amounts
    DELIVERY = "ongkir"
    UNIQUE_CODE = "kode_unik"
    # receivable
    ORDER = "pesanan"
    # money the seller records
    RAW_MATERIALS = "bahan_baku"
    OPERATIONAL = "operasional"
    WAGES = "gaji"
    RENT = "sewa"
    TRANSPORT = "transport"
    CAPITAL = "modal"
    DRAWING = "prive"
    OTHER = "lainnya"


SALE_PARTS = (Category.GOODS, Category.DISCOUNT, Category.DELIVERY, Category.UNIQUE_CODE)
# Beban in the profit and loss, in the order they are shown; bahan baku is HPP, above them.
OPERATING_EXPENSES = (Category.OPERATIONAL, Category.WAGES, Category.RENT, Category.TRANSPORT, Category.OTHER)
# What a seller can file money under (the words of expense sentences).
SELLER_CATEGORIES = (Category.RAW_MATERIALS, *OPERATING_EXPENSES[:-1], Category.CAPITAL, Category.DRAWING,
                     Category.OTHER)

# How each kind moves the shop's cash (kas & bank): +1 in, -1 out, 0 not cash.
CASH_SIGN: dict[Kind, int] = {Kind.SALE: 1, Kind.INCOME: 1, Kind.CAPITAL: 1,
                              Kind.EXPENSE: -1, Kind.DRAWING: -1, Kind.RECEIVABLE: 0}


def kind_for(category: Category, money_in: bool = False) -> Kind:
    """The kind a seller's entry of this category has; `money_in` only matters for lainnya."""
    if category == Category.CAPITAL:
        return Kind.CAPITAL
    if category == Category.DRAWING:
        return Kind.DRAWING
    if category == Category.OTHER and money_in:
        return Kind.INCOME
    return Kind.EXPENSE
