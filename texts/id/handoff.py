"""What customers and sellers read while a customer talks to a person of the shop (issue 16)."""

# The customer
OPENED = {
    "talk": "🙋 Baik Kak, kami sambungkan ke penjual. Tulis saja pesannya di sini, nanti dibalas langsung oleh penjual.",
    "complaint": "🙏 Maaf atas ketidaknyamanannya, Kak. Keluhan Kakak sudah kami catat{order} dan kami teruskan ke penjual. "
                 "Kirim foto atau cerita lengkapnya di sini ya.",
    "question": "🙋 Pertanyaan Kakak sudah kami teruskan ke penjual. Tunggu balasannya di sini ya.",
}
OPENED_ORDER = " untuk pesanan *{code}*"
QUEUED = "⏳ Ada {ahead} pelanggan lain yang sedang menunggu; Kakak antrian ke-{position}."
CLOSED_NOW = "🕒 Toko sedang tutup, jadi penjual akan membalas {when}."
ALREADY = "Kakak sudah tersambung ke penjual 🙂 Tulis saja pesannya di sini."
WAITING_RELAYED = "📨 Pesan diteruskan ke penjual, Kak. Mohon ditunggu balasannya 🙏"
LEFT = "Oke Kak, permintaan bicara dengan penjual dibatalkan. Silakan lanjut belanja 🙂"
TAKEN = "👋 *{seller}* dari {shop} sudah tersambung, Kak. Silakan tulis pesannya."
FROM_SELLER = "💬 *{seller}*: {text}"
FROM_SELLER_PHOTO = "💬 *{seller}* mengirim foto"
ENDED = ("✅ Oke Kak, chat dengan penjual sudah diakhiri. Sekarang Kakak kembali dilayani bot kami 🙂\n"
         "Ketik *menu* untuk melihat pilihan belanja, atau *admin* kalau perlu bicara dengan penjual lagi.")
ENDED_CART = "🛒 Keranjang Kakak masih tersimpan, ketik *keranjang* untuk melihatnya."
CLOSED = "✅ Percakapan dengan penjual selesai, Kak. Terima kasih! Kakak bisa lanjut belanja seperti biasa 🙂"
TIMED_OUT = "⌛ Percakapan dengan penjual kami tutup karena tidak ada pesan baru, Kak. Ketik *admin* kalau perlu lagi."
LATE = "⏳ Penjual belum sempat membalas, Kak. Pesan Kakak aman, penjual akan membalas {when}."
LATE_SOON = "secepatnya"
ASK_SELLER = "Mau kami tanyakan langsung ke penjual? Pilih *Tanya penjual*."
BTN_ASK_SELLER = "🙋 Tanya penjual"
OPENED_ABOUT = "📌 Yang kami sampaikan ke penjual: {about}"
# No seller can take chats (none registered yet): said honestly, nothing is queued for nobody.
NOBODY = ("🙏 Maaf Kak, saat ini belum ada penjual yang bisa membalas chat di sini, jadi pesan Kakak belum bisa "
          "kami teruskan.")
NOBODY_PHONE = " Kakak bisa menghubungi toko langsung di {phone}."
NOBODY_BOT = "\nSementara itu Kakak tetap bisa belanja lewat bot kami 🙂 Ketik *menu* untuk melihat pilihan."
# "batal" in an open chat goes to the seller (a person reads it in context); the customer knows the way out.
CANCEL_RELAYED = ("📨 Pesan Kakak sudah kami teruskan ke penjual. Kalau maksud Kakak mengakhiri chat dengan penjual, "
                  "ketik *selesai*.")
CANCEL_ORDER_RELAYED = "📨 Permintaan batal sudah kami teruskan ke penjual, Kak."
CANCEL_ORDER_YOURSELF = " Pesanan *{code}* belum dibayar, jadi bisa Kakak batalkan sendiri: pilih *Batalkan pesanan*."
CANCEL_ORDER_BY_SELLER = " Pesanan *{code}* sudah {status}, jadi pembatalannya diurus penjual di chat ini."

