"""The one vocabulary: every word list that means yes, no, leave this step, stop promo messages,
hello or help, once, with what each means. Flows and routers import their words from here, so
a word means the same thing everywhere unless a list below says otherwise, and says why.

A message is compared whole, after `said()` (lowercase, spaces squeezed, end punctuation off).
"""

from __future__ import annotations

import re


def said(text: str) -> str:
    """A message as the lists below are matched against it: "  Ya  kak!! " -> "ya kak"."""
    return " ".join(text.lower().split()).strip(" !?.")


# Yes and no, plainly. "y" is yes everywhere (it once confirmed a checkout but not a promo).
YES = frozenset({"ya", "iya", "iyaa", "y", "yes", "ok", "oke", "okey", "okay", "betul", "benar", "bener", "yakin",
                 "yap", "sip", "siap"})
NO = frozenset({"tidak", "tdk", "ga", "gak", "nggak", "enggak", "engga", "no", "jangan"})

# Leave the step in progress (the cart stays). Checked before a flow's own question, so a
# flow's "no" never needs these.
CANCEL = frozenset({"batal", "cancel", "/cancel", "gajadi", "ga jadi", "gak jadi", "nggak jadi", "tidak jadi", "keluar"})

# Stop promo messages (the customer's consent), in any state, at once. For a seller with a
# question of theirs open, a bare "stop" leaves that question instead (SELLER_LEAVE): they
# are stopping what they are doing, and their promo consent is not what they asked about.
STOP = frozenset({"stop", "berhenti", "jangan kirim promo", "jangan kirim promo lagi", "stop promo", "berhenti promo",
                  "unsubscribe", "unsub", "gak mau promo", "ga mau promo", "tidak mau promo", "nggak mau promo"})
START_PROMOS = frozenset({"mau promo", "mau promo lagi", "mau info promo", "langganan promo", "kirim promo"})
SELLER_LEAVE = CANCEL | {"stop"}

# Ending a chat with a person of the shop. The seller's whole message (conversations.seller.handoff);
# a customer's is read by language.questions.ends_chat, which takes every one of these and more.
END_CHAT = frozenset({"selesai", "selesai chat", "tutup chat", "akhiri", "akhiri chat", "chat selesai"})
# What ends a customer's chat with a seller: a word that says so ("selesai", "akhiri", "sekian", "udahan"),
# "tutup" and the like only beside the chat ("tutup chatnya"), "cukup" only beside "sudah" or a thanks
# (alone it answers the seller: "mau tambah bubble wrap?" "cukup kak"). Everything else in the message
# must be chat around it (END_CHAT_ALSO), so "sudah selesai transfer kak" still reaches the seller.
END_CHAT_WORDS = frozenset({"selesai", "akhiri", "akhirin", "akhiriin", "diakhiri", "sudahi", "sudahin", "udahin",
                            "udahan", "sudahan", "sekian", "cukupkan", "dicukupkan"})
END_CHAT_NOUNS = frozenset({"chat", "chatnya", "chattingan", "percakapan", "percakapannya", "obrolan", "obrolannya",
                            "ngobrol", "ngobrolnya", "bot", "sesi"})
END_CHAT_BESIDE_NOUN = frozenset({"tutup", "tutupin", "ditutup", "tutupkan", "keluar", "stop", "end", "close",
                                  "kembali", "balik", "off"})
END_CHAT_ENOUGH = frozenset({"cukup"})
END_CHAT_DONE = frozenset({"sudah", "udah", "telah"})  # "sudah selesai" alone may be a transfer or a form

GREETINGS = frozenset({"start", "/start", "mulai", "halo", "hallo", "hai", "hi", "hello", "p", "assalamualaikum",
                       "permisi", "pagi", "siang", "sore", "malam"})
MENU = frozenset({"menu"})
HELP = frozenset({"bantuan", "help", "/help", "tolong", "bingung", "cara pesan", "caranya"})
# A seller's greeting or call for help opens the seller's menu (their commands with examples).
SELLER_HELP = GREETINGS | MENU | HELP | {"admin", "/admin", "penjual", "menu penjual", "perintah", "daftar perintah",
                                         "cara", "?"}

