"""Promotions in scripted dialogues through the pure routing: customers opting out and in,
codes, discount lines at checkout; sellers creating promos and broadcasts. No database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from marketing.broadcasts import WEEKLY, Preview, Schedule, Segment
from marketing.promotions import BUNDLE, CATEGORY, PERCENT, PRODUCT, BundleItem, Promotion
from conversations.base import Ctx, CustomerView, Turn
from conversations.customer.checkout import PlaceOrder
from conversations.customer.browsing import Browse
from conversations.customer.consent import Consent, SetPromoConsent
from conversations.ports import MemoryMarketing
from conversations.seller.broadcast import CreateBroadcast
from conversations.seller.marketing import StopPromotion
from conversations.seller.promo import CreatePromotion
from conversations.seller import marketing as seller_marketing
from handlers import choices
from tests.support import NOW, Dialogue

HEMAT = Promotion(1, "HEMAT10", PERCENT, 10, scope=CATEGORY, targets=("Keripik",), code="HEMAT10")
BUNDLE_PROMO = Promotion(2, "Paket hemat", BUNDLE, 45000, scope=PRODUCT,
                         bundle=(BundleItem("KRP-SGK-PDS", 2), BundleItem("SBL-ROA", 1)))


@dataclass
class PromoDialogue(Dialogue):
    promos: MemoryMarketing = field(default_factory=lambda: MemoryMarketing([HEMAT, BUNDLE_PROMO]))

    def ctx(self) -> Ctx:
        base = super().ctx()
        return Ctx(base.shop, base.catalog, base.customer, base.orders, base.now, base.tz, promos=self.promos)


def to_confirm(chat: Dialogue) -> None:
    chat.send("checkout")
    chat.send("Siti")
    chat.press("Ambil sendiri")
    chat.press("Lewati")
    chat.press("COD")


def test_stop_opts_out_at_once_in_any_state_and_keeps_the_checkout_where_it_was():
    for word in ("STOP", "berhenti", "jangan kirim promo"):
        chat = PromoDialogue()
        chat.send("halo")
        chat.send("pesan 2 keripik singkong pedas")
        to_confirm(chat)
        state, cart = chat.state, chat.cart
        chat.send(word)
        assert chat.effects[-1] == SetPromoConsent(False)
        assert "berhenti* menerima pesan promo" in chat.text
        assert (chat.state, chat.cart) == (state, cart)


def test_mau_promo_opts_back_in():
    chat = PromoDialogue()
    chat.send("halo")
    chat.send("mau promo")
    assert chat.effects[-1] == SetPromoConsent(True) and "Ketik *STOP*" in chat.text


def test_a_typed_code_shows_in_the_summary_line_by_line_with_the_bundle():
    chat = PromoDialogue()
    chat.send("halo")
    chat.send("kode hemat10")
    assert "Kode *HEMAT10* terpasang: diskon 10% untuk kategori Keripik" in chat.text
    chat.send("pesan 4 keripik singkong pedas sama 1 sambal roa")
    to_confirm(chat)
    # 4 x 15.000 + 25.000 = 85.000; bundle takes 2 keripik + roa: -10.000; 10% of the other 2 keripik: -3.000
    assert "Subtotal: Rp85.000\n🏷️ Paket hemat: -Rp10.000\n🏷️ HEMAT10: -Rp3.000\n*Total: Rp72.000*" in chat.text
    chat.press("Pesan sekarang")
    order = next(e for e in chat.effects if isinstance(e, PlaceOrder))
    assert order.promo_codes == ("HEMAT10",) and order.discount == 13000


def test_a_code_below_its_minimum_says_how_much_is_missing():
    chat = PromoDialogue(promos=MemoryMarketing([Promotion(1, "BESAR", PERCENT, 10, code="BESAR", min_subtotal=100000)]))
    chat.send("halo")
    chat.send("pakai kode besar")
    chat.send("pesan 2 keripik singkong pedas")
    to_confirm(chat)
    assert "Kode BESAR berlaku untuk belanja min Rp100.000, kurang Rp70.000 lagi" in chat.text
    assert "*Total: Rp30.000*" in chat.text


def test_unknown_expired_and_used_up_codes_are_refused():
    ended = Promotion(3, "LAMA", PERCENT, 10, code="LAMA", ends_at=NOW - timedelta(days=1))
    used = Promotion(4, "SEKALI", PERCENT, 10, code="SEKALI", max_uses_per_customer=1)
    chat = PromoDialogue(promos=MemoryMarketing([ended, used], used={4: 1}))
    chat.send("halo")
    assert "tidak ditemukan" in "".join(r.text for r in chat.send("kode ngawur"))
    assert "tidak ditemukan" in "".join(r.text for r in chat.send("kode lama"))
    assert "sudah habis kuotanya" in "".join(r.text for r in chat.send("kode sekali"))
    assert "promo_code" not in chat.data


def test_a_start_link_with_a_promo_payload_puts_the_code_on():
    chat = PromoDialogue()
    chat.send("/start", start_payload="promo_HEMAT10")
    assert "Kode promo *HEMAT10* sudah terpasang" in chat.text and chat.data["promo_code"] == "HEMAT10"


def test_the_consent_question_is_answered_by_button_or_by_typing():
    chat = PromoDialogue()
    chat.send("halo")
    chat.state = Consent.ASKED
    chat.send("iya")
    assert chat.effects[-1] == SetPromoConsent(True) and chat.state == Browse.HOME
    chat.send(choice="consent:no")
    assert chat.effects[-1] == SetPromoConsent(False)


@dataclass
class SellerChat:
    """A seller talking to the seller router, the way the engine drives it."""

    promos: MemoryMarketing = field(default_factory=lambda: MemoryMarketing([HEMAT]))
    state: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    effects: list[Any] = field(default_factory=list)
    text: str = ""

    def send(self, text: str = "", **turn: Any) -> None:
        base = Dialogue().ctx()
        ctx = Ctx(base.shop, base.catalog, CustomerView(9), base.orders, base.now, base.tz, promos=self.promos)
        step = seller_marketing.route(self.state, self.data, choices.interpret(Turn(text=text, **turn), self.data.get("_offered")), ctx)
        assert step is not None, f"{text!r} fell through to the customer flows"
        self.state, self.data = step.state, {k: v for k, v in step.data.items() if k != "_offered"}
        if offered := choices.remember(step.replies):
            self.data["_offered"] = offered
        self.effects += step.effects
        self.text = "\n".join(r.text for r in step.replies)


def test_a_seller_creates_a_category_percent_promo_with_conditions_by_chat():
    chat = SellerChat()
    for line in ("promo baru", "Diskon %", "15", "Satu kategori", "Sambal", "sambal15",
                 "min 50rb, sampai 31/12, kuota 100, 1x per orang"):
        chat.send(line)
    assert "diskon 15% untuk kategori Sambal" in chat.text and "kuota 100" in chat.text
    chat.send("Simpan")
    [effect] = chat.effects
    assert isinstance(effect, CreatePromotion) and chat.state == ""
    spec = effect.spec
    assert (spec.kind, spec.value, spec.scope, spec.targets, spec.code) == (PERCENT, 15, CATEGORY, ("Sambal",), "SAMBAL15")
    assert (spec.min_subtotal, spec.max_uses, spec.max_uses_per_customer) == (50000, 100, 1)


def test_a_seller_creates_a_bundle_and_a_taken_code_is_refused():
    chat = SellerChat()
    for line in ("promo baru", "Harga paket", "2 keripik singkong pedas + 1 sambal roa = 45rb", "hemat10"):
        chat.send(line)
    assert "sudah dipakai" in chat.text
    for line in ("Otomatis", "Tanpa syarat", "Simpan"):
        chat.send(line)
    spec = chat.effects[-1].spec
    assert spec.kind == BUNDLE and spec.value == 45000 and spec.code is None
    assert spec.bundle == (BundleItem("KRP-SGK-PDS", 2), BundleItem("SBL-ROA", 1))


def test_a_seller_writes_a_weekly_broadcast_sees_the_count_and_confirms():
    promos = MemoryMarketing([HEMAT], audience=Preview(recipients=42, no_consent=7, sample={"name": "Siti", "last_product": "Sambal Roa"}))
    chat = SellerChat(promos=promos)
    for line in ("broadcast baru", "Halo {nama}! {produk_terakhir} favorit Kakak lagi diskon", "Pernah beli…", "sambal",
                 "HEMAT10", "setiap jumat 10:00"):
        chat.send(line)
    assert "Halo Siti! Sambal Roa favorit Kakak lagi diskon" in chat.text
    assert "*42 pelanggan*" in chat.text and "7 belum izin promo" in chat.text and "setiap Jumat jam 10.00" in chat.text
    assert "Pakai kode *HEMAT10*" in chat.text and "Ketik STOP" in chat.text
    chat.send("Jadwalkan")
    [effect] = chat.effects
    assert isinstance(effect, CreateBroadcast)
    assert effect.spec.segment == Segment(categories=("Sambal",)) and effect.spec.promo_code == "HEMAT10"
    assert effect.spec.schedule == Schedule(WEEKLY, weekday=4, clock="10:00")


def test_a_seller_can_cancel_a_draft_and_stop_a_promo_by_code():
    chat = SellerChat()
    chat.send("broadcast baru")
    chat.send("batal")
    assert chat.state == "" and "dibatalkan" in chat.text and not chat.effects
    chat.send("promo stop hemat10")
    assert chat.effects == [StopPromotion("hemat10")]


def test_words_that_are_not_seller_commands_fall_through_to_the_customer_flows():
    base = Dialogue().ctx()
    assert seller_marketing.route("", {}, Turn(text="pesan 2 keripik"), base) is None
