"""What a customer is asking about the shop or a product, read from their words.

`shop_questions` finds every shop question in a message ("bisa cod? trus ongkir ke serengan
brp" asks two), each with what it is about (the area of a delivery fee, the payment kind, the
day of the week). `product_question` says whether a message asks about a product (its price,
stock, options, what it is) and which words name the product. Pure: the answers come from the
shop's data, in conversations.customer.questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from language.text import FILLER_WORDS, fold, normalize, without_sundanese_address
from language.words import (CHAT_WORDS, END_CHAT_ALSO, END_CHAT_BESIDE_NOUN, END_CHAT_DONE, END_CHAT_ENOUGH, END_CHAT_NOUNS,
                            END_CHAT_WORDS, MADE_WITH, NO, POLITE, THANKS_WORDS)


class Ask(StrEnum):
    HOURS = "hours"
    ADDRESS = "address"
    CONTACT = "contact"
    PAYMENT = "payment"
    FEE = "fee"
    MINIMUM = "minimum"
    PICKUP = "pickup"
    DELIVERY_TIME = "delivery_time"


@dataclass(frozen=True)
class ShopQuestion:
    kind: Ask
    about: str = ""  # the area (FEE), cod|qris|bank_transfer (PAYMENT), a weekday 0-6 as text (HOURS)


def _words(text: str) -> str:
    folded = without_sundanese_address(fold(text))
    return " " + " ".join(re.sub(r"[^a-z0-9/.\-]+", " ", folded.replace("?", " ")).split()) + " "


def _any(patterns: str) -> re.Pattern[str]:
    return re.compile(rf" (?:{patterns}) ")


# How long something keeps ("tahan berapa lama") is a product's, not the delivery's.
SHELF_LIFE = _any(r"tahan|awet|expired|kadaluarsa|kedaluwarsa")
DELIVERY_TIME = _any(r"berapa lama|brp lama|berapa hari|brp hari|kapan sampai|kapan sampe|kapan nyampe|sampai kapan|"
                     r"kapan dikirim|kapan dianter|kapan diantar|estimasi|lama pengiriman|lama kirim|lama sampai|"
                     r"pengiriman berapa|pengirimannya berapa|berapa jam|brp jam|jam sampai|jam sampe|jam nyampe|"
                     r"how long|dikirim hari ini|kirim hari ini|sampai hari ini|sampe hari ini|nyampe hari ini|"
                     r"diantar hari ini|dianter hari ini")
PICKUP = _any(r"ambil sendiri|diambil sendiri|pickup|pick up|ambil di toko|ambil ke toko|ambil ditempat|"
              r"ambil di tempat|ambil langsung|bisa ambil|bisa diambil|ambilnya")
MINIMUM = _any(r"minimal|minimum|min order|min\. order|min beli|min belanja|min pembelian|minim order")
SMALL_ORDER = re.compile(r" belanja \d+ ?(?:rb|ribu|k)? .*(?:bisa|boleh)")
FEE = _any(r"ongkir\w*|ongkr\w*|ongir\w*|onkir\w*|ongkri\w*|ongkos kirim\w*|"
           r"(?:kalau|kalo|klo|klw|kl) (?:dikirim |kirim |dianter |diantar )?ke|"
           r"ongkos\w*|biaya kirim\w*|biaya antar\w*|kirim ke|antar ke|dikirim ke|"
           r"diantar ke|dianter ke|bisa kirim|luar kota|shipping\w*|delivery|pengiriman ke|kirim ka|ongkos ka")
# "nomor 2" is a line of the cart ("hapus yang nomor 2"), not a phone number.
CONTACT = _any(r"nomor\w*(?! \d)|nomer\w*(?! \d)|no hp|no wa|no\. hp|no telp|wa|wanya|whatsapp|kontak\w*|telepon|telpon|telp|tlp|hp|hpnya")
PAYMENT = _any(r"cod|qris|transfer|tf|rekening\w*|rek|gopay|ovo|dana|shopeepay|e-?wallet|m-banking|mbanking|"
               r"bayar di tempat|bayar ditempat|pembayaran\w*|bayar\w* (?:bisa )?(?:pake|pakai|pakek|lewat|via)|"
               r"bayar\w* gimana|cara bayar|metode bayar|atas nama|a\.n\.?")
HOURS = _any(r"buka|bukanya|bukak|bukake|tutup\w*|jam berapa|jam brp|jam sabaraha|jam pinten|jam piro|jam berape|"
             r"jam operasional|jam kerja|jam segini|libur|"
             r"hari apa|open|close")
ADDRESS = _any(r"alamat\w*|lokasi\w*|dimana|di mana|dmn|maps?|google maps|share ?loc|sharelok|shareloc|"
               r"tokonya di \w+(?: \w+)? mana|toko di mana|toko dimana")
COD = _any(r"cod|bayar di tempat|bayar ditempat")
QRIS = _any(r"qris|gopay|ovo|dana|shopeepay|e-?wallet")
BANK = _any(r"transfer|tf|rekening\w*|rek|atas nama|a\.n\.?|bank|bca|bri|bni|mandiri|m-banking|mbanking")
DAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}

# The customer giving their own address ("alamatnya jl ijen no 5"), not asking the shop's.
GIVES_ADDRESS = re.compile(r" alamat\w*:? (?:di |ke |saya |sy |aku |rumah )?(?:jl|jln|jalan|gg|gang|perum\w*|komplek\w*|"
                           r"dusun|dsn|desa|kp|kampung|blok|rt|kel|kelurahan|kec|kecamatan) ")

# Words after "ke" that end the name of an area.
AREA_STOP = frozenset({"berapa", "brp", "bisa", "ngga", "kak", "ka", "ya", "kena",
                       "dong", "min", "sis", "gan", "kah", "ongkir", "ongkirnya", "ongkos", "biaya", "apa", "sampai",
                       "sampe", "nyampe", "gimana", "juga", "trus", "terus", "dan", "sama", "itu", "tuh", "nih",
                       "kira", "kira-kira", "harganya", "kalau", "kalo", "berapaan", "mas", "mbak", "bu", "pak",
                       "nya", "kan", "lho", "deh",
                       # "ongkir paling murah brp": a ranking of fees, no place ("termurah", "paling cepat")
                       "paling", "plg", "termurah", "termahal", "tercepat", "murah", "mahal", "cepat", "cepet",
                       # "ongkir dalam kota": the shop's own area, not a place called "Dalam Kota"
                       "dalam", "dlm", "dalem",
                       # the address itself begins ("ke malang, alamatnya jl ijen no 5"): the place ends there
                       "alamat", "alamatnya", "jl", "jln", "jalan", "gg", "gang", "rt", "rw", "no", "nomor",
                       "perum", "perumahan", "komplek", "kompleks", "blok", "atas", "an", "a.n", "a.n."}) | NO
AREA_AFTER = frozenset({"ke", "ongkir", "ongkirnya", "kirim"})
AREA_LEAD = frozenset({"ke", "daerah", "area", "sekitar", "sekitaran", "dekat", "deket"})  # "ke daerah sleman"


def _area(words: str) -> str:
    """The place a fee question names: "ongkir ke solo baru berapa" -> "solo baru"."""
    said = words.split()
    for i, word in enumerate(said):
        if word not in AREA_AFTER:
            continue
        kept: list[str] = []
        for after in said[i + 1:i + 5]:
            if after in AREA_LEAD and not kept:
                continue
            if after in AREA_STOP or after in AREA_AFTER or not re.fullmatch(r"[a-z][a-z.\-]*", after):
                break
            kept.append(after)
        if kept:
            return " ".join(kept[:3])
    return ""


def _payment_kind(words: str) -> str:
    if COD.search(words):
        return "cod"
    if QRIS.search(words):
        return "qris"
    if BANK.search(words):
        return "bank_transfer"
    return ""


def shop_questions(text: str) -> list[ShopQuestion]:
    """Every shop question the message asks, in a stable order; [] when it asks none."""
    words = _words(text)
    found: list[ShopQuestion] = []
    if DELIVERY_TIME.search(words) and not SHELF_LIFE.search(words):
        found.append(ShopQuestion(Ask.DELIVERY_TIME))
    elif FEE.search(words):
        found.append(ShopQuestion(Ask.FEE, _area(words) or ("luar kota" if " luar kota " in words else "")))
    if PICKUP.search(words):
        found.append(ShopQuestion(Ask.PICKUP))
    elif ADDRESS.search(words) and not re.search(r" (?:ke|transfer) mana ", words) and not GIVES_ADDRESS.search(words):
        found.append(ShopQuestion(Ask.ADDRESS))
    if MINIMUM.search(words) or SMALL_ORDER.search(words):
        found.append(ShopQuestion(Ask.MINIMUM))
    if PAYMENT.search(words):
        found.append(ShopQuestion(Ask.PAYMENT, _payment_kind(words)))
    elif CONTACT.search(words):
        found.append(ShopQuestion(Ask.CONTACT))
    if HOURS.search(words) or (PICKUP.search(words) and re.search(r" jam \d", words)):
        day = next((str(n) for name, n in DAYS.items() if f" {name} " in words), "")
        found.append(ShopQuestion(Ask.HOURS, day))
    return found


# A question about a product: its price, whether it is there, its options, what it is.
PRICE = _any(r"berapa|brp|berapaan|brapa|berapa\w*|harga\w*|hrg|hrga|price|pricelist|sabaraha|pinten|berape|brape|"
             r"piro|pira|how much")
AVAILABLE = _any(r"ready|redy|ready\w*|masih ada|masih|ada ga|ada gak|ada nggak|ada ngga|ada kah|adakah|stok\w*|"
                 r"stock|tersedia|sedia|kosong|habis|jual|jualan|ada")
ABOUT = _any(r"ukuran\w*|size|level|varian\w*|pilihan\w*|rasa\w*|isi\w*|isinya|tahan|awet|bahan\w*|apa aja|apa saja|"
             r"pake apa|pakai apa|apa|gimana|kayak apa|seperti apa|panjang\w*|berat\w*|muat|ld")
# A product's photo asked for ("minta foto kemeja kawung dong", "liat gambarnya nastar"): its page, with the picture.
PHOTO = _any(r"foto\w*|gambar\w*|pic|pict|poto\w*|picture")
QUESTION_WORDS = frozenset({
    "berapa", "brp", "berapaan", "brapa", "harga", "harganya", "hrg", "price", "ready", "redy", "masih", "ada",
    "ngga", "kah", "adakah", "stok", "stoknya", "stock", "tersedia", "sedia", "kosong", "habis",
    "jual", "jualan", "tinggal", "ukuran", "ukurannya", "size", "varian", "variannya", "pilihan", "pilihannya",
    "apa", "aja", "saja", "pake", "pakai", "gimana", "kayak", "seperti", "itu", "ini", "tahan", "awet", "lama",
    "bahan", "bahannya", "isi", "isinya", "panjang", "panjangnya", "berat", "beratnya", "muat", "kak", "ka", "min",
    "sis", "gan", "ya", "dong", "nya", "sebungkus", "satunya", "per", "pcs", "kah", "kan", "yang", "yg", "mas",
    "mbak", "buat", "untuk", "hari", "potong", "rasa", "rasanya", "sekarang", "lagi", "punya", "tanya", "mau",
    "boleh", "bisa", "nih", "tuh", "deh", "sih", "lho", "kalau", "kalo", "klo", "klau", "ld", "juga",
    # a photo asked for is the product shown, with its picture ("minta foto kemeja kawung dong")
    "foto", "fotonya", "gambar", "gambarnya", "pic", "pict", "poto", "potonya", "minta", "liat", "lihat",
    # regional "how much" and the measures asked for ("diameter brp cm", "lengan panjang atau pendek")
    "sabaraha", "pinten", "berape", "brape", "piro", "pira", "cm", "diameter", "lengan", "pendek", "gram", "meter",
    # English around a question ("price for rendang 250?", "how much is the brownies")
    "for", "of", "how", "much", "is", "the", "what", "do", "you", "have", "sell",
}) | NO
# Every word said around a product's name in a question: ours, the shared chat words and polite ones.
AROUND_A_NAME = QUESTION_WORDS | CHAT_WORDS | POLITE


@dataclass(frozen=True)
class ProductQuestion:
    words: str  # what names the product ("nastar keju 500"); "" when only the question words were said
    price: bool = False
    stock: bool = False
    parts: tuple[str, ...] = ()  # the words of each product, when several are asked about at once
    made_with: str = ""  # "nastar pake keju apa": "keju", which may tell the product from its neighbours


# "buat stok di rumah": what the order is for, not a question about the shop's stock.
_FOR_STOCK = re.compile(r" (?:buat|untuk|utk|bwt) (?:stok|stock|persediaan|cadangan)(?= )")
# A yes/no question without its question mark: "sambal roa pedes ga kak", "kastengel pake keju apa".
_TAG = re.compile(r" (?:ga|gak|nggak|ngga|gk|enggak|engga|tidak|tdk|ndak|kah|gimana|gmn|bagaimana|apa)"
                  r"(?: (?:kak|ka|kk|min|gan|sis|mbak|mas|bu|pak|ya|sih|nih|dong|teh))* $")
# Tastes and textures asked about ("pedes ga?", "manis nggak?"): a question about what the product is like.
TASTE = _any(r"pedas|pedes|manis|asin|gurih|renyah|empuk|lembut|enak|halal|keras|alot|crispy")
TASTE_WORDS = frozenset({"pedas", "pedes", "manis", "asin", "gurih", "renyah", "empuk", "lembut", "enak", "halal",
                         "keras", "alot", "crispy"})
# Between two products asked about at once ("nastar keju 500 sm kastengel 500 brp").
_BETWEEN = frozenset({"sama", "sm", "ama", "dan", "serta", "&"})


def _stem(word: str) -> str:
    """"rendangnya" -> "rendang": the possessive ending is no part of a product's name."""
    return word[:-3] if word.endswith("nya") and len(word) > 6 else word