# Yes to one question, where more words plainly mean yes there.
PLACE_ORDER = YES | {"pesan", "konfirmasi", "lanjut", "gas", "setuju"}  # "place the order?"
APPLY_CHANGE = YES | {"lanjut"}  # a seller's price that looked like a slip: "change it anyway?"
SAVE_PROMO = YES | {"simpan"}
SEND_BROADCAST = YES | {"kirim", "jadwalkan", "gas"}
CONSENT_YES = YES | {"mau", "boleh", "mau dong", "boleh dong"}  # "promo messages?"
CONSENT_NO = NO | {"tidak usah", "ga usah", "gak usah", "nanti saja"}
CANCEL_ORDER_YES = YES | {"batalkan", "ya batalkan"}  # "cancel order KD-0042?"
# Accepting a delivery fee the seller quoted, said among polite words ("ok setuju kak", "lanjut bayar").
ACCEPT_FEE = frozenset({"setuju", "lanjut", "deal", "sepakat", "acc", "gas"})
ACCEPT_FEE_ALSO = frozenset({"bayar", "ongkir", "ongkirnya", "nya", "itu", "segitu"})
KEEP_PRICE = NO | {"bukan", "salah"}  # "change it anyway?" answered no

# "No note" at checkout: any plain no, or a skip.
NO_NOTE = NO | {"-", "tidak ada", "ga ada", "gak ada", "nggak ada", "skip", "lewati", "none"}

# Forms of address, greetings, thanks, acknowledgements and chat noises, in Indonesian, Javanese
# and Sundanese: the conversation around a request, never a product's name. A message made only of
# these (and of order verbs) is answered kindly, never searched ("misi kak", "punten", "bu tumbas").
ADDRESS = frozenset({"kak", "ka", "kakak", "kk", "mba", "mbak", "mbk", "mb", "mas", "bun", "bund", "bunda", "buk", "bu",
                     "ibu", "pak", "bapak", "om", "tante", "gan", "juragan", "sis", "sist", "min", "admin", "bos",
                     "boss", "teteh", "aa", "akang", "kang", "cici", "koh"})
GREETING_WORDS = frozenset({"halo", "hallo", "helo", "hai", "hay", "hi", "hello", "pagi", "siang", "sore", "malam",
                            "met", "selamat", "assalamualaikum", "assalamu", "alaikum", "ass", "salam", "misi",
                            "permisi", "punten", "kulonuwun", "sugeng", "enjing", "sonten", "ndalu"})
THANKS_WORDS = frozenset({"makasih", "makasi", "makasii", "terima", "kasih", "trimakasih", "terimakasih", "thanks",
                          "thank", "thx", "tq", "ty", "nuwun", "matur", "suwun", "nuhun", "hatur", "mksh", "mks",
                          "makasiii", "maksih", "trims", "trimakasi", "tengkyu", "tenkyu", "thanks", "tks", "thank",
                          "you", "samasama", "maturnuwun", "matursuwun", "maturswun", "nuwun", "hatur", "haturnuhun"})
ACK_WORDS = frozenset({"ok", "oke", "okey", "okay", "okee", "sip", "siap", "nggih", "inggih", "enggih", "ya", "iya",
                       "iyaa", "yaa", "baik", "noted", "hehe", "hihi", "haha", "wkwk", "wkwkwk", "wk", "maaf", "ganggu",
                       "mengganggu", "dong", "nih", "deh", "yah", "lho", "loh", "kok", "banyak", "mohon",
                       "tolong", "dulu", "aja", "saja", "sudah", "udah", "yaudah", "yaudh", "ywdh", "yauda", "yowes", "yaudahlah", "ngga", "oh", "ohh", "owh", "kah",
                       # praise, wishes and "I'll get back to you" ("mantap kak", "semoga laris", "nanti saya
                       # kabari lagi"): chat around a sale, never a product's name
                       "mantap", "mantab", "mantul", "keren", "ditunggu", "tunggu", "semoga", "laris", "lancar",
                       "sukses", "amin", "aamiin", "nanti", "kabari", "kabarin", "dikabari", "lagi", "eh", "ehh",
                       "wah", "waduh", "hmm", "hm", "sipp", "okey", "oce", "okeh", "okk", "siapp", "baiklah", "hatihati",
                       "okok", "okeoke", "sipsip", "siapsiap", "boleh", "monggo", "woke", "oks", "okei"})
