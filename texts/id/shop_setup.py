"""What a shop's owner reads while setting the shop up by chat and changing its settings later,
and what customers of a closed shop are told. Placeholders are str.format fields.

The owner may be older and new to bots: one question at a time, its number out of six, an
example of what to type, and always the way out (*lewati* skips, *batal* pauses).
"""

# Nobody is behind the account a message came to (no open shop receives there).
NO_SHOP = "Maaf, toko ini belum tersedia atau sudah tutup 🙏"
SHOP_CLOSED = "🙏 Terima kasih sudah berbelanja di *{shop}*. Toko ini sudah tutup dan tidak menerima pesanan lagi."

# Becoming the owner
OWNER_WELCOME = (
    "🎉 Selamat, {kak}! Kakak sekarang *pemilik* toko *{shop}*.\n"
    "Kami bantu siapkan tokonya, satu pertanyaan sekali jalan (6 langkah). "
    "Ketik *lewati* untuk melewati satu langkah, *batal* untuk berhenti dulu; lanjutkan kapan saja dengan *atur toko*."
)
OWNER_TAKEN_OVER = "🎉 Selamat, {kak}! Kakak sekarang *pemilik* toko *{shop}*. Ketik *bantuan* untuk melihat perintah."
OWNER_CODE_USED = "Maaf Kak, kode itu baru saja dipakai atau sudah tidak berlaku 🙏"
OWNER_ALREADY = "Kakak memang sudah pemilik *{shop}* 🙂"
OWNER_NOTICE = "👤 {name} sekarang pemilik *{shop}*. Kakak tetap bisa membantu sebagai staf."
HANDOVER_CODE = (
    "🔑 Kode serah terima toko: *{code}*\n"
    "Minta pemilik baru mengirim kode ini ke bot toko dari HP-nya. Setelah itu dia menjadi pemilik dan "
    "Kakak menjadi staf. Kode hanya bisa dipakai sekali, berlaku sampai {expires}."
)
NOT_OWNER_SETTINGS = "Maaf Kak, pengaturan toko hanya bisa diubah oleh pemilik toko."

# The six steps
STEP = "*Langkah {n} dari 6 · {title}*\n"
TITLE = {"name": "Nama toko", "address": "Alamat", "hours": "Jam buka", "payment": "Cara bayar",
         "delivery": "Pengiriman", "products": "Produk pertama"}
ASK_NAME = "Nama toko sekarang: *{name}*.\nSudah benar? Pilih *Sudah benar*, atau ketik nama toko yang benar."
ASK_ADDRESS = (
    "Di mana alamat toko, Kak? Ketik alamat lengkap (jalan, nomor, kelurahan, kota), "
    "atau bagikan lokasi 📍 dari tombol lampiran.{current}"
)
ASK_ADDRESS_TEXT = "📍 Lokasi tersimpan. Ketik juga alamat tertulisnya (jalan dan nomor), atau pilih *Lewati*."
ASK_HOURS = (
    "Jam berapa toko buka, Kak? Contoh:\n"
    "• _Senin–Sabtu 08.00–17.00, Minggu tutup_\n• _setiap hari 7 pagi - 9 malam_\n• _24 jam_{current}"
)
ASK_PAYMENT = "Pembeli bisa bayar pakai apa, Kak? Pilih satu per satu, bisa lebih dari satu.\n{current}\nKalau sudah, pilih *Lanjut*."
ASK_BANK = (
    "Tulis rekening toko dalam satu pesan: nama bank, nomor rekening, atas nama.\n"
    "Contoh: _BCA 1234567890 a.n. Sri Wahyuni_"
)
ASK_QRIS = "Kirim foto kode QRIS toko (dari aplikasi bank atau stiker QRIS di kasir), fotonya yang jelas ya Kak."
ASK_DELIVERY = "Bagaimana pesanan sampai ke pembeli, Kak?\n{current}\nKalau sudah, pilih *Lanjut*."
ASK_ZONES = (
    "Tulis area antar dan ongkirnya, satu area per baris. Nama kecamatan atau kota yang masuk area itu "
    "dipisah koma. Contoh:\n_Kota Yogyakarta 10rb_\n_Sleman, Bantul 15rb_\n"
    "Kirim ke luar area dengan ongkir dihitung per pesanan? Tambah baris _Luar kota menyusul_."
)
ASK_PRODUCTS = (
    "Sekarang produk pertama 🎉 Kirim *foto produk* dengan keterangan, misalnya:\n_{example}_\n"
    "Tanpa foto juga bisa, ketik saja seperti itu. Kirim satu per satu; ketik *selesai* kalau sudah.\n"
    "Produknya banyak? Yang memasang Kedai bisa memasukkan semuanya sekaligus dari file Excel/CSV."
)
PRODUCT_EXAMPLE = "Nama Barang 50rb stok 10"
CURRENT = "\n(Sekarang: {value})"
BTN_CORRECT = "✅ Sudah benar"
BTN_SKIP = "⏭️ Lewati"
BTN_PAUSE = "⏸️ Nanti saja"
BTN_NEXT = "➡️ Lanjut"
BTN_BANK = "🏦 Rekening bank"
BTN_QRIS = "📱 QRIS"
BTN_COD_ON = "💵 Terima COD"
BTN_COD_OFF = "💵 Matikan COD"
BTN_PICKUP_ON = "🏪 Bisa ambil sendiri"
BTN_PICKUP_OFF = "🏪 Tidak bisa ambil sendiri"
BTN_ZONES = "🛵 Tambah area antar"
BTN_DONE = "✅ Selesai"

