"""What a customer reads about paying, proofs, order status and cancelling, in Indonesian.

Placeholders are str.format fields. Always say what happens next and what to type.
"""

BTN_ORDER = "📦 {code}"
BTN_PROOF_FOR = "{code} — {total}"
BTN_CANCEL_ORDER = "❌ Batalkan pesanan"
BTN_CANCEL_YES = "Ya, batalkan"
BTN_CANCEL_NO = "Tidak jadi"
BTN_HOW_TO_PAY = "💳 Cara bayar"

# Proofs
PROOF_RECEIVED = (
    "🙏 Terima kasih, Kak! Bukti pembayaran untuk *{code}* ({total}) sudah kami terima "
    "dan *sedang dicek* penjual.\n"
    "Kakak akan dikabari di sini begitu pembayarannya dikonfirmasi. Ketik *{code}* untuk cek status."
)
PROOF_WORDS_ONLY = "\nKalau ada, kirim juga foto/screenshot bukti transfernya ya, Kak, supaya lebih cepat dicek."
PROOF_WHICH = "Bukti pembayaran ini untuk pesanan yang mana, Kak?"
PROOF_WHICH_INVALID = "Pilih salah satu pesanan di bawah ya, Kak (atau ketik kodenya, misal *{code}*)."
PROOF_NO_OPEN_ORDER = (
    "Kakak belum punya pesanan yang menunggu pembayaran 🙂\n"
    "Ketik *pesanan saya* untuk melihat pesanan, atau *katalog* untuk belanja."
)
PROOF_LATE = (
    "Maaf Kak 🙏 Pesanan *{code}* sudah {status} ({when}), jadi stoknya sudah dilepas.\n"
    "Bukti pembayaran Kakak tetap kami teruskan ke penjual; penjual akan menghubungi Kakak "
    "untuk pengembalian dana atau pesan ulang."
)
PROOF_ALREADY_PAID = "Pesanan *{code}* sudah lunas, Kak 🙂 Tidak perlu kirim bukti lagi. Status sekarang: *{status}*."
PROOF_NOT_NEEDED = "Pesanan *{code}* dibayar tunai saat {when} (COD), Kak, jadi tidak perlu bukti transfer 🙂"
PROOF_UNKNOWN_ORDER = "Pesanan *{code}* tidak ditemukan di akun Kakak. Ketik *pesanan saya* untuk melihat pesanan Kakak."

# Status
ORDER_NOT_FOUND = "Pesanan *{code}* tidak ditemukan di akun Kakak 🙏 Ketik *pesanan saya* untuk melihat daftar pesanan."
ORDER_DETAIL = "📦 *{code}* — {status}\n{lines}Total: *{total}* ({payment})\nDipesan: {created}\n\n👉 {next}"
ORDER_LINE = "• {qty} × {name} = {total}\n"
NEXT_PAY = "Menunggu pembayaran *{total}* sebelum {pay_by}. Setelah bayar, kirim foto bukti pembayarannya di sini."
NEXT_PROOF_CHECKING = "Bukti pembayaran sedang dicek penjual. Kakak akan dikabari begitu dikonfirmasi."
NEXT_COD = "Menunggu diproses penjual. Bayar *{total}* tunai saat pesanan {when}."
NEXT_PAID = "Pembayaran sudah diterima ({paid_at}). Pesanan segera diproses penjual."
NEXT_PROCESSING = "Pesanan sedang disiapkan. Kakak akan dikabari saat {when}."
NEXT_PROCESSING_DELIVERY = "dikirim"
NEXT_PROCESSING_PICKUP = "siap diambil"
NEXT_SHIPPED = "Pesanan sedang dalam perjalanan{via}. Ketik *{code}* kapan saja untuk cek lagi."
NEXT_SHIPPED_VIA = " lewat {courier}"
NEXT_SHIPPED_TRACKING = " (resi {tracking})"
NEXT_COMPLETED = "Pesanan sudah selesai. Terima kasih sudah belanja, Kak! 🙏"
NEXT_CANCELLED = "Pesanan ini dibatalkan. Mau pesan lagi? Ketik *katalog*."
NEXT_EXPIRED = "Pesanan dibatalkan otomatis karena belum dibayar sampai {pay_by}. Mau pesan lagi? Ketik *katalog*."
MY_ORDERS_NEXT = "   👉 {next}"
MY_ORDERS_PICK = "Ketik kode pesanan (misal *{code}*) atau pilih di bawah untuk detailnya."