# The seller
NEW = {
    "talk": "🙋 *{name}* ingin bicara dengan penjual.",
    "complaint": "⚠️ *Komplain* dari *{name}*{order}.",
    "question": "❓ *{name}* bertanya dan kami belum bisa menjawab.",
}
NEW_ORDER = " tentang pesanan *{code}*"
CONTACT = "📞 {contact}"
OPEN_ORDERS = "🧾 Pesanan berjalan: {orders}"
SAID = "💬 “{text}”"
QUEUE_HINT = "Antrian: {count} pelanggan. Ketik *layani {n}* untuk membalas."
BTN_TAKE = "💬 Layani {name}"
QUEUE_EMPTY = "Tidak ada pelanggan yang menunggu, Kak 🙂"
QUEUE = "🙋 *Antrian chat pelanggan*\n{lines}\n\nKetik *layani 1* untuk membalas yang pertama."
QUEUE_LINE = "{n}. {name} ({kind}){who}"
QUEUE_TAKEN_BY = " · dilayani {seller}"
KINDS = {"talk": "ingin bicara", "complaint": "komplain", "question": "pertanyaan"}
TAKEN_SELLER = (
    "💬 Kakak sekarang chat dengan *{name}*{order}. Semua yang Kakak tulis (dan foto) diteruskan ke pelanggan, "
    "kecuali perintah pesanan dengan garis miring (*/lunas {code}*, */batal {code}*).\n"
    "Pesan terakhir:\n{log}\n\nKetik *selesai* untuk menutup, *jadikan faq* untuk menyimpan jawaban terakhir sebagai FAQ."
)
LOG_LINE = "{who}: {text}"
LOG_CUSTOMER = "Pelanggan"
LOG_SELLER = "Kakak"
TAKEN_ALREADY = "Pelanggan itu sudah dilayani penjual lain atau sudah selesai, Kak."
NO_SUCH = "Antrian nomor {n} tidak ada, Kak. Ketik *antrian* untuk melihatnya."
FROM_CUSTOMER = "💬 *{name}*: {text}"
FROM_CUSTOMER_PHOTO = "📷 *{name}* mengirim foto"
NOT_IN_THIS_CHAT = "↪️ Balasan Kakak sekarang tidak sampai ke {name}. Pilih *Layani {name}* untuk membalas {name}."
FROM_CUSTOMER_WAITING = "💬 *{name}* (menunggu di antrian): {text}"
# A customer asking to cancel an order: a slash makes it a command in a chat, never words to them.
CANCEL_HINT = "ℹ️ Untuk membatalkan *{code}* tanpa menutup chat, ketik */batal {code}* (dengan garis miring, tidak diteruskan ke pelanggan)."
SELLER_CLOSED = "✅ Chat dengan {name} ditutup."
NEXT = "Berikutnya di antrian: *{name}* ({kind}). Ketik *layani 1* untuk membalas."
CUSTOMER_ENDED_SELLER = "👋 *{name}* mengakhiri chat dan kembali ke bot, Kak. Chat ini sudah ditutup."
SELLER_TIMED_OUT = "⌛ Chat dengan {name} ditutup otomatis karena tidak ada pesan baru."
NOT_RELAYED = ("Chat itu sudah ditutup, Kak, jadi pesan tadi tidak diteruskan ke pelanggan. "
               "Ketik *antrian* untuk melihat pelanggan yang menunggu.")
FAQ_NEEDS_ANSWER = "Belum ada jawaban Kakak untuk disimpan, Kak. Tulis jawabannya dulu, lalu *jadikan faq*."
FAQ_NO_QUESTION = "Pelanggan ini tidak mengajukan pertanyaan yang bisa disimpan sebagai FAQ, Kak."
# Why a customer pressed "Tanya penjual" under a reply (conversations.customer.ask_seller), for the seller.
ABOUT = {
    "qty": "Ingin pesan {qty} × {name}, lebih dari batas {limit} per produk lewat chat.",
    "pay": "Ingin membayar, tapi toko belum mengatur cara bayar.{cart}",
    "cancel": "Ingin membatalkan pesanan {code} ({status}), yang tidak bisa dibatalkan lewat chat.",
    "proof": "Bukti pembayaran pesanan {code} ditolak; ingin bicara dengan penjual.",
    "talk": "Ingin bicara dengan penjual.",
}
ABOUT_CART = " Keranjang: {lines}."
ABOUT_LINE = "📌 {about}"
# A seller removed while in a chat: their customer goes back to the queue, the other sellers are offered them.
SELLER_LEFT = ("🙏 Maaf Kak, penjual yang tadi melayani Kakak sudah tidak bertugas di toko ini. Pesan Kakak sudah "
               "kami teruskan ke penjual lain; Kakak antrian ke-{position}. Tulis saja pesannya di sini.")
SELLER_LEFT_CLOSED = ("🙏 Maaf Kak, penjual yang tadi melayani Kakak sudah tidak bertugas di toko ini, dan belum ada "
                      "penjual lain yang bisa membalas chat. Sekarang Kakak kembali dilayani bot kami 🙂")
BACK_IN_QUEUE = "🔁 *{name}* kembali ke antrian: penjual yang melayaninya sudah tidak bertugas di toko ini."
RECAP_COMPLAINTS = "⚠️ Komplain terbuka: {count}"
TIMED_OUT_SELLER = "Chat itu sudah ditutup, Kak. Ketik *antrian* untuk melihat pelanggan yang menunggu."
