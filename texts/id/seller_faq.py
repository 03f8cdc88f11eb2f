"""What a seller reads about their own answers to customers' questions (conversations.seller.faq)."""

EMPTY = (
    "Belum ada FAQ, Kak. Tambahkan jawaban untuk pertanyaan yang sering ditanya pembeli, misalnya:\n"
    "_faq: halal? = Semua produk kami halal MUI_"
)
LIST = "💬 *FAQ toko*\n{lines}\n\nUbah: _faq 1 = jawaban baru_ · hapus: _hapus faq 1_"
LINE = "{n}. {question}\n   → {answer}"
ADDED = "✅ FAQ disimpan, Kak. Pembeli yang bertanya “{question}” akan dijawab:\n{answer}"
CHANGED = "✅ Jawaban FAQ “{question}” diubah menjadi:\n{answer}"
REMOVED = "🗑️ FAQ “{question}” dihapus, Kak."
NO_SUCH = "FAQ “{which}” tidak ada, Kak. Ketik *faq* untuk melihat daftarnya."
GONE = "FAQ itu sudah dihapus, Kak. Ketik *faq* untuk melihat daftarnya."
VAGUE = "Pertanyaan “{question}” terlalu umum, Kak. Tulis kata kuncinya, misalnya _faq: halal? = …_"
TOO_LONG = "Terlalu panjang, Kak: pertanyaan paling banyak {question} huruf, jawaban {answer} huruf."
