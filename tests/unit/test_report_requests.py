"""Reports and charts asked for by chat, through the pure routing: which period the words
name, a document and a picture named for the delivery to make, the chart's caption naming the
best day, and the words that stay the text recap or something else."""

from __future__ import annotations

from datetime import date

from tests.seller_support import MemoryDesk, SellerChat
from tests.support import NOW


def attachments(chat: SellerChat) -> list:
    return [r.attachment for r in chat.last if r.attachment is not None]


def test_laporan_bulan_ini_names_the_months_pdf_and_its_chart():
    chat = SellerChat()
    chat.send("laporan bulan ini")
    document, picture = attachments(chat)
    month = NOW.strftime("%Y-%m")
    assert (document.kind, document.content_type, document.render["what"], document.render["month"]) == \
        ("document", "application/pdf", "report", month)
    assert document.filename == f"Laporan-Keuangan-{month}.pdf" and document.path is None
    assert picture.kind == "image" and picture.render["what"] == "chart"
    assert picture.render["days"][0][0] == f"{month}-01"
    assert "Laporan Keuangan" in chat.text and "tanpa ongkir" in chat.text


def test_month_names_and_last_month_pick_their_months():
    chat = SellerChat()  # NOW is in November 2026
    for said, month in (("laporan Oktober", "2026-10"), ("rekap bulan lalu", "2026-10"), ("laba rugi", "2026-11"),
                        ("laporan des 2025", "2025-12"), ("laporan desember", "2025-12"),
                        ("laporan keuangan bulan lalu", "2026-10"), ("Laba rugi September", "2026-09")):
        chat.send(said)
        assert attachments(chat)[0].render["month"] == month, said


def test_a_month_not_begun_is_refused_in_words():
    chat = SellerChat()
    chat.send("laporan desember 2027")
    assert attachments(chat) == [] and "belum mulai" in chat.text


def test_grafik_sends_a_picture_with_the_best_day_named():
    chat = SellerChat(desk=MemoryDesk(sales={date(2026, 11, 20): 150_000, date(2026, 11, 21): 400_000}))
    chat.send("grafik minggu ini")
    [picture] = attachments(chat)
    days = picture.render["days"]
    assert len(days) == 7 and (days[0][0], days[-1][0]) == ("2026-11-17", "2026-11-23")
    assert "Hari terbaik Sabtu, 21 November (Rp400.000)" in chat.text
    chat.send("grafik penjualan")
    assert attachments(chat)[0].render["days"][0][0] == "2026-11-01"


def test_the_text_recap_and_other_laporan_words_are_left_alone():
    chat = SellerChat()
    for said in ("rekap", "rekap bulan ini", "laporan", "rekap minggu ini", "laporan broadcast",
                 "rekap kemarin", "laporan kemarin", "laporan hari ini", "..."):
        chat.send(said)
        assert attachments(chat) == [], said


def test_an_attachment_travels_in_the_outbox_payload_and_the_simulator_links_a_document():
    from bot.channels.simulator import reply_json
    from conversations.base import Attachment
    from effects.outbox import Outbound

    chat = SellerChat()
    chat.send("laporan Oktober")
    out = Outbound.reply("simulator", "penjual", chat.last[0])
    back = Outbound.from_row("simulator", "penjual", out.payload())
    assert back.attachment == out.attachment and back.attachment.render["month"] == "2026-10"
    assert "attachment" not in Outbound("simulator", "x", "halo").payload()  # other rows unchanged
    made = Outbound("simulator", "penjual", "📄 Laporan", attachment=Attachment(
        "document", "Laporan-Keuangan-2026-10.pdf", "application/pdf", path="/x/abc.pdf", url="/media/files/abc.pdf"))
    shown = reply_json(made)
    assert shown["document_url"] == "/media/files/abc.pdf" and shown["text"].endswith("/media/files/abc.pdf")


def test_the_month_shortened_and_pembukuan_ask_for_the_months_report():
    chat = SellerChat()
    for said in ("laporan bln ini", "pembukuan bulan ini", "lap bln ini"):
        chat.send(said)
        assert attachments(chat)[0].render["month"] == NOW.strftime("%Y-%m"), said
    chat.send("pembukuan")  # alone: the money the seller wrote down, as before
    assert not attachments(chat) and "catatan keuangan" in chat.text.lower()