# Answers to the steps
BAD_NAME = "Nama toko 2 sampai 100 huruf ya, Kak. Ketik namanya saja, misal _Batik Sekar_."
BAD_ADDRESS = "Alamatnya terlalu singkat, Kak. Tulis lengkap: jalan, nomor, kelurahan, kota. Atau bagikan lokasi 📍."
HOURS_READ = "🕒 Jam buka yang kami baca:\n{schedule}"
HOURS_UNREAD = (
    "🕒 Kami simpan seperti tulisan Kakak: _{text}_\n"
    "Tapi jamnya belum bisa kami baca, jadi kami tidak akan bilang ke pembeli toko sedang buka atau tutup. "
    "Kalau mau, tulis ulang seperti _Senin–Sabtu 08.00–17.00_."
)
DAY_SPAN = "• {days}: {times}"
DAY_CLOSED = "• {days}: tutup"
ALWAYS_OPEN = "• Setiap hari, 24 jam"
EVERY_DAY = "Setiap hari"
DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BAD_BANK = (
    "Rekeningnya belum kebaca, Kak. Tulis nama bank, nomor rekening, dan atas nama dalam satu pesan, "
    "misal _BCA 1234567890 a.n. Sri Wahyuni_."
)
QRIS_NEEDS_PHOTO = "Kirim *foto* kode QRIS-nya ya, Kak (atau pilih *Lewati*)."
BAD_ZONES = "Ongkirnya belum kebaca, Kak. Satu area per baris, nama lalu ongkir, misal _Sleman, Bantul 15rb_."
NO_PAYMENT_YET = "ℹ️ Belum ada cara bayar, jadi pembeli belum bisa checkout. Atur nanti dengan *cara bayar*."
NO_DELIVERY_YET = "ℹ️ Belum ada cara terima pesanan (ambil sendiri atau area antar). Atur nanti dengan *pengiriman*."
PRODUCT_NEEDS = ("Produk *{name}*: {missing} belum kebaca, Kak. Ketik saja {missing}, misal _{sample}_ "
                 "(atau tulis lengkap: _{name} 50rb stok 10_).")
SAMPLE_PRICE = "50rb"
SAMPLE_STOCK = "10"
SAMPLE_BOTH = "50rb stok 10"
PRODUCT_NEEDS_NAME = "Nama produknya belum kebaca, Kak. Contoh: _{example}_."
MISSING_PRICE = "harganya"
MISSING_STOCK = "stoknya"
MISSING_BOTH = "harga dan stoknya"
PRODUCT_ADDED = "✅ *{name}* · {price} · stok {stock}{photo}\nKirim produk berikutnya, atau ketik *selesai*."
PRODUCT_PHOTO = " · 🖼️ dengan foto"
PRODUCT_ADDED_OPTIONS = "✅ *{name}*{photo}\n{lines}\nKirim produk berikutnya, atau ketik *selesai*."
PRODUCT_OPTION_LINE = "• {label} — {price} · stok {stock}"
PRODUCT_EXISTS = "Produk *{name}* sudah ada, Kak. Kirim produk lain, atau ketik *selesai*."