def product_question(text: str) -> ProductQuestion | None:
    """The product words and what is asked, when the message asks about a product; else None."""
    words = _FOR_STOCK.sub(" ", _words(re.sub(r"[,+&;\n]", " sama ", text)))
    price, stock, photo = PRICE.search(words), AVAILABLE.search(words), PHOTO.search(words)
    about = ABOUT.search(words) or TASTE.search(words) or photo
    if not (price or stock or about) or not ("?" in text or price or stock or photo or _TAG.search(words)):
        return None
    said = words.split()
    made_with = ""
    if made := next((i for i, w in enumerate(said) if w in MADE_WITH and i > 0), None):
        made_with = " ".join(w for w in said[made + 1:] if w not in AROUND_A_NAME)
        said = said[:made]  # "kastengel pake keju apa": after "pake" comes what it is made with
    parts: list[list[str]] = [[]]
    for w in said:
        if w in _BETWEEN:
            parts.append([])
        elif w not in AROUND_A_NAME and w not in TASTE_WORDS and not re.fullmatch(r"[/.\-]+", w):
            if (stem := _stem(w)) not in AROUND_A_NAME:
                parts[-1].append(stem)
    for i in range(len(parts) - 1, 0, -1):  # "nastar keju 250 sama 500": the 500 is an option of the same one
        if not any(re.search(r"[a-z]{2}", w) and not re.fullmatch(r"\d+[a-z]{1,2}", w) for w in parts[i]):
            parts[i - 1] += parts.pop(i)
    named = tuple(" ".join(p) for p in parts if p)
    return ProductQuestion(" ".join(named), price=bool(price), stock=bool(stock),
                           parts=named if len(named) > 1 else (), made_with=made_with)


