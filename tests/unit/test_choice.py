"""Button values packed and unpacked by one typed helper, and no two flows' buttons alike."""

from __future__ import annotations

import importlib
import pkgutil

import conversations
from conversations.choice import Choice, number


def test_a_value_round_trips_with_its_types_and_a_colon_in_the_first_part():
    add = Choice("a", str, number)
    assert add.pack("KRP:01", 2) == "a:KRP:01:2"
    assert add.unpack("a:KRP:01:2") == ("KRP:01", 2)


def test_another_prefix_a_missing_part_or_a_bad_number_is_not_this_choice():
    add = Choice("a", str, number)
    for value in ("b:KRP:2", "a:KRP", "a:KRP:dua", "a", "", None, "ab:KRP:2"):
        assert add.unpack(value) is None and not add.matches(value)


def test_trailing_parts_may_take_their_defaults():
    page = Choice("c", number, number, defaults=(0,))
    assert page.unpack("c:5") == (5, 0) and page.unpack("c:5:3") == (5, 3) and page.unpack("c:") is None


def test_a_choice_without_parts_is_its_prefix_alone():
    skip = Choice("skip")
    assert skip.pack() == "skip" and skip.matches("skip") and not skip.matches("skip:1")
    assert Choice("chg", str).one("chg:KRP") == "KRP" and Choice("chg", str).one("chg") is None


def all_choices() -> dict[int, tuple[str, Choice]]:
    """Every Choice a flow module defines, once each (a module importing another's is not a second one)."""
    found: dict[int, tuple[str, Choice]] = {}
    for info in pkgutil.walk_packages(conversations.__path__, "conversations."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Choice):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
            elif isinstance(value, dict):
                found.update({id(v): (f"{info.name}.{name}[{k!r}]", v) for k, v in value.items() if isinstance(v, Choice)})
    return found


def test_no_two_buttons_of_any_flows_read_alike():
    seen: dict[tuple[str, int], str] = {}
    for name, choice in all_choices().values():
        key = (choice.prefix, len(choice.parts))
        assert key not in seen, f"{name} and {seen[key]} both are {key}"
        seen[key] = name
    assert len(seen) >= 40  # every flow's buttons were found, the order verbs' too