# Cancelling
CANCEL_ASK = "Yakin batalkan pesanan *{code}* ({total}), Kak? Stoknya akan dilepas."
CANCEL_WHICH = "Pesanan mana yang mau dibatalkan, Kak?"
CANCEL_NONE = "Tidak ada pesanan yang bisa dibatalkan, Kak. Pesanan yang sudah dibayar hanya bisa dibatalkan oleh penjual."
CANCEL_DONE = "Pesanan *{code}* sudah dibatalkan, Kak. Stoknya sudah dilepas. Mau pesan lagi? Ketik *katalog* 🙂"
CANCEL_KEPT = "Oke Kak, pesanan *{code}* tidak dibatalkan 🙂"
CANCEL_REFUSED = "Pesanan *{code}* sekarang *{status}*, jadi tidak bisa dibatalkan lewat chat, Kak.\n{possible}"
CANCEL_REFUSED_PROOF = ("Bukti pembayarannya sedang dicek penjual. Kalau ingin batal, pilih *Tanya penjual*, nanti "
                        "kami sambungkan ke penjual di chat ini ya, Kak.")
CANCEL_REFUSED_PAID = ("Pembatalan setelah bayar (termasuk pengembalian dana) diurus penjual. Kalau ingin batal, pilih "
                       "*Tanya penjual*, nanti kami sambungkan ke penjual di chat ini.")
CANCEL_REFUSED_FINAL = "Ketik *{code}* untuk melihat detailnya."

# Told from elsewhere (sellers, the deadline sweep)
REMINDER = (
    "⏰ Kak, pesanan *{code}* belum dibayar. Batas bayar {pay_by}, setelah itu pesanan batal otomatis "
    "dan stoknya dilepas.\nTotal yang harus dibayar: *{total}*. Sudah bayar? Kirim foto buktinya di sini ya."
)
EXPIRED = (
    "⌛ Pesanan *{code}* dibatalkan otomatis karena belum dibayar sampai {pay_by}. Stoknya sudah dilepas.\n"
    "Kalau sudah terlanjur transfer, kirim buktinya di sini dan penjual akan membantu. "
    "Mau pesan lagi? Ketik *katalog* 🙂"
)
RECEIPT = (
    "✅ *Pembayaran diterima — {code}*\n{lines}"
    "Subtotal: {subtotal}\n{fee}{unique}*Total dibayar: {total}* ({payment})\n"
    "Dibayar: {paid_at}\n\nTerima kasih, Kak! Pesanan segera diproses. Ketik *{code}* untuk cek status."
)
RECEIPT_FEE = "Ongkir: {fee}\n"
RECEIPT_UNIQUE = "Kode unik: {unique}\n"
PROOF_REJECTED = (
    "🙏 Maaf Kak, bukti pembayaran untuk *{code}* belum bisa diterima penjual.\n"
    "Alasan: {reason}\n"
    "Mohon kirim bukti yang benar untuk *{total}* sebelum {pay_by}, atau pilih *Tanya penjual* (ketik _tanya penjual_) "
    "untuk bicara dengan penjual di chat ini."
)
PROCESSING = "👩‍🍳 Pesanan *{code}* sedang disiapkan penjual, Kak. Nanti dikabari saat {when}."
SHIPPED = "🛵 Pesanan *{code}* sudah dikirim{via}{tracking}, Kak. Ditunggu ya!"
SHIPPED_PICKUP = "🏪 Pesanan *{code}* sudah siap diambil di {address}, Kak."
COMPLETED = "🎉 Pesanan *{code}* selesai. Terima kasih sudah belanja, Kak! Ditunggu pesanan berikutnya 🙏"
CANCELLED_BY_SELLER = "🙏 Maaf Kak, pesanan *{code}* dibatalkan penjual.{reason}{refund}"
CANCELLED_REASON = "\nAlasan: {reason}"
CANCELLED_REFUND = "\nPembayaran Kakak akan dikembalikan; penjual akan menghubungi Kakak."

# A file the channel could not keep (bot.media_store / media.store): asked again, nothing attached.
PROOF_FILE_UNUSABLE = {
    "type": "Maaf Kak, file itu tidak bisa kami terima sebagai bukti. Kirim foto/screenshot (JPG/PNG) atau PDF, ya.",
    "too_large": "Maaf Kak, filenya terlalu besar (maks. 5 MB). Kirim screenshot yang lebih kecil, ya.",
    "unavailable": "Maaf Kak, fotonya tidak berhasil kami terima. Coba kirim sekali lagi, ya.",
}
# A photo from someone with no order to pay: most often a product they look for.
PHOTO_NO_ORDER = ("Fotonya sudah kami terima, Kak 🙏 Belum ada pesanan Kakak yang menunggu pembayaran, jadi ini "
                  "bukan bukti transfer.\nKalau Kakak mencari barang seperti di foto, pilih *Tanya penjual* lalu "
                  "kirim fotonya sekali lagi, atau lihat *katalog*.")
PHOTO_ASKED = "(pembeli mengirim foto, menanyakan barang seperti di foto)"