def faq_key(question: str) -> str:
    """The words of a question that say what it is about, as FAQ entries are stored and matched:
    "Produknya halal ga kak?" -> "produk halal"."""
    kept = [_stem(w) for w in normalize(question).split() if w not in FILLER_WORDS and w not in QUESTION_WORDS]
    return " ".join(w for w in kept if w not in QUESTION_WORDS)


# Asking for a person: "mau bicara dengan penjual", "admin", "cs dong"; a complaint: "komplain, sambalnya tumpah".
# The people of the shop, as customers name them (also "yang punya toko", Sundanese "nu gaduh", English "human").
STAFF = (r"penjual\w*|admin\w*|owner\w*|pemilik\w*|cs|cs\w*|customer service|manusia|human|person|"
         r"(?:yang|yg|nu) (?:punya|gaduh|jaga|jual)\w*|penjaga\w*|pegawai\w*|karyawan\w*")
PERSON = rf"{STAFF}|orang\w*|bu \w+|pak \w+|mbak \w+|mas \w+"
TALK = re.compile(rf" (?:bicara|ngobrol|ngomong|omong|chat|tanya langsung|sambung\w*|hubung\w*|panggil\w*|"
                  rf"telpon|telepon|connect|talk|speak)\b.*\b(?:{PERSON}) |"
                  rf"^ (?:admin|cs|penjual|min admin|minta admin)(?: dong| kak| ya)? $|"
                  # "tanya penjual" alone: the label of the button that asks for one, typed (WhatsApp)
                  rf"^ (?:mau |ingin |pengen |boleh )?tanya (?:ke |sama |sm |dengan |dgn )?(?:{STAFF})(?: dong| kak| ya)? $|"
                  # "mau sama orang beneran", "minta sama adminnya"; "cs nya mana", "ownernya ada?"
                  rf" (?:mau|minta|pengen|ingin|hoyong|bisa) (?:sama|sm|ama|dengan|dgn|sareng) (?:{PERSON}) |"
                  rf" (?:{STAFF})(?: ?nya)? (?:mana|dimana|ada|kemana) |"
                  r" (?:ngobrol|bicara|ngomong|omongan|chat|telpon|telepon|nelpon) (?:langsung|sama orangnya) |"
                  r" nego\w* ")