# What a customer thanks for or waits for ("makasih infonya", "siap ditunggu kirimannya"): polite only next
# to a thanks or an acknowledgement, since alone "paketnya" asks something.
THANKED_FOR = frozenset({"info", "informasi", "kiriman", "paket", "pesanan", "balasan", "respon", "jawaban",
                         "bantuan", "pelayanan", "layanan", "penjelasan"})
# Who is speaking: a pronoun in a message names no product ("gue mau rendang", "sy pesen").
PRONOUNS = frozenset({"saya", "sy", "aku", "aq", "ak", "gue", "gua", "gw", "w", "abdi", "kula", "kulo", "kami", "kita"})
# Verbs that only say "I want to buy", with no product yet ("bu tumbas", "mau pesan kak").
ORDER_WORDS = frozenset({"pesan", "pesen", "mesen", "order", "beli", "mau", "ambil", "tambah", "tambahin", "nambah", "tumbas", "bade", "meser", "nyuwun",
                         "ingin", "pengen", "pingin", "nitip", "titip", "sekalian", "hoyong", "mo", "pesenin",
                         "pesankan", "orderin", "belikan", "beliin", "tuku", "nuku", "numbas", "badhe", "ajeng",
                         "arep", "pengin"})
POLITE = ADDRESS | GREETING_WORDS | THANKS_WORDS | ACK_WORDS | PRONOUNS

# Words said around a yes that leave it a yes: "iya kak", "sudah benar", "betul sekali bu", "ok siap".
YES_AROUND = ADDRESS | frozenset({"sudah", "udah", "udh", "sdh", "dah", "sekali", "banget", "bgt", "dong", "deh",
                                  "aja", "saja", "nih", "kok", "itu", "pas", "mantap", "sip", "siap", "yaa",
                                  "iyaa", "iyaaa", "yoi", "yup", "gitu", "begitu", "sekarang"})


def is_yes(text: str, yes: frozenset[str] = YES) -> bool:
    """A yes said among words that keep it one ("iya kak", "sudah benar", "ya kak pesan" for a
    `yes` list holding "pesan"); one word of its own that is none of them ("iya bener namanya Batik
    Ayu") makes it more than a yes."""
    whole = said(text)
    if whole in yes:
        return True
    found = whole.replace(",", " ").split()
    return bool(found) and any(w in yes for w in found) and all(w in yes or w in YES_AROUND for w in found)

# What may stand around the words that end a chat (END_CHAT_WORDS): addresses, thanks, greetings
# and sign-offs, "ok", "sudah", "dulu", who it was with. Never an order, a product, a payment or
# "belum": "sudah selesai transfer kak" and "pesanan saya selesai belum" are for the seller.
END_CHAT_ALSO = (ADDRESS | THANKS_WORDS | GREETING_WORDS | PRONOUNS | END_CHAT_DONE | END_CHAT_NOUNS | frozenset({
    "ok", "oke", "okey", "okay", "okee", "okeh", "sip", "siap", "baik", "baiklah", "ya", "iya", "yaa", "nggih", "inggih",
    "yaudah", "ywdh", "yauda", "aja", "saja", "dulu", "deh", "dong", "kalau", "kalo", "gitu", "begitu", "nya", "ini",
    "sampai", "sampe", "sini", "disini", "di", "banyak", "mau", "ingin", "pengen", "mohon", "tolong", "minta", "ke",
    "dari", "sama", "dengan", "jelas", "paham", "ngerti", "mengerti", "hehe", "maaf", "ganggu", "mengganggu",
    "wassalam", "wassalamualaikum", "wr", "wb", "penjual", "penjualnya", "seller", "cs", "adminnya", "infonya",
    "informasinya", "bantuannya", "jawabannya", "penjelasannya", "balasannya", "responnya", "pelayanannya"}))

_LETTERS = re.compile(r"[a-z]+")
_DOUBLED_END = re.compile(r"([a-z])\1+$")
# After "punten" or "nuhun", "teh" is the Sundanese "sister", not tea.
_SUNDANESE_ADDRESS_AFTER = frozenset({"punten", "nuhun", "hatur", "permisi", "misi"})


def _plain(word: str) -> str:
    """A stretched word as it is meant: "kakk" -> "kak", "yaa" -> "ya", "siippp" -> "sip"."""
    word = _DOUBLED_END.sub(r"\1", re.sub(r"([a-z])\1{2,}", r"\1", word))
    if word in POLITE or word in ORDER_WORDS:
        return word
    return _SQUEEZED.get(re.sub(r"([a-z])\1+", r"\1", word), word)  # every doubled letter once: "siip", "okee"


