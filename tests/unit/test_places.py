"""Delivery areas matched the way people write places (language.places through
ShopProfile.zone_for_address): forgiving, but never into a different city."""

from __future__ import annotations

import pytest

from shops.profile import ShopProfile


def shop(*zones: tuple[str, list[str]]) -> ShopProfile:
    return ShopProfile(name="Batik Sekar", delivery_zones=[
        {"id": f"z{i}", "name": name, "fee": 10000 * (i + 1), "areas": areas} for i, (name, areas) in enumerate(zones)])


JOGJA = shop(("Kota Yogyakarta", ["Kota Yogyakarta", "mergangsan", "umbulharjo"]),
             ("Sleman & Bantul", ["sleman", "bantul"]),
             ("Kota Malang", ["Kota Malang"]),
             ("Surabaya", ["Surabaya"]))


@pytest.mark.parametrize("address, zone", [
    ("kt malang", "Kota Malang"),
    ("Jl. Ijen 5, malang", "Kota Malang"),
    ("Jl Soekarno Hatta 9, KOTA MALANG", "Kota Malang"),
    ("Jl. Parangtritis 5, Jogja", "Kota Yogyakarta"),  # the city's shorthand
    ("jl prawirotaman, yogya", "Kota Yogyakarta"),
    ("Jl Kaliurang km 9, Sleman", "Sleman & Bantul"),
    ("Jl. Raya Darmo 45 sby", "Surabaya"),
    ("Jl. Veteran 3, Umbulharjp", "Kota Yogyakarta"),  # a slip in a long name
    ("Jl. Tamansiswa 1, Mergangsn", "Kota Yogyakarta"),
])
def test_an_address_is_put_in_the_zone_it_names_however_it_is_written(address: str, zone: str) -> None:
    found = JOGJA.zone_for_address(address)
    assert found is not None and found.name == zone


@pytest.mark.parametrize("address", [
    "Jl. Raya Kepanjen 4, Kab. Malang",  # the regency, not the city
    "Kabupaten Malang",
    "Desa Bantur, Kec. Bantur",  # one letter from "Bantul", a real other place
    "Jl. Palang Merah 2, Tuban",  # one letter from "Malang"
    "Jl. Slemanan 4, Magelang",  # "sleman" inside another word
])
def test_a_different_place_is_never_put_in_a_zone(address: str) -> None:
    assert JOGJA.zone_for_address(address) is None


def test_an_area_is_a_whole_word_not_part_of_a_street_name() -> None:
    malang = shop(("Dalam Kota", ["klojen"]), ("Batu", ["batu", "dau"]))
    assert malang.zone_for_address("Jl. Batununggal 3, Bandung") is None
    assert malang.zone_for_address("Jl. Pandaungan 3, Surabaya") is None
    assert malang.zone_for_address("Jl. Diponegoro 3, Batu").name == "Batu"


def test_a_bare_city_name_between_the_city_and_the_regency_of_that_name_is_asked() -> None:
    both = shop(("Kota Malang", ["kota malang"]), ("Kab. Malang", ["kabupaten malang"]))
    assert both.zone_for_address("Jl. Mawar 3, Malang") is None
    assert both.zone_for_address("Jl. Mawar 3, Kab Malang").name == "Kab. Malang"
    assert both.zone_for_address("Jl. Mawar 3, kt. Malang").name == "Kota Malang"


def test_an_exact_area_wins_over_a_slip_of_another() -> None:
    two = shop(("Far", ["kotagede"]), ("Near", ["kotagede", "kotagedhe"]))
    assert two.zone_for_address("Jl. Mondorakan, Kotagedhe").name == "Near"
