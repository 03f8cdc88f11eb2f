"""The review flow as scripted dialogues: stars from the asked buttons (a typed number works
too), an optional comment, once; the product page shows the rating; the seller's one reply."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from conversations.base import Ctx, CustomerView, Reply, Step, settle
from conversations.customer.review import AlreadyRated, CommentReview, RateOrder, Rated, rating_buttons
from conversations.ports import MemoryReviews, Rating
from conversations.seller.reviews import REPLY, ReplyReview, ReviewAlreadyReplied, ReviewReplied, on_replied
from tests.seller_support import SellerChat
from tests.support import NOW, Dialogue


@dataclass
class ReviewDialogue(Dialogue):
    """A customer whose order KD-0007 was asked about; rated at most once, as the applier does."""

    rated: set[str] = field(default_factory=set)
    ratings: dict[str, Rating] = field(default_factory=dict)

    def ctx(self) -> Ctx:
        return Ctx(self.shop, self.catalog, CustomerView(1, self.name), self.orders, NOW, ZoneInfo("Asia/Jakarta"),
                   reviews=MemoryReviews(self.ratings))

    def _apply(self, step: Step) -> Step:
        return settle(step, self._outcome, self.ctx())

    def _outcome(self, effect: Any) -> Any:
        self.effects.append(effect)
        if isinstance(effect, RateOrder):
            if effect.code in self.rated:
                return AlreadyRated()
            self.rated.add(effect.code)
            return Rated()
        return None


def asked() -> ReviewDialogue:
    d = ReviewDialogue()
    d.send("halo")
    d.last = [Reply("Pesanan KD-0007 sudah selesai", rating_buttons("KD-0007"))]
    return d


def test_four_stars_then_skipping_the_comment():
    d = asked()
    d.press("⭐⭐⭐⭐")
    assert d.effects[-1] == RateOrder("KD-0007", 4) and "Terima kasih" in d.text and d.state == "review:comment"
    d.press("Lewati")
    assert d.state != "review:comment" and not any(isinstance(e, CommentReview) for e in d.effects)


def test_a_low_rating_is_apologised_for_and_the_comment_is_passed_on():
    d = asked()
    d.press("⭐")  # the first button: one star
    assert d.effects[-1] == RateOrder("KD-0007", 1) and "Mohon maaf" in d.text
    d.send("Nastarnya gosong kak")
    assert d.effects[-1] == CommentReview("KD-0007", "Nastarnya gosong kak") and "sampaikan" in d.text


def test_a_plain_no_is_no_comment_and_a_second_rating_is_thanked_not_counted():
    d = asked()
    d.press("⭐⭐⭐⭐⭐")
    d.send("tidak")
    assert not any(isinstance(e, CommentReview) for e in d.effects)
    d.last = [Reply("again", rating_buttons("KD-0007"))]
    d.press("⭐⭐⭐")
    assert "sudah Kakak nilai" in d.text and d.state != "review:comment"


def test_the_product_page_shows_the_average_the_count_and_the_latest_comment():
    d = ReviewDialogue(ratings={"KUE-KST": Rating(4.5, 12, "Renyah banget, pasti pesan lagi")})
    d.send("halo")
    d.send("kastengel")
    assert "⭐ 4,5 dari 5 (12 ulasan)" in d.text and "Renyah banget" in d.text
    d.send("sambal roa")
    assert "ulasan" not in d.text


def test_the_seller_replies_once_through_the_button_and_batal_leaves_it():
    seller = SellerChat()
    seller.send(choice=REPLY.pack(31, "KD-0007"))
    assert "KD-0007" in seller.text and seller.state == "seller_reviews:reply"
    seller.send("batal")
    assert seller.state == "" and seller.effects == []
    seller.send(choice=REPLY.pack(31, "KD-0007"))
    seller.send("Terima kasih Kak, ditunggu pesanan berikutnya!")
    assert seller.effects == [ReplyReview(31, "Terima kasih Kak, ditunggu pesanan berikutnya!")]
    # How the applier's outcome is worded (the applier itself: tests/integration/test_regulars_reviews.py).
    done = on_replied(Step("", {}), [ReviewReplied("KD-0007")], seller.ctx())
    assert "sudah kami kirim" in done.replies[0].text and done.state == ""
    again = on_replied(Step("", {}), [ReviewAlreadyReplied("KD-0007")], seller.ctx())
    assert "hanya sekali" in again.replies[0].text


def test_a_rating_typed_instead_of_pressed_answers_the_latest_ask():
    for typed, stars in (("4", 4), ("bintang 5", 5), ("⭐⭐⭐", 3), ("2/5", 2)):
        d = ReviewDialogue()
        d.send("halo")
        d.data.pop("_offered")  # the ask came from the sweep: no list of this conversation's own to number
        d.ctx = lambda d=d: Ctx(d.shop, d.catalog, CustomerView(1), d.orders, NOW, ZoneInfo("Asia/Jakarta"),  # type: ignore[method-assign]
                                reviews=MemoryReviews({}, asked="KD-0007"))
        d.send(typed)
        assert d.effects[-1] == RateOrder("KD-0007", stars), typed
    d = ReviewDialogue()  # nothing asked: a bare number is not a rating
    d.send("halo")
    d.send("4")
    assert not any(isinstance(e, RateOrder) for e in d.effects)
