"""Every form a seller's spreadsheet saves a catalog in is read, and every refusal names its line
and what to write instead; no file, whatever it holds, gets past without a clear answer."""

from __future__ import annotations

import codecs

import pytest

from catalog.importer import ImportError_, parse_file, parse_text

HEADER = "sku,name,category,price,stock,description,image_url\n"


@pytest.mark.parametrize("price, amount", [
    ("85000", 85000), ("85.000", 85000), ("Rp85.000", 85000), ("Rp 85.000", 85000), ("rp. 85.000", 85000),
    ("85rb", 85000), ("85 ribu", 85000), ("85k", 85000), ("1,5jt", 1500000), ("2 juta", 2000000),
    ("1.500.000", 1500000), ("Rp85.000,00", 85000), ("IDR 85.000", 85000),
])
def test_every_price_form_is_read_as_whole_rupiah(price, amount):
    [row] = parse_text(HEADER + f'BTK-1,Kain Batik,Kain,"{price}",3,,\n').rows
    assert row.price == amount


@pytest.mark.parametrize("price", ["85.5", "abc", "-5000", "0", "Rp", "", "12 pcs", "85.000.5"])
def test_a_price_that_is_not_whole_rupiah_is_refused_with_the_forms_to_write(price):
    with pytest.raises(ImportError_) as caught:
        parse_text(HEADER + f'BTK-1,Kain Batik,Kain,"{price}",3,,\n')
    [error] = caught.value.errors
    assert error.startswith("line 2 (BTK-1): price") and "85.000, Rp85.000, 85rb or 1,5jt" in error


def test_semicolons_as_excel_writes_them_in_an_indonesian_locale():
    text = "sku;name;category;price;stock;description;image_url\nBTK-1;Kain Batik, Parang;Kain;Rp150.000;5;;\n"
    parsed = parse_text(text)
    assert parsed.separator == ";" and [(r.name, r.price) for r in parsed.rows] == [("Kain Batik, Parang", 150000)]


def test_indonesian_column_names_in_any_order_and_optional_columns_left_out():
    parsed = parse_text("Nama Produk;Kode;Stok;Harga;Tampil\nKemeja Batik;KMJ-1;5;150rb;tidak\n")
    [row] = parsed.rows
    assert (row.sku, row.name, row.price, row.stock, row.category, row.visible) == (
        "KMJ-1", "Kemeja Batik", 150000, 5, "Lainnya", False)


def test_a_quoted_value_spanning_lines_keeps_the_line_numbers_of_later_rows_right():
    text = HEADER + 'A1,Satu,K,1000,1,"baris satu\nbaris dua",\nA2,Dua,K,1.5,1,,\n'
    with pytest.raises(ImportError_) as caught:
        parse_text(text)
    assert caught.value.errors[0].startswith("line 4 (A2): price '1.5'")


@pytest.mark.parametrize("text, error", [
    (HEADER + "A1,Kain,K,1000,1,,,extra\n", "line 2: 8 values but 7 columns: a value with a comma in it needs double quotes"),
    (HEADER + "A1,Kain,K,1000,1,,\nA1,Kain,K,1000,1,,\n", "line 3: sku A1 is on line 2 too"),
    (HEADER + ",Kain,K,1000,1,,\n", "line 2: sku is empty: write a code of your own"),
    (HEADER + "A1,Kain,K,1000,dua,,\n", "line 2 (A1): stock 'dua' is not a whole number"),
    ("sku,name,price,stok,harag\nA1,a,1000,1,2\n", "line 1: unknown column 'harag'"),
    ("sku,name,price\nA1,a,1000\n", "line 1: the header lacks stock"),
    ("\n\n", "the file has no header row"),
])
def test_each_refusal_names_its_line_and_what_to_write(text, error):
    with pytest.raises(ImportError_) as caught:
        parse_text(text)
    assert any(e.startswith(error) for e in caught.value.errors), caught.value.errors


def test_every_bad_row_is_listed_not_just_the_first():
    with pytest.raises(ImportError_) as caught:
        parse_text(HEADER + "A1,Kain,K,abc,1,,\nA2,Kain 2,K,1000,1,,\nA3,,K,1000,-2,,\n")
    assert [e.split(":")[0] for e in caught.value.errors] == ["line 2 (A1)", "line 4 (A3)"]
    assert "name is empty" in caught.value.errors[1] and "stock '-2' is negative" in caught.value.errors[1]


@pytest.mark.parametrize("encoding, said", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16"),
                                            ("cp1252", "Windows-1252")])
def test_the_encodings_excel_saves_are_read_and_named(tmp_path, encoding, said):
    path = tmp_path / "katalog.csv"
    path.write_bytes((HEADER + "A1,Kain “Parang” Café,Kain,85.000,3,,\n").encode(encoding))
    parsed = parse_file(path)
    assert parsed.encoding == said and parsed.rows[0].name == "Kain “Parang” Café"


def test_bytes_windows_1252_leaves_undefined_are_read_as_latin_1(tmp_path):
    path = tmp_path / "katalog.csv"
    path.write_bytes(HEADER.encode() + b"A1,Kain \x81 Caf\xe9,Kain,85000,3,,\n")
    parsed = parse_file(path)
    assert parsed.encoding == "Latin-1" and parsed.rows[0].name == "Kain \x81 Café"


@pytest.mark.parametrize("content, said", [
    (None, "no such file"),
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (b"PK\x03\x04\x14\x00\x06\x00 workbook", "this is an Excel workbook (.xlsx), not a CSV"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "not a text file"),
    (codecs.BOM_UTF8 + b"sku,name\n\xff\xfe", "starts like UTF-8 with BOM but is not"),
])
def test_a_file_that_is_no_catalog_is_refused_with_what_to_do(tmp_path, content, said):
    path = tmp_path / "katalog.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportError_) as caught:
        parse_file(path)
    assert said in caught.value.errors[0]


def test_a_directory_or_a_huge_file_is_refused(tmp_path):
    with pytest.raises(ImportError_, match="not a file"):
        parse_file(tmp_path)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as f:
        f.write(HEADER.encode())
        f.truncate(11 * 1024 * 1024)
    with pytest.raises(ImportError_, match="too big for a catalog"):
        parse_file(huge)