COMPLAINT = re.compile(r" (?:komplain\w*|komplen\w*|complain\w*|protes\w*|kecewa|basi|busuk|tumpah|rusak|pecah|"
                       r"gosong|luntur|salah kirim|kurang (?:\d+|satu|dua|tiga|sebiji|setoples|sebungkus|se\w+)|"
                       r"kekecilan|kebesaran|kesempitan|kedodoran|kepanjangan|kependekan|belum sampai|belum nyampe|ga sampai|tidak sampai|refund|"
                       r"retur|dikembalikan|berjamur|jamuran|remuk|hancur|penyok|bocor|sobek|robek|cacat|"
                       r"(?:yang|yg) (?:datang|dateng|sampai|sampe|dikirim|dikirimin) (?:salah|beda|lain)|"
                       r"salah (?:barang|produk|ukuran|pesanan|item|size|warna)|barang\w* salah|"
                       r"(?:belum|blm) (?:dateng|datang|nyampe\w*|sampe\w*)) ")


# A customer asking where their order is ("pesanan saya mana", "status orderan sy gmn", "pesenanku udah
# dikirim belum?"): the order noun, not the verb ("pesan"), with a word of where or how far along.
ORDER_NOUN = re.compile(r" (?:pesanan|pesenan|orderan|paket|kiriman)(?:ku|nya|an)?(?: (?:saya|sy|aku|gue|gw|kami))? ")
WHERE_IS_IT = re.compile(r" (?:mana|dimana|di mana|gimana|gmn|gmana|bagaimana|status\w*|dikirim|diproses|diantar|"
                         r"dianter|sampai mana|sampe mana|lacak|resi|tracking|kapan (?:dikirim|sampai|sampe|nyampe|"
                         r"datang|dateng)|udah sampai|sudah sampai|kok belum|kok lama) ")


