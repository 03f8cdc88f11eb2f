"""Everything about promotions and broadcasts that customers and sellers read, in Indonesian.
Placeholders are str.format fields."""

# Customer: consent and opt-out
ASK_CONSENT = (
    "Satu lagi, Kak 🙂 Mau dapat info promo & diskon dari *{shop}* lewat chat ini?\n"
    "Tidak sering kok, dan bisa berhenti kapan saja dengan ketik *STOP*."
)
BTN_CONSENT_YES = "👍 Mau"
BTN_CONSENT_NO = "🙅 Tidak usah"
CONSENT_YES = "Siap, Kak! 🎉 Nanti Kakak dapat info promo dari *{shop}*. Ketik *STOP* kapan saja untuk berhenti."
CONSENT_NO = "Oke Kak, tidak ada pesan promo ya. Kalau nanti berubah pikiran, ketik *mau promo* 🙂"
OPTED_OUT = (
    "Oke Kak, Kakak sudah *berhenti* menerima pesan promo dari *{shop}* 🙏\n"
    "Pesanan dan chat biasa tetap jalan seperti biasa. Kalau mau lagi, ketik *mau promo*."
)
OPTED_IN = "Siap, Kak! 🎉 Kakak akan dapat info promo dari *{shop}* lagi. Ketik *STOP* kapan saja untuk berhenti."

# Customer: codes
CODE_APPLIED = "🏷️ Kode *{code}* terpasang: {desc}.\nDiskonnya langsung dihitung waktu checkout ya, Kak."
CODE_FROM_LINK = "🏷️ Kode promo *{code}* sudah terpasang untuk Kakak: {desc}."
CODE_UNKNOWN = "Maaf Kak, kode *{code}* tidak ditemukan atau sudah tidak berlaku 🙏"
CODE_USED_UP = "Maaf Kak, kode *{code}* sudah habis kuotanya atau sudah Kakak pakai 🙏"
MENU_AFTER_CODE = "Mau lihat katalog atau langsung pesan, Kak? Contoh: _pesan 2 {product}_"

# Checkout summary
SUMMARY_DISCOUNT = "🏷️ {name}: -{amount}\n"
SUMMARY_BUNDLE = "🏷️ {name} (×{times}): -{amount}\n"
UNMET = {
    "min_subtotal": "ℹ️ Kode {code} berlaku untuk belanja min {min}, kurang {gap} lagi ya, Kak.\n",
    "no_items": "ℹ️ Kode {code} tidak berlaku untuk isi keranjang ini.\n",
    "outdone": "ℹ️ Kode {code} tidak dipakai karena promo lain lebih hemat untuk Kakak.\n",
}
PROMO_CHANGED = "⚠️ Maaf Kak, promonya berubah barusan (kuota habis atau periodenya selesai). Ini ringkasan terbaru:"

# Describing a promo
DESC_PERCENT = "diskon {percent}%{cap}{scope}"
DESC_CAP = " (maks {amount})"
DESC_FIXED = "potongan {amount}{scope}"
DESC_FIXED_EACH = "potongan {amount} per item{scope}"
DESC_BUNDLE = "paket {items} cuma {price}"
SCOPE_CART = " untuk semua belanja"
SCOPE_PRODUCT = " untuk {names}"
SCOPE_CATEGORY = " untuk kategori {names}"
COND_MIN = "min belanja {amount}"
COND_FROM = "mulai {when}"
COND_UNTIL = "s.d. {when}"
COND_QUOTA = "kuota {n}"
COND_PER_CUSTOMER = "{n}× per pelanggan"
COND_EXCLUSIVE = "tidak bisa digabung promo lain"
COND_CODE = "kode {code}"
COND_AUTO = "otomatis tanpa kode"

