"""What changed between the links a process serves and the links now (bot.channels.live_links.changes)."""

from __future__ import annotations

from bot.channels.live_links import Link, changes

BOT = Link(1, "telegram", "7100000001", "7100000001:AA", "s1")
NUMBER = Link(1, "whatsapp", "+6281100000001")


def served(*links: Link) -> dict[tuple[str, str], Link]:
    return {(link.channel, link.account): link for link in links}


def test_the_same_links_are_no_change():
    assert changes(served(BOT, NUMBER), [NUMBER, BOT]) == ([], [])
    assert changes({}, []) == ([], [])


def test_a_new_link_is_new_and_a_removed_one_gone():
    other = Link(2, "telegram", "7200000002", "7200000002:BB", "s2")
    assert changes(served(BOT), [BOT, other]) == ([], [other])
    assert changes(served(BOT, other), [other]) == ([BOT], [])


def test_a_link_moved_to_another_shop_is_let_go_and_served_anew():
    moved = Link(2, "whatsapp", NUMBER.account)
    assert changes(served(BOT, NUMBER), [BOT, moved]) == ([NUMBER], [moved])


def test_a_bot_linked_again_with_a_new_token_or_secret_is_served_anew():
    fresh_token = Link(1, "telegram", BOT.account, "7100000001:CC", "s1")
    fresh_secret = Link(1, "telegram", BOT.account, BOT.token, "s9")
    assert changes(served(BOT), [fresh_token]) == ([BOT], [fresh_token])
    assert changes(served(BOT), [fresh_secret]) == ([BOT], [fresh_secret])


def test_a_bot_and_a_number_with_the_same_account_text_are_two_links():
    number = Link(1, "whatsapp", BOT.account)
    assert changes(served(BOT), [BOT, number]) == ([], [number])