_REDUPLICATED = re.compile(r"\b([a-z]{2,})(?:\s*-\s*\1|2)\b")


# The polite words with every doubled letter once ("maaf" -> "maf"), to meet a stretched word squeezed alike.
_SQUEEZED = {re.sub(r"([a-z])\1+", r"\1", w): w for w in POLITE | ORDER_WORDS}


def politeness(text: str) -> str | None:
    """What a message made only of polite words is: "thanks", "order" (a wish to buy with no
    product yet: "bu tumbas") or "hello"; None when any word could name a product."""
    folded = _REDUPLICATED.sub(r"\1\1", text.lower())  # "sama2", "sama-sama" -> "samasama"
    words = _LETTERS.findall(folded)
    if not words or re.search(r"\d", folded):  # "tambah 1 lagi" counts something: more than polite
        return None
    plain = []
    for i, word in enumerate(words):
        if word in POLITE or word in ORDER_WORDS:
            plain.append(word)
        elif _plain(word) in POLITE or _plain(word) in ORDER_WORDS:
            plain.append(_plain(word))
        elif word == "teh" and i > 0 and words[i - 1] in _SUNDANESE_ADDRESS_AFTER:
            plain.append(word)
        elif word in THANKED_FOR or word.removesuffix("nya") in THANKED_FOR:
            continue  # "makasih infonya": polite only beside a thanks or an acknowledgement (below)
        else:
            return None
    if len(plain) < len(words) and not any(word in THANKS_WORDS or word in ACK_WORDS for word in plain):
        return None
    if any(word in THANKS_WORDS for word in plain):
        return "thanks"
    return "order" if any(word in ORDER_WORDS for word in plain) else "hello"


# Words that make a message a question about a product ("brp sebungkus", "ready 3 toples?"): such a
# message is answered or searched, never read as an order that fills the cart.
QUESTION_WORDS = frozenset({"brp", "berapa", "berapaan", "brapa", "brpa", "harga", "hrg", "harganya", "ready", "redy",
                            "ready", "tersedia", "apakah", "gimana", "bagaimana", "kapan", "kah",
                            # Sundanese, Javanese and Betawi "how much", English "price"
                            "sabaraha", "pinten", "berape", "brape", "piro", "pira", "price"})

# Words of a question or a wish around a product's name, never the name itself: a product that
# does not explain them is still the one asked about ("rendang tahan berapa lama?").
CHAT_WORDS = QUESTION_WORDS | frozenset({
    "apa", "itu", "ini", "ga", "gak", "nggak", "ngga", "engga", "enggak", "g", "jual", "stok", "stock", "masih", "tinggal",
    "tahan", "lama", "pake", "pakai", "hari", "isi", "potong", "muat", "buat", "untuk", "utk", "gemuk", "sachet",
    "berat", "rasa", "ukuran", "bahan", "panjang", "lebar", "pricelist", "enak", "murah", "mahal", "asli", "kirim",
    "ongkir", "size", "warna", "model", "ld", "pb", "jenis", "macam", "varian", "pilihan", "sama", "dan", "atau",
    "acara", "hajatan", "kado", "kemasan", "awet", "halal", "bpom", "expired", "exp", "gimana", "kok", "sih",
    # tastes and textures asked about ("sambal roa pedes ga?"), counted one ("brp sebungkus")
    "pedas", "manis", "asin", "gurih", "renyah", "empuk", "lembut", "crispy", "sebungkus", "sekor", "seekor", "sebiji",
    "sepotong", "setoples", "sebotol", "sepack", "sekotak", "sepcs", "berapaan", "nya", "pedes"})
# After these, the words say what a product is made with ("kastengel pake keju apa"), not which one.
MADE_WITH = frozenset({"pake", "pakai", "pakek", "bahannya", "dari"})


def asks(text: str) -> bool:
    """Whether a message asks about something rather than orders it."""
    return any(word in QUESTION_WORDS for word in _LETTERS.findall(text.lower()))


# "All that is left" as a quantity ("ambil semua yg ada aja", "sisanya aja"), when we said how many there are.
ALL_OF_IT = frozenset({"semua", "semuanya", "sisanya", "sisa", "borong", "habisin", "all"})