# Broadcast message parts
BROADCAST_PROMO = "\n\n🏷️ Pakai kode *{code}*: {desc}"
BROADCAST_FOOTER = "\n\n_Ketik STOP kalau tidak mau menerima promo lagi._"
BTN_SHOP_NOW = "🛍️ Belanja sekarang"
FALLBACK_NAME = "Kak"
FALLBACK_LAST_PRODUCT = "pesanan sebelumnya"

# Seller: promotions
SELLER_PROMO_HELP = (
    "🏷️ *Promo*\n{lines}\n\n"
    "• *promo baru*: buat promo (diskon %, potongan Rp, harga paket)\n"
    "• *promo stop KODE* atau *promo stop 3*: hentikan promo\n"
    "• *broadcast*: kirim pesan promo ke pelanggan"
)
SELLER_PROMO_LINE = "#{id} {name}: {desc}{conditions} — {state}, dipakai {uses}×"
SELLER_PROMO_NONE = "Belum ada promo."
PROMO_STATE = {"on": "aktif", "off": "berhenti", "ended": "selesai", "soon": "belum mulai"}
BTN_NEW_PROMO = "➕ Promo baru"
BTN_BROADCAST = "📣 Broadcast"
ASK_KIND = "Promo jenis apa, Kak?"
BTN_KIND_PERCENT = "Diskon %"
BTN_KIND_FIXED = "Potongan Rp"
BTN_KIND_BUNDLE = "Harga paket"
ASK_PERCENT = "Diskon berapa persen? Ketik angkanya, misal _10_."
ASK_FIXED = "Potongan berapa Rupiah? Misal _5rb_ atau _5000_."
ASK_BUNDLE = "Tulis isi paket dan harganya, misal:\n_2 {product} + 1 {product2} = 45rb_"
BUNDLE_INVALID = "Paketnya belum kebaca 🙏 Contoh: _2 {product} + 1 {product2} = 45rb_"
BUNDLE_UNKNOWN = "Produk ini belum ketemu di katalog: {names}. Coba tulis nama lain ya."
BUNDLE_NOT_CHEAPER = "Harga paket {price} tidak lebih murah dari harga biasa {regular}. Coba harga lain ya."
PERCENT_INVALID = "Persennya 1 sampai 100 ya. Ketik angkanya saja, misal _10_."
AMOUNT_INVALID = "Jumlahnya belum kebaca. Ketik misal _5rb_ atau _5000_."
ASK_SCOPE = "Berlaku untuk apa?"
BTN_SCOPE_CART = "Semua belanja"
BTN_SCOPE_CATEGORY = "Satu kategori"
BTN_SCOPE_PRODUCT = "Produk tertentu"
ASK_CATEGORY = "Kategori yang mana?"
ASK_PRODUCTS = "Ketik nama produknya (pisahkan dengan koma), misal _{product}, {product2}_."
PRODUCTS_UNKNOWN = "Belum ketemu: {names}. Coba ketik lagi ya."
ASK_CODE = "Pakai kode promo? Ketik kodenya (misal _HEMAT10_), atau pilih *Otomatis* supaya langsung berlaku tanpa kode."
BTN_AUTOMATIC = "Otomatis"
CODE_INVALID = "Kodenya 3–32 huruf/angka tanpa spasi ya, misal _HEMAT10_."
CODE_TAKEN = "Kode *{code}* sudah dipakai promo lain. Coba kode lain ya."
ASK_CONDITIONS = (
    "Ada syarat? Tulis dalam satu pesan, misal:\n"
    "_min 50rb, sampai 31/12, kuota 100, 1x per orang, maks 20rb_\n"
    "(tambahkan _tidak bisa digabung_ kalau perlu). Atau pilih *Tanpa syarat*."
)
BTN_NO_CONDITIONS = "Tanpa syarat"
CONDITIONS_INVALID = "Bagian ini belum kebaca: {parts}. Coba tulis lagi ya, misal _min 50rb, sampai 31/12_."
CONFIRM_PROMO = "Cek dulu ya:\n*{name}*: {desc}\n{conditions}\n\nSimpan promo ini?"
BTN_SAVE = "✅ Simpan"
BTN_CANCEL = "❌ Batal"
PROMO_SAVED = "✅ Promo #{id} aktif: {desc}.{share}"
PROMO_SHARE = "\nBagikan kode *{code}*. Di Telegram, link dengan _?start=promo_{code}_ langsung memasang kodenya."
PROMO_NOT_SAVED = "Promo belum tersimpan: {problems}"
PROMO_STOPPED = "⏹️ Promo #{id} ({name}) dihentikan."
PROMO_NOT_FOUND = "Promo *{ref}* tidak ditemukan atau sudah berhenti."
FLOW_CANCELLED = "Oke, dibatalkan."
PROBLEMS = {
    "kind": "jenis promo tidak dikenal", "percent": "persen harus 1–100", "amount": "jumlah harus lebih dari 0",
    "bundle": "isi paket belum lengkap", "targets": "pilih produk/kategorinya", "period": "tanggal selesai sebelum mulai",
    "limits": "kuota harus lebih dari 0", "code": "kode 3–32 huruf/angka", "code_taken": "kode sudah dipakai",
    "unknown_products": "ada produk yang tidak ada di katalog", "unknown_categories": "kategori tidak ada",
    "empty": "pesannya kosong", "too_long": "pesannya terlalu panjang (maks 3.500 huruf)",
    "unknown_promo": "kode promo tidak aktif", "in_the_past": "waktunya sudah lewat",
}

