"""Delivery beyond the zones and quoted delivery fees ("ongkir menyusul"): what customers and
sellers read. Placeholders are str.format fields."""

# Checkout: an address no zone covers
BTN_ZONE_QUOTE = "{name} (ongkir menyusul)"
BTN_OUTSIDE_QUOTE = "🚚 {name} (ongkir menyusul)"
BTN_OUTSIDE_FEE = "🚚 {name} ({fee})"
ASK_ZONE_UNMATCHED = "Alamat itu belum cocok dengan area antar kami, Kak. Kalau masuk salah satu area ini, pilih areanya:"
OUTSIDE_OFFER = "\nKalau di luar area itu, pilih *{name}*: ongkirnya kami hitung dan kabari setelah pesanan masuk."
OUTSIDE_OFFER_FEE = "\nKalau di luar area itu, pilih *{name}* (ongkir {fee})."
OUTSIDE_REFUSED = "\nKalau alamat Kakak di luar area itu, maaf kami belum bisa kirim ke sana 🙏 Kakak bisa ambil sendiri di {address}."
OUTSIDE_REFUSED_NO_PICKUP = "\nKalau alamat Kakak di luar area itu, maaf kami belum bisa kirim ke sana 🙏"
ZONE_SET_QUOTE = "Area {zone}: ongkir menyusul, kami hitung dan kabari setelah pesanan masuk."
OUTSIDE_SET = "{name}: ongkir menyusul, kami hitung dan kabari setelah pesanan masuk."
OUTSIDE_SET_FEE = "{name}, ongkir {fee}."
SUMMARY_FEE_QUOTE = "Ongkir ({zone}): menyusul\n"
SUMMARY_TOTAL_QUOTE = "{total} + ongkir"
ORDER_PLACED = (
    "🎉 Terima kasih, {kak}! Pesanan *{code}* sudah kami terima, subtotal *{total}*.\n"
    "🚚 Ongkirnya kami hitung dulu. Paling lambat {quote_by} kami kirim totalnya, lalu Kakak tinggal pilih *Setuju*. "
    "Stoknya sudah kami simpan untuk Kakak."
)
ORDER_PLACED_RATED = (
    "🎉 Terima kasih, {kak}! Pesanan *{code}* sudah kami terima.\n"
    "🚚 Ongkirnya sudah dihitung: lihat pesan berikut, lalu pilih *Setuju* untuk lanjut bayar."
)

# The seller is asked for the fee
SELLER_QUOTE_NEEDED = (
    "\n🚚 *Ongkir menyusul* ({zone}). Balas _ongkir {code} 25rb jne_ paling lambat {quote_by}, "
    "atau _batal {code} alasannya_ kalau tidak bisa kirim."
)
BTN_QUOTE = "🚚 Isi ongkir {code}"
ASK_FEE = "Berapa ongkir *{code}*, Kak? Ketik misal _25rb jne_ (kurirnya boleh dikosongkan)."
FEE_INVALID = "Ongkirnya belum kebaca, Kak. Ketik misal _25rb jne_ atau _ongkir {code} 25rb_."
DONE_QUOTE = "✅ Ongkir *{code}*: {fee}{via}. Total baru *{total}* sudah kami kirim ke {kak}; menunggu persetujuannya."
COMMAND_QUOTE = "ongkir {code} 25rb jne"
WHAT_QUOTE = "isi ongkir"

# The customer gets the quote
QUOTED = (
    "🚚 Ongkir pesanan *{code}* sudah dihitung, Kak: *{fee}*{via}.\n"
    "Subtotal: {subtotal}\n{discount}Ongkir: {fee}\n{unique}*Total: {total}*\n\n"
    "Lanjut dengan total ini? Pilih *Setuju* sebelum {quote_by}, atau *Batalkan pesanan*."
)
QUOTED_VIA = " ({courier})"
QUOTED_DISCOUNT = "Diskon: -{discount}\n"
QUOTED_UNIQUE = "Kode unik: {unique}\n"
BTN_ACCEPT = "✅ Setuju, lanjut bayar"
BTN_REFUSE = "❌ Batalkan pesanan"
ACCEPTED = "✅ Siap, Kak! Pesanan *{code}* lanjut dengan total *{total}*."
ACCEPT_GONE = "Pesanan *{code}* sudah tidak menunggu persetujuan ongkir ({status}), Kak."
ACCEPT_WHICH = "Ongkir pesanan mana yang Kakak setujui? Pilih salah satu:"
BTN_ACCEPT_FOR = "✅ {code} — {total}"
SELLER_ACCEPTED = "✅ {kak} setuju ongkir *{code}*. Menunggu pembayaran *{total}* ({payment})."
NEXT_AWAITING_QUOTE = "Ongkirnya sedang kami hitung; paling lambat {quote_by} kami kabari totalnya."
NEXT_QUOTED = "Ongkir {fee}, total *{total}*. Pilih *Setuju* sebelum {quote_by} untuk lanjut bayar."

# Deadlines
SELLER_REMINDER = "⏰ Pesanan *{code}* masih menunggu ongkir dari Kakak. Balas _ongkir {code} 25rb jne_ sebelum {quote_by}, kalau tidak pesanan batal otomatis."
CUSTOMER_REMINDER = "⏰ Ongkir pesanan *{code}* ({fee}, total *{total}*) menunggu persetujuan Kakak sampai {quote_by}."
EXPIRED_NO_QUOTE = (
    "Maaf Kak 🙏 ongkir pesanan *{code}* belum bisa kami pastikan tepat waktu, jadi pesanannya kami batalkan "
    "dan tidak perlu dibayar. Silakan pesan lagi kapan saja."
)
EXPIRED_NOT_ACCEPTED = "Pesanan *{code}* kami batalkan karena ongkirnya belum disetujui sampai {quote_by}. Silakan pesan lagi kapan saja 🙏"
SELLER_EXPIRED = "⌛ Pesanan *{code}* ({name}) batal otomatis: {why}. Stoknya sudah kembali."
WHY_NO_QUOTE = "ongkir tidak diisi tepat waktu"
WHY_NOT_ACCEPTED = "pembeli tidak menyetujui ongkir tepat waktu"