# Between steps
SKIPPED = "⏭️ Dilewati. Bisa diisi nanti dengan *atur toko*."
PAUSED = "⏸️ Pengaturan toko dijeda. Lanjutkan kapan saja dengan mengetik *atur toko*."
STEP_HELP = "Jawab pertanyaan di atas, Kak. *lewati* untuk melewati, *batal* untuk berhenti dulu."
FINISHED = (
    "🎉 Toko *{shop}* siap menerima pesanan!\n{summary}\n\n"
    "Pembeli tinggal chat ke bot ini. Mau mengubah sesuatu nanti? Ketik misalnya:\n"
    "• _ganti alamat Jl. Melati No. 5_\n• _ganti jam buka Senin–Sabtu 09.00–17.00_\n"
    "• _rekening baru BRI 0123456789 a.n. Sekar_\n• _ongkir Sleman 15rb_ · _hapus area Sleman_\n"
    "• _info toko_ untuk melihat semua pengaturan · *bantuan* untuk semua perintah"
)
SETUP_PENDING = "⚙️ Pengaturan toko belum selesai: ketik *atur toko* untuk melanjutkan.\n"

# The shop's settings, shown and changed
INFO = (
    "🏪 *{shop}*\n📍 {address}\n🗺️ {maps}\n🕒 {hours}\n📞 {phone}\n"
    "💳 {payment}\n🚚 {delivery}\n🧾 Kode pesanan: {prefix}-0001"
)
NOT_SET = "belum diatur"
PAY_BANK = "{bank} {number} a.n. {holder}"
PAY_QRIS = "QRIS"
PAY_COD = "COD (bayar di tempat)"
PICKUP = "ambil sendiri"
NO_PICKUP = "tidak bisa ambil sendiri"
ZONE = "{name} ({fee})"
FEE_QUOTED = "ongkir menyusul"
LIST_SEP = ", "
LINE_BANK = "🏦 Rekening: {value}"
LINE_QRIS = "📱 QRIS: {value}"
LINE_COD = "💵 COD: {value}"
LINE_PICKUP = "🏪 Ambil sendiri: {value}"
LINE_ZONES = "🛵 Area antar: {value}"
YES_MARK = "✅ ya"
NO_MARK = "belum"
CHANGED = "✅ {what}: {before} → {after}"
WHAT = {"name": "Nama toko", "address": "Alamat toko", "location": "Lokasi toko", "opening_hours": "Jam buka",
        "phone": "Nomor toko", "payment_methods": "Cara bayar", "delivery_zones": "Area antar",
        "pickup": "Ambil sendiri", "outside_hours": "Pesanan saat toko tutup", "outside_zones": "COD luar kota"}
COD_OUTSIDE = {True: "bisa (pembeli luar kota boleh COD)", False: "tidak (pembeli luar kota bayar transfer/QRIS dulu)"}
OUTSIDE_HOURS = {"next_opening": "diterima, diproses saat buka", "refuse": "ditolak"}
UNDO_HINT = "Salah? Ketik *batalkan*."
SAME = "{what} memang sudah begitu, Kak. Tidak ada yang diubah."
CHANGED_MEANWHILE = "⚠️ {what} baru saja diubah orang lain. Tidak ada yang diubah; lihat *info toko* lalu kirim ulang."
UNDONE = "↩️ Dibatalkan. {what} kembali: {value}"
ZONE_NOT_FOUND = "Area “{name}” tidak ada, Kak. Area yang ada: {zones}."
NOTHING_TO_REMOVE = "{what} memang belum ada, Kak."
BAD_PHONE = "Nomornya belum kebaca, Kak. Tulis seperti _0812 3456 7890_."
ONE_PLACE = ("ℹ️ *{name}* kami baca sebagai satu nama daerah. Kalau maksudnya beberapa daerah, tulis ulang "
             "dengan koma, misal _{example}_, supaya alamat yang menyebut salah satunya masuk area ini.")
PAYMENT_MENU_HELP = "Pilih salah satu di bawah ya, Kak, atau ketik _rekening_, _qris_, _cod_, atau _lanjut_ kalau sudah."
QRIS_LATER = "Tidak apa-apa, Kak. QRIS bisa ditambah kapan saja nanti dengan *ganti qris*."
DELIVERY_MENU_HELP = ("Pilih salah satu di bawah ya, Kak, atau ketik _ambil sendiri_, _antar_ (area dan ongkirnya, "
                      "termasuk luar kota), atau _lanjut_ kalau sudah.")