# Describing a broadcast
SEGMENT_ALL = "semua pelanggan yang mau promo"
SEGMENT_BOUGHT = "yang pernah beli {names}"
SEGMENT_INACTIVE = "yang tidak belanja {days} hari terakhir"
SEGMENT_CHANNEL = "lewat {channel}"
CHANNEL_NAMES = {"telegram": "Telegram", "whatsapp": "WhatsApp", "simulator": "Simulator"}
WHEN_NOW = "sekarang"
WHEN_ONCE = "{when}"
WHEN_WEEKLY = "setiap {day} jam {clock}"
WHEN_DAILY = "setiap hari jam {clock}"
DAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BROADCAST_STATUS = {"active": "terjadwal", "done": "selesai", "cancelled": "dibatalkan"}
RUN_STATUS = {"sending": "sedang dikirim", "done": "selesai", "missed": "terlewat", "cancelled": "dibatalkan"}

# Seller: broadcasts
SELLER_BROADCAST_HELP = (
    "📣 *Broadcast*\n{lines}\n\n"
    "• *broadcast baru*: tulis pesan, pilih penerima dan jadwal\n"
    "• *broadcast laporan 3*: hasil pengiriman broadcast #3\n"
    "• *broadcast batal 3*: batalkan broadcast #3"
)
SELLER_BROADCAST_LINE = "#{id} {status} · {when} · {segment}\n   “{text}”"
SELLER_BROADCAST_NONE = "Belum ada broadcast."
BTN_NEW_BROADCAST = "➕ Broadcast baru"
ASK_BROADCAST_TEXT = (
    "Tulis pesan promonya, Kak (boleh kirim foto dengan keterangan).\n"
    "Pakai {nama} untuk nama pelanggan dan {produk_terakhir} untuk produk terakhir yang dibeli.\n"
    "Contoh: _Halo {nama}! Jumat ini {produk_terakhir} diskon 10% lho_ 😊"
)
BROADCAST_TEXT_EMPTY = "Pesannya masih kosong. Tulis pesannya ya (atau kirim foto dengan keterangan)."
ASK_AUDIENCE = "Dikirim ke siapa?"
BTN_AUD_ALL = "Semua pelanggan"
BTN_AUD_BOUGHT = "Pernah beli…"
BTN_AUD_INACTIVE = "Lama tidak belanja"
BTN_AUD_CHANNEL = "Per channel"
ASK_BOUGHT = "Pernah beli apa? Ketik nama produk atau kategori, misal _{product}_ atau _{product2}_."
BOUGHT_UNKNOWN = "“{text}” belum ketemu di katalog. Coba nama produk atau kategori lain ya."
ASK_DAYS = "Tidak belanja berapa hari? Ketik angkanya, misal _30_."
DAYS_INVALID = "Ketik jumlah harinya saja ya, misal _30_."
ASK_CHANNEL = "Lewat channel apa?"
ASK_ATTACH_PROMO = "Sertakan kode promo?"
BTN_NO_PROMO = "Tanpa promo"
ASK_WHEN = (
    "Kapan dikirim? Pilih *Kirim sekarang*, atau ketik misal:\n"
    "_besok 09:00_ · _25/12 10.00_ · _jumat jam 10_ · _setiap jumat 10:00_ · _setiap hari 08:00_"
)
BTN_SEND_NOW = "🚀 Kirim sekarang"
WHEN_INVALID = "Waktunya belum kebaca 🙏 Contoh: _besok 09:00_, _25/12 10.00_, atau _setiap jumat 10:00_."
BROADCAST_PREVIEW = (
    "📣 *Pratinjau broadcast*\n"
    "Contoh untuk {sample}:\n\n{message}\n\n"
    "👥 Penerima: *{count} pelanggan* ({segment})\n{skipped}"
    "🕒 Jadwal: {when}\n\nKirim broadcast ini?"
)
PREVIEW_SKIPPED = "⏭️ Dilewati: {no_consent} belum izin promo, {unreachable} tidak bisa dihubungi, {window} di luar 24 jam WhatsApp\n"
PREVIEW_SAMPLE_NONE = "pelanggan"
BTN_CONFIRM_SEND = "✅ Kirim"
BTN_CONFIRM_SCHEDULE = "✅ Jadwalkan"
BROADCAST_SAVED_NOW = "✅ Broadcast #{id} mulai dikirim ke {count} pelanggan. Laporannya menyusul ya."
BROADCAST_SAVED_LATER = "✅ Broadcast #{id} dijadwalkan {when}."
BROADCAST_NOT_SAVED = "Broadcast belum tersimpan: {problems}"
BROADCAST_CANCELLED = "⏹️ Broadcast #{id} dibatalkan. Yang belum terkirim tidak akan dikirim."
BROADCAST_NOT_FOUND = "Broadcast #{id} tidak ditemukan atau sudah selesai."
BROADCAST_NO_RUNS = "Broadcast #{id} belum pernah dikirim (jadwal berikutnya: {when})."
REPORT = (
    "📊 *Laporan broadcast #{id}* ({due}) — {status}\n"
    "✅ Terkirim: {sent}\n❌ Gagal: {failed}{unknown}\n"
    "⏭️ Dilewati: {skipped} (belum izin promo {no_consent}, di luar 24 jam {window}, tidak bisa dihubungi {unreachable})\n"
    "🚫 Berhenti langganan sejak itu: {opted_out}{pending}"
)
REPORT_UNKNOWN = "\n❔ Tidak pasti (terputus saat mengirim): {n}"
REPORT_PENDING = "\n⏳ Masih antre: {n}"
REPORT_MISSED = "⚠️ Broadcast #{id} ({due}) *terlewat*: server mati lebih lama dari batas {grace} menit, jadi tidak dikirim terlambat.{next}"
REPORT_MISSED_NEXT = " Jadwal berikutnya: {when}."
NAME_PERCENT = "Diskon {percent}%"
NAME_FIXED = "Potongan {amount}"
NAME_BUNDLE = "Paket hemat"
KIND_INVALID = "Pilih salah satu jenis di bawah ya."
SCOPE_INVALID = "Pilih salah satu di bawah ya."
CATEGORY_INVALID = "Kategorinya belum ketemu. Pilih salah satu kategori di bawah ya."