# The tracking number asked for alone ("resinya apa kak", "no resi berapa"): no shop sells "resi".
TRACKING_NUMBER = re.compile(r" (?:no\.? |nomor |nmr |nomer |kode |cek |minta )?resi(?:nya)? ")


# "udah dikirim blm kak?", "sudah diproses belum": how far along, the order noun left out.
SENT_YET = re.compile(r" (?:udah|sudah|udh|sdh|dah|sdah) (?:di)?(?:kirim|proses|antar|anter|paketin|packing)\w* "
                      r"(?:belum|blm|blom|apa belum|apa blm|atau belum|ya|kah|kak|ka|min) ")


def asks_order_status(text: str) -> bool:
    """Whether the message asks how the customer's own order is doing."""
    words = _words(text)
    return bool(ORDER_NOUN.search(words) and WHERE_IS_IT.search(words)) or bool(SENT_YET.search(words)) or bool(
        re.search(r" status (?:order|pesan|pesen)\w* ", words)) or bool(TRACKING_NUMBER.search(words))


def handoff_request(text: str) -> str | None:
    """"complaint" or "talk" when the message asks for a person of the shop; else None."""
    words = _words(text)
    if COMPLAINT.search(words):
        return "complaint"
    if TALK.search(words):
        return "talk"
    return None


def ends_chat(text: str) -> bool:
    """Whether a customer's whole message asks to end their chat with a seller ("selesai",
    "udah kak makasih, selesai", "akhiri chat", "tutup chatnya ya min", "sudah cukup kak"): a word
    that ends it and nothing but chat around it. A question, a number or any other word ("sudah
    selesai transfer kak", "pesanan saya selesai belum?") is a message for the seller."""
    if "?" in text:
        return False
    said = normalize(text).split()
    if not said or any(ch.isdigit() for word in said for ch in word):
        return False
    noun = any(word in END_CHAT_NOUNS for word in said)
    thanked = any(word in THANKS_WORDS for word in said)
    ending = False
    for i, word in enumerate(said):
        after_done = i > 0 and said[i - 1] in END_CHAT_DONE
        if word in END_CHAT_WORDS and (word != "selesai" or not after_done or noun or thanked):
            ending = True  # "sudah selesai" alone may be the seller's errand done, not the chat
        elif word in END_CHAT_BESIDE_NOUN and noun:
            ending = True
        elif word in END_CHAT_ENOUGH and (noun or thanked or any(w in END_CHAT_DONE or w == "sekian" for w in said)):
            ending = True
        elif word not in END_CHAT_ALSO:
            return False
    return ending


def payment_named(text: str) -> str:
    """The payment method the words name ("cod aja", "pake qris", "transfer bca"), or ""."""
    words = text.lower()
    return ("cod" if any(w in words for w in ("cod", "tunai", "cash", "di tempat")) else
            "qris" if "qris" in words else
            "bank_transfer" if any(w in words for w in ("transfer", "tf", "bank", "bca", "bri", "mandiri", "bni")) else "")