# Cart edits typed as text (language.edits): pay now, empty the cart, take out, add, reduce, swap.
CHECKOUT_WORDS = frozenset({"checkout", "cekout", "chekout", "cekot", "co", "bayar", "byr", "dibayar", "lanjut",
                            "lanjutkan", "proses", "prosess", "diproses"})
# "That's all": with something in the cart, the customer is done choosing ("udah itu aja", "cukup segitu").
DONE_WORDS = frozenset({"udah", "sudah", "cukup", "segitu", "gitu"})
# Words around "let's pay" that say nothing else: "udah itu aja, lanjut bayar sekarang".
CHECKOUT_ALSO = frozenset({"lanjut", "sekarang", "udah", "sudah", "itu", "langsung", "check", "out", "cek",
                           "semua", "semuanya", "total", "totalnya", "dong", "gas", "yuk", "ayo", "cukup", "segitu",
                           "order", "pesanan", "pesan", "pesen", "orderan", "gitu", "pembayaran", "pembayarannya",
                           "ke"})
# Asking to see the cart or its total ("cek keranjang", "isi keranjang sy apa aja", "totalnya brp kak?").
CART_VIEW_NOUNS = frozenset({"keranjang", "keranjangku", "cart", "troli", "belanjaan", "belanjaanku", "total",
                             "totalnya", "subtotal", "subtotalnya", "totalan"})
CART_VIEW_ALSO = frozenset({"cek", "lihat", "liat", "isi", "isinya", "apa", "aja", "saja", "berapa", "brp", "semua",
                            "semuanya", "jadi", "jadinya", "yang", "sudah", "udah", "di", "ku", "saya", "sy", "belanja",
                            "nya", "dong", "sekarang", "skrg", "ada", "harga", "bayar", "sih", "ya", "kak", "punya"})
EMPTY_WORDS = frozenset({"kosongkan", "kosongin", "dikosongin", "dikosongkan", "kosongi", "dikosongi", "reset",
                         "bersihkan", "clear"})
CART_WORDS = frozenset({"keranjang", "troli", "cart", "isi", "isinya", "semua", "semuanya", "belanjaan"})
REMOVE_WORDS = frozenset({"hapus", "hapusin", "dihapus", "hapuskan", "delete", "del", "buang", "dibuang", "remove",
                          "batal", "batalin", "dibatalin", "batalkan", "keluarin", "dikeluarin", "keluarkan", "cancel",
                          "cancle", "coret", "dicoret"})
ADD_WORDS = frozenset({"tambah", "tambahin", "ditambah", "tambahkan", "nambah", "plus"})
REDUCE_WORDS = frozenset({"kurangi", "kurangin", "dikurangi", "dikurangin", "kurangkan", "kurang"})
SWAP_WORDS = frozenset({"ganti", "diganti", "gantiin", "tukar", "tuker", "ditukar", "ubah", "diubah"})

# A seller who wants to shop in their own shop says so; and says so again to go back.
BUYER_MODE = frozenset({"mode pembeli", "belanja", "mode belanja", "mau belanja", "jadi pembeli", "katalog",
                        "lihat katalog", "/katalog", "lihat toko"})
SELLER_MODE = frozenset({"mode penjual", "selesai belanja", "keluar mode pembeli", "kembali ke penjual",
                         "jadi penjual", "menu penjual"})
# A regular's shortcuts: the last order again, and the list of past orders (each with its own
# "again" button). "pesan" alone stays an order verb; only these whole phrases mean re-order.
REORDER = frozenset({"pesan lagi", "pesen lagi", "order lagi", "beli lagi", "pesan yang sama", "pesan yang kemarin",
                     "pesan seperti biasa", "seperti biasa", "yang biasa", "repeat order", "ulangi pesanan"})
ORDER_HISTORY = frozenset({"riwayat pesanan", "riwayat", "riwayat belanja", "history", "histori", "histori pesanan",
                           "pesanan lama", "pesanan sebelumnya", "/riwayat"})
# A customer asking for their loyalty stamps (marketing.loyalty).
MY_STAMPS = frozenset({"poin saya", "stempel saya", "poinku", "stempelku", "cek poin", "cek stempel", "poin",
                       "stempel", "kartu stempel", "stamp saya", "/poin", "/stempel"})
