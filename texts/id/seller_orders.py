"""What a seller reads about orders and payments, in Indonesian. Placeholders are str.format fields."""

BTN_CONFIRM = "✅ Lunas {code}"
BTN_REJECT = "❌ Tolak {code}"
BTN_PROCESS = "👩‍🍳 Proses {code}"
BTN_SHIP = "🛵 Kirim {code}"
BTN_COMPLETE = "🎉 Selesai {code}"
BTN_QUOTE = "🚚 Isi ongkir {code}"

PROOF_FORWARD = (
    "🧾 *Bukti bayar {code}* dari {name}\n{lines}"
    "Harus diterima: *{expected}*{unique}\n"
    "Metode: {payment}\n{proof}"
    "Cek mutasi, lalu balas *lunas {code}* kalau uangnya masuk, atau *tolak {code} alasannya*."
)
PROOF_FORWARD_LATE = "⚠️ Pesanan ini sudah {status}, stoknya sudah dilepas. Hubungi pembeli untuk refund atau pesan ulang.\n"
PROOF_UNIQUE = " (kode unik {unique})"
PROOF_NO_UNIQUE = " (tanpa kode unik: cocokkan dengan bukti ini)"
PROOF_WORDS = "Pembeli menulis: “{text}” (tanpa foto)\n"
PROOF_CAPTION = "Pesan pembeli: “{text}”\n"
PROOF_DOCUMENT = "📎 Bukti berupa dokumen ({content_type}).\n"
LINE = "• {qty} × {name} = {total}\n"

PAID_WHICH = "Pesanan yang mana yang sudah dibayar, Kak? Pilih di bawah, atau ketik kodenya, misal {example}."
PAID_NONE_OPEN = "Tidak ada pesanan yang menunggu pembayaran, Kak 👍 Cek semua pesanan: _pesanan hari ini_."
BTN_PAID_WHICH = "✅ Lunas {code} ({name}, {total})"
CODE_HINT = "Tulis kode pesanannya ya, misal {example}."
ORDER_VIEW = "📦 *{code}* — {status}\n👤 {name}\n{lines}Total: *{total}*{unique} ({payment})\n{fulfilment}\n{facts}{possible}"
ORDER_PAY_BY = "⏰ Batas bayar: {pay_by}\n"
ORDER_PROOF = "🧾 Ada bukti bayar yang menunggu dicek.\n"
ORDER_PAID = "✅ Lunas: {paid_at}\n"
ORDER_SHIPPING = "🛵 Dikirim: {shipping}\n"
NOT_FOUND = "Pesanan *{code}* tidak ada di toko ini. Cek lagi kodenya ya."
ASK_REASON = "Apa alasan bukti *{code}* ditolak? Tulis singkat, misal _nominal kurang Rp5.000_. (Ketik *batal* untuk tidak jadi.)"
REASON_TOO_SHORT = "Alasannya terlalu singkat. Tulis alasan untuk pembeli, misal _nominal kurang_ atau _bukti tidak terbaca_."
REASON_DROPPED = "Oke, bukti *{code}* tidak jadi ditolak."

DONE_CONFIRM = "✅ *{code}* lunas ({total}). Kuitansi sudah dikirim ke {name}.\nBerikutnya: *proses {code}*."
DONE_CONFIRM_COD = "✅ Pembayaran tunai *{code}* ({total}) dicatat."
DONE_REJECT = "❌ Bukti *{code}* ditolak. {name} sudah diberi tahu alasannya dan diminta kirim ulang."
DONE_PROCESS = "👩‍🍳 *{code}* sedang diproses. {name} sudah dikabari.\nBerikutnya: *kirim {code} kurir resi*."
DONE_SHIP = "🛵 *{code}* dikirim{via}. {name} sudah dikabari.\nBerikutnya: *selesai {code}*."
DONE_COMPLETE = "🎉 *{code}* selesai{cash}. Terima kasih!"
DONE_COMPLETE_CASH = " (uang tunai dicatat)"
DONE_CANCEL = "🗑️ *{code}* dibatalkan, stok dikembalikan. {name} sudah diberi tahu.{refund}"
DONE_CANCEL_REFUND = "\n⚠️ Pesanan ini sudah dibayar: jangan lupa kembalikan dananya."
OTHER_SELLER_DONE = "ℹ️ {who} menandai *{code}*: {what}."
CUSTOMER_CANCELLED = "🗑️ {name} membatalkan pesanan *{code}* ({total}) sebelum bayar. Stok sudah dikembalikan."
WHAT_CONFIRM = "lunas"
WHAT_REJECT = "bukti ditolak ({reason})"

ALREADY_PAID = "*{code}* sudah lunas sejak {paid_at}. Tidak ada yang diubah.\n{possible}"
ILLEGAL = "*{code}* sekarang *{status}*, jadi *{command}* tidak bisa.\n{possible}"
POSSIBLE = "Yang bisa sekarang: {commands}"
POSSIBLE_NONE = "Pesanan ini sudah final; tidak ada langkah lagi."
NO_PROOF = "Belum ada bukti bayar yang menunggu untuk *{code}*, jadi tidak ada yang bisa ditolak."
COMMANDS = {
    "quote": "*ongkir {code} 25rb jne*",
    "confirm": "*lunas {code}*",
    "reject_proof": "*tolak {code} alasan*",
    "process": "*proses {code}*",
    "ship": "*kirim {code} kurir resi*",
    "complete": "*selesai {code}*",
    "cancel_by_seller": "*batal {code}*",
}
COMMAND_WORDS = {
    "confirm": "lunas", "reject_proof": "tolak", "process": "proses", "ship": "kirim",
    "complete": "selesai", "cancel_by_seller": "batal", "quote": "ongkir",
}

NEW_ORDER_NO_UNIQUE = "\n⚠️ Kode unik habis (999 pesanan transfer menunggu): cocokkan pesanan ini dengan buktinya."
