"""Setting a new shop up by chat, as scripted dialogues over the pure routing: the owner code,
the six steps (skipped, paused, resumed), the schedule said back, payment and delivery menus,
the first products; then changes later, each before -> after with "batalkan"; staff cannot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from conversations.base import CustomerView, Ctx, Media, Turn, settle
from conversations.examples import NoExamples
from conversations.ports import NoInvites
from conversations.seller import shop_view as view
from conversations.seller.changes import ChangedMeanwhile, CreateProduct, Created, Done
from conversations.seller.changes import ProductChange as ProductChange_
from conversations.seller.ports import SellerCtx, SellerProduct, SellerView
from conversations.seller.setup import SellerSetup
from conversations.seller.shop_effects import ClaimOwnership, HandOver, HandOverCode, OwnerClaimed, ProfileChange
from handlers import choices, seller
from shops.profile import ShopProfile
from tests.seller_support import MemoryDesk, SellerChat
from tests.support import NOW, FakeOrders

DEMO_WORDS = ("keripik", "sambal", "rendang", "nastar", "kastengel", "dimsum", "pempek", "bu sri")
NEW_SHOP = ShopProfile(name="Batik Sekar", order_prefix="BS", pickup=False)
OWNER = SellerView(1, "owner", "Sekar", "simulator", "sekar")


class OwnerCode(NoInvites):
    def owner_code_open(self, code: str) -> bool:
        return code == "ABCD2345"


@dataclass
class OwnerChat(SellerChat):
    """A shop's owner talking to the pure routing, with a world that applies the setup's effects
    to the profile and the desk, as the appliers would."""

    desk: MemoryDesk = field(default_factory=lambda: MemoryDesk(items=[], people=[OWNER]))
    me: SellerView = OWNER
    shop: ShopProfile = field(default_factory=lambda: NEW_SHOP)
    applied: list[Any] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    meddle: bool = False  # another seller changed the setting first

    def ctx(self) -> SellerCtx:
        return SellerCtx(self.shop, None, CustomerView(9), FakeOrders(), self.now,  # type: ignore[arg-type]
                         ZoneInfo("Asia/Jakarta"), seller=self.me, desk=self.desk, examples=NoExamples())

    def send(self, text: str = "", *, choice: str | None = None, photo: str | None = None, **turn: Any):
        media = (Media(photo),) if photo else ()
        raw = choices.interpret(Turn(text=text, choice=choice, media=media, **turn), self.data.get("_offered"))
        step = seller.route(self.state, self.data, raw, self.ctx())
        assert step is not None, f"{text!r} was not a seller's message"
        step = settle(step, self._apply, self.ctx())
        self.state = step.state
        self.data = {k: v for k, v in step.data.items() if k != "_offered"}
        if offered := choices.remember(step.replies):
            self.data["_offered"] = offered
        self.last = step.replies
        self.transcript += [r.text for r in step.replies]
        return step.replies

    def _apply(self, effect: Any) -> Any:
        self.applied.append(effect)
        if isinstance(effect, ProfileChange):
            if self.meddle:
                return ChangedMeanwhile(None)
            self.shop = view.applied(self.shop, effect.after)
            return Done()
        if isinstance(effect, CreateProduct):
            product = SellerProduct(len(self.desk.items) + 1, f"P{len(self.desk.items) + 1}", effect.name,
                                    effect.category, effect.price, effect.stock, True, effect.image_url)
            self.desk.items.append(product)
            self.desk.__post_init__()
            return Created(product.id)
        if isinstance(effect, ProductChange_):
            return Done()
        if isinstance(effect, HandOver):
            return HandOverCode("WXYZ6789", self.now + timedelta(hours=24))
        raise AssertionError(effect)


def claimed() -> OwnerChat:
    """The owner code sent by someone who is no seller yet: the welcome and the first question."""
    ctx = Ctx(NEW_SHOP, None, CustomerView(9), FakeOrders(), NOW, ZoneInfo("Asia/Jakarta"),  # type: ignore[arg-type]
              invites=OwnerCode())
    assert seller.join("", {}, "kode ABCD-1234", "Sekar", ctx) is None  # a wrong code is ordinary text
    step = seller.join("", {}, "abcd-2345", "Sekar", ctx)
    assert step is not None
    [effect] = step.effects
    assert isinstance(effect, ClaimOwnership) and effect.code == "ABCD2345" and effect.state == SellerSetup.NAME
    step = settle(step, lambda e: OwnerClaimed(1, "Sekar"), ctx)
    chat = OwnerChat()
    chat.state, chat.data, chat.last = effect.state, dict(effect.data), step.replies
    assert chat.data["_offered"] == choices.remember(step.replies)  # a typed "1" presses the first button
    assert "Kakak sekarang *pemilik* toko *Batik Sekar*" in step.replies[0].text
    assert "Langkah 1 dari 6 · Nama toko" in step.replies[1].text
    return chat


def test_a_new_owner_sets_the_shop_up_step_by_step_to_the_end():
    chat = claimed()
    chat.press("Sudah benar")
    assert chat.state == SellerSetup.ADDRESS and "Langkah 2 dari 6" in chat.text
    chat.send("Jl. Malioboro No. 52, Sosromenduran, Yogyakarta")
    assert "Alamat toko: belum diatur → Jl. Malioboro No. 52" in chat.text and "Langkah 3 dari 6" in chat.text
    chat.send("Senin - Sabtu 09.00-17.00, Minggu tutup")
    assert "• Senin–Sabtu: 09.00–17.00\n• Minggu: tutup" in chat.text
    assert chat.shop.hours() is not None and "Langkah 4 dari 6 · Cara bayar" in chat.text
    chat.press("Rekening bank")
    chat.send("BCA 1234567890 a.n. Sekar Ayu")
    assert "🏦 Rekening: BCA 1234567890 a.n. Sekar Ayu" in chat.text and chat.state == SellerSetup.PAYMENT
    chat.press("Terima COD")
    assert "💵 COD: ✅ ya" in chat.text
    chat.press("QRIS")
    chat.send("", photo="AgACAgQAAxkBAAIQRIS")
    assert "📱 QRIS: ✅ ya" in chat.text
    chat.press("Lanjut")
    assert "Langkah 5 dari 6 · Pengiriman" in chat.text
    chat.press("Bisa ambil sendiri")
    chat.press("Tambah area antar")
    chat.send("Kota Yogyakarta 10rb\nSleman, Bantul 15rb")
    assert "Kota Yogyakarta (Rp10.000), Sleman, Bantul (Rp15.000)" in chat.text
    chat.send("lanjut")
    assert "Langkah 6 dari 6 · Produk pertama" in chat.text and "Nama Barang 50rb stok 10" in chat.text
    chat.send("Kemeja Batik Parang 150rb stok 5", photo="AgACAgQAAxkBAAIKemeja")
    assert "✅ *Kemeja Batik Parang* · Rp150.000 · stok 5 · 🖼️ dengan foto" in chat.text
    chat.send("produk baru Selendang Lurik 85rb stok 10")
    chat.send("Blangkon 45rb")
    assert "stoknya belum kebaca" in chat.text and len(chat.desk.items) == 2
    chat.press("Selesai")
    assert chat.state == "" and "Toko *Batik Sekar* siap menerima pesanan" in chat.text
    shop = chat.shop
    assert shop.address.startswith("Jl. Malioboro") and shop.pickup and shop.pickup_address == shop.address
    assert [m.kind for m in shop.payment_methods] == ["bank_transfer", "qris", "cod"]
    assert shop.payment("qris").qris_image == "AgACAgQAAxkBAAIQRIS"
    assert [(z.name, z.fee, z.areas) for z in shop.delivery_zones] == [
        ("Kota Yogyakarta", 10000, ["kota yogyakarta"]), ("Sleman, Bantul", 15000, ["sleman", "bantul"])]
    assert [(p.name, p.price, p.stock, p.image_url) for p in chat.desk.items] == [
        ("Kemeja Batik Parang", 150000, 5, "AgACAgQAAxkBAAIKemeja"), ("Selendang Lurik", 85000, 10, None)]
    said = "\n".join(chat.transcript).lower()
    assert not any(word in said for word in DEMO_WORDS)


def test_a_step_is_skipped_the_setup_paused_and_resumed_at_the_first_unanswered_step():
    chat = claimed()
    chat.send("Batik Sekar Jogja")
    assert "Nama toko: Batik Sekar → Batik Sekar Jogja" in chat.text and chat.state == SellerSetup.ADDRESS
    chat.send("lewati")
    assert chat.state == SellerSetup.HOURS and "Dilewati" in chat.text
    chat.send("batal")
    assert chat.state == "" and "dijeda" in chat.text
    chat.send("halo")  # the seller's menu says the setup is not finished
    assert "Pengaturan toko belum selesai" in chat.text
    chat.send("atur toko")
    assert chat.state == SellerSetup.ADDRESS and "Langkah 2 dari 6" in chat.text


def test_a_shared_location_is_kept_and_the_written_address_asked_after_it():
    chat = claimed()
    chat.press("Sudah benar")
    chat.send(latitude=-7.79, longitude=110.36)
    assert (chat.shop.latitude, chat.shop.longitude) == (-7.79, 110.36) and chat.state == SellerSetup.ADDRESS
    assert "Ketik juga alamat tertulisnya" in chat.text
    chat.send("Jl. Malioboro No. 52, Yogyakarta")
    assert chat.state == SellerSetup.HOURS and chat.shop.maps_url().startswith("https://maps.google.com/?q=-7.79")


def test_hours_we_cannot_read_are_kept_as_written_and_said_so():
    chat = claimed()
    chat.press("Sudah benar")
    chat.send("lewati")
    chat.send("halo")  # a greeting is no answer: the question again
    assert chat.state == SellerSetup.HOURS and chat.applied == [] and "Jam berapa toko buka" in chat.text
    chat.send("kalau ada orang di rumah")
    assert chat.shop.opening_hours == "kalau ada orang di rumah" and chat.shop.hours() is None
    assert "belum bisa kami baca" in chat.text and chat.state == SellerSetup.PAYMENT


def test_a_bad_answer_is_asked_again_and_changes_nothing():
    chat = claimed()
    chat.press("Sudah benar")
    chat.send("jogja")
    assert chat.state == SellerSetup.ADDRESS and "terlalu singkat" in chat.text and chat.applied == []
    chat.send("lewati")
    chat.send("lewati")
    chat.press("Rekening bank")
    chat.send("BCA saja")
    assert chat.state == SellerSetup.BANK and "belum kebaca" in chat.text and chat.applied == []


def configured() -> OwnerChat:
    shop = ShopProfile(name="Batik Sekar", order_prefix="BS", address="Jl. Malioboro No. 52, Yogyakarta",
                       opening_hours="Senin-Sabtu 09.00-17.00", pickup=True,
                       payment_methods=[{"kind": "bank_transfer", "bank": "BCA", "account_number": "1234567890",
                                         "account_holder": "Sekar Ayu"}, {"kind": "cod"}],
                       delivery_zones=[{"id": "kota", "name": "Kota Yogyakarta", "fee": 10000, "areas": ["yogyakarta"]}])
    return OwnerChat(shop=shop)


def test_every_setting_can_be_changed_later_before_to_after_and_taken_back():
    chat = configured()
    chat.send("ganti alamat Jl. Prawirotaman No. 7, Yogyakarta")
    assert "Alamat toko: Jl. Malioboro No. 52, Yogyakarta → Jl. Prawirotaman No. 7, Yogyakarta" in chat.text
    assert "batalkan" in chat.text and chat.shop.address.startswith("Jl. Prawirotaman")
    chat.send("batalkan")
    assert "Dibatalkan" in chat.text and chat.shop.address == "Jl. Malioboro No. 52, Yogyakarta"
    chat.send("rekening baru BRI 0123456789 a.n. Sekar Ayu")
    assert "BCA 1234567890 a.n. Sekar Ayu, COD (bayar di tempat) → BRI 0123456789 a.n. Sekar Ayu" in chat.text
    chat.send("ganti jam buka Setiap hari 08.00-20.00")
    assert "• Setiap hari: 08.00–20.00" in chat.text
    chat.send("ongkir Sleman, Bantul 15rb")
    assert [z.name for z in chat.shop.delivery_zones] == ["Kota Yogyakarta", "Sleman, Bantul"]
    chat.send("hapus area Sleman, Bantul")
    assert [z.name for z in chat.shop.delivery_zones] == ["Kota Yogyakarta"]
    chat.send("matikan cod")
    assert [m.kind for m in chat.shop.payment_methods] == ["bank_transfer"]
    chat.send("ganti nama toko Batik Sekar Jogja")
    assert chat.shop.name == "Batik Sekar Jogja"
    chat.send("ganti nomor toko 0812-3456-7890")
    assert chat.shop.phone == "+6281234567890"
    chat.send("info toko")
    assert "🏪 *Batik Sekar Jogja*" in chat.text and "BS-0001" in chat.text and "Setiap hari: 08.00–20.00" in chat.text


def test_a_command_without_its_value_asks_the_setup_question_for_it_alone():
    chat = configured()
    chat.send("ganti jam buka")
    assert chat.state == SellerSetup.HOURS and "Langkah" not in chat.text
    chat.send("Senin-Jumat 08.00-16.00")
    assert chat.state == "" and "• Senin–Jumat: 08.00–16.00" in chat.text and "batalkan" in chat.text
    chat.send("cara bayar")
    assert chat.state == SellerSetup.PAYMENT
    chat.press("QRIS")
    chat.send("", photo="AgACAgQAAxkBAAIQRIS2")
    assert chat.state == SellerSetup.PAYMENT and "📱 QRIS: ✅ ya" in chat.text
    chat.press("Lanjut")
    assert chat.state == ""


def test_a_setting_changed_meanwhile_is_not_overwritten():
    chat = configured()
    chat.meddle = True
    chat.send("ganti alamat Jl. Prawirotaman No. 7, Yogyakarta")
    assert "baru saja diubah" in chat.text and "undo" not in chat.data


def test_staff_cannot_change_the_shop_but_may_hide_a_product_and_the_owner_can_hand_it_over():
    chat = configured()
    chat.desk.items.append(SellerProduct(1, "KMJ", "Kemeja Batik Parang", "Kemeja", 150000, 5))
    chat.desk.__post_init__()
    chat.me = SellerView(2, "staff", "Budi", "telegram", "5550002")
    chat.send("rekening baru BRI 0123456789 a.n. Budi")
    assert "hanya bisa diubah oleh pemilik" in chat.text and chat.applied == []
    chat.send("hapus produk kemeja batik")
    assert chat.applied[-1].field == "visible" and chat.applied[-1].after is False
    chat.me = OWNER
    chat.send("serahkan toko")
    assert "WXYZ-6789" in chat.text and "Kakak menjadi staf" in chat.text
