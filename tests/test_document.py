"""Readers: .txt, .md, .html, .docx and stdin into one Document with scopes and offsets; bad input."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest

from eenvoudig.document import Document, read, read_text
from eenvoudig.errors import InputError

from conftest import LETTERS


def scopes(doc: Document) -> list[tuple[str, str]]:
    return [(b.scope, " ".join(b.text.split())) for b in doc.blocks]


def locate(doc: Document, word: str, nth: int = 0) -> tuple[int, int]:
    """Return the source (line, column) of the nth occurrence of `word` in the blocks' text."""
    hits = [(b, m.start()) for b in doc.blocks for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", b.text)]
    block, i = hits[nth]
    return doc.position(block.source_offset(i))


def source_at(source: str, line: int, column: int, n: int) -> str:
    return source.split("\n")[line - 1][column - 1:column - 1 + n]


# ------------------------------------------------------------------------------------------- .txt


def test_txt_letter_scopes(documents) -> None:
    doc = documents["b1-eenvoudig"]
    got = scopes(doc)
    assert doc.kind == "txt"
    assert ("salutation", "Geachte mevrouw De Vries,") in got
    assert ("heading", "Wat hebben wij besloten?") in got
    assert ("closing", "Met vriendelijke groet,") in got
    assert ("closing", "J. Bakker") in got or ("closing", "J. Bakker Consulent Werk en Inkomen") in got
    assert [t for s, t in got if s == "list_item"] == [
        "uw naam en adres", "de datum", "het kenmerk van deze brief: WI/2027/01234",
        "waarom u het niet eens bent met het besluit", "uw handtekening"]
    # the address, date and kenmerk above the salutation are meta, not text to score
    sal = next(i for i, b in enumerate(doc.blocks) if b.scope == "salutation")
    assert {b.scope for b in doc.blocks[:sal]} == {"meta"}
    assert doc.subject == "U krijgt geld voor een wasmachine en een bed"


def test_officialese_letter_scopes(documents) -> None:
    got = scopes(documents["terugvordering-bijstand"])
    for heading in ("Besluit", "Motivering", "Betalingsregeling", "Bezwaar"):
        assert ("heading", heading) in got
    assert ("salutation", "Geachte heer Bulut,") in got
    assert got[-1][0] == "closing"
    assert sum(s == "paragraph" for s, _ in got) == 7


def test_blocks_keep_their_text() -> None:
    doc = read_text("Geachte heer Jansen,\n\nWij hebben uw aanvraag ontvangen.\nU krijgt geld.\n\nMet vriendelijke groet,")
    assert scopes(doc) == [("salutation", "Geachte heer Jansen,"),
                           ("paragraph", "Wij hebben uw aanvraag ontvangen. U krijgt geld."),
                           ("closing", "Met vriendelijke groet,")]
    assert doc.text == "Geachte heer Jansen,\n\nWij hebben uw aanvraag ontvangen.\nU krijgt geld.\n\nMet vriendelijke groet,"


def test_heading_without_blank_line_is_its_own_block() -> None:
    doc = read_text("Besluit\nU krijgt € 450,00 van ons.\n\nWat moet u doen\nStuur de bonnen op.")
    assert scopes(doc) == [("heading", "Besluit"), ("paragraph", "U krijgt € 450,00 van ons."),
                           ("heading", "Wat moet u doen"), ("paragraph", "Stuur de bonnen op.")]


def test_salutation_without_blank_line_is_its_own_block() -> None:
    doc = read_text("Geachte heer Jansen,\nWij hebben uw aanvraag ontvangen.\n\nMet vriendelijke groet,\nJ. Bakker")
    assert scopes(doc)[:2] == [("salutation", "Geachte heer Jansen,"),
                               ("paragraph", "Wij hebben uw aanvraag ontvangen.")]


def test_hard_wrapped_paragraph_stays_one_block() -> None:
    text = ("Op 3 maart sprak u met mevrouw\nDe Vries over uw aanvraag en wij\nhebben die goed bekeken.\n\n"
            "Met vriendelijke groet,")
    assert scopes(read_text(text))[0] == (
        "paragraph", "Op 3 maart sprak u met mevrouw De Vries over uw aanvraag en wij hebben die goed bekeken.")


def test_one_paragraph_per_line_without_blank_lines() -> None:
    text = ("Geachte heer Jansen,\nWij hebben uw aanvraag ontvangen. U krijgt geld.\nWat moet u doen?\n"
            "Stuur de bonnen op en\nbel ons daarna.\nMet vriendelijke groet,\nJ. Bakker")
    assert scopes(read_text(text)) == [
        ("salutation", "Geachte heer Jansen,"),
        ("paragraph", "Wij hebben uw aanvraag ontvangen. U krijgt geld."),
        ("heading", "Wat moet u doen?"),
        ("paragraph", "Stuur de bonnen op en bel ons daarna."),  # a lower-case line continues the one before
        ("closing", "Met vriendelijke groet,"),
        ("closing", "J. Bakker"),
    ]


def test_bullets_and_numbered_items() -> None:
    doc = read_text("Stuur ons:\n- uw loonstrook\n* uw huurcontract\n• een bankafschrift\n1. eerst dit\n2) dan dat")
    assert scopes(doc) == [("paragraph", "Stuur ons:"), ("list_item", "uw loonstrook"),
                           ("list_item", "uw huurcontract"), ("list_item", "een bankafschrift"),
                           ("list_item", "eerst dit"), ("list_item", "dan dat")]


def test_windows_line_ends_and_bom(tmp_path: Path) -> None:
    f = tmp_path / "brief.txt"
    f.write_bytes("\ufeffGeachte heer Jansen,\r\n\r\nWij betalen u.\r\n".encode("utf-8"))
    doc = read(f)
    assert scopes(doc) == [("salutation", "Geachte heer Jansen,"), ("paragraph", "Wij betalen u.")]


# -------------------------------------------------------------------------------------------- .md

MARKDOWN = """# Uw aanvraag bijzondere bijstand

Geachte heer Jansen,

Wij hebben uw **aanvraag** ontvangen. Lees [onze website](https://voorbeeldstad.nl) voor *meer* uitleg.
![logo](logo.png)Dit is `code`.

## Wat moet u doen?

- Stuur de **bonnen** op.
- Bel ons.

1. Eerst dit.
2. Dan dat.

Met vriendelijke groet,
"""


def test_markdown_headings_lists_and_inline_markup(tmp_path: Path) -> None:
    f = tmp_path / "brief.md"
    f.write_text(MARKDOWN, encoding="utf-8")
    doc = read(f)
    assert doc.kind == "md"
    assert scopes(doc) == [
        ("heading", "Uw aanvraag bijzondere bijstand"),
        ("salutation", "Geachte heer Jansen,"),
        ("paragraph", "Wij hebben uw aanvraag ontvangen. Lees onze website voor meer uitleg. Dit is code."),
        ("heading", "Wat moet u doen?"),
        ("list_item", "Stuur de bonnen op."),
        ("list_item", "Bel ons."),
        ("list_item", "Eerst dit."),
        ("list_item", "Dan dat."),
        ("closing", "Met vriendelijke groet,"),
    ]
    assert doc.subject == "Uw aanvraag bijzondere bijstand"


@pytest.mark.parametrize(("word", "nth"), [("aanvraag", 1), ("onze", 0), ("meer", 0), ("bonnen", 0), ("code", 0),
                                           ("Dan", 0), ("Wat", 0), ("bijzondere", 0)])
def test_markdown_offsets_point_into_the_source(tmp_path: Path, word: str, nth: int) -> None:
    f = tmp_path / "brief.md"
    f.write_text(MARKDOWN, encoding="utf-8")
    line, col = locate(read(f), word, nth)
    assert source_at(f.read_text("utf-8"), line, col, len(word)) == word


def test_markdown_heading_directly_above_text() -> None:
    doc = read_text("## Besluit\nU krijgt geld.", kind="md")
    assert scopes(doc) == [("heading", "Besluit"), ("paragraph", "U krijgt geld.")]


# ------------------------------------------------------------------------------------------ .html

HTML = """<!DOCTYPE html>
<html lang="nl">
<head>
  <title>Uw  aanvraag
     bijstand</title>
  <style>p { color: red; }</style>
  <script>var aanhef = "Geachte lezer, dit is geen tekst.";</script>
</head>
<body>
<h1>Besluit over uw aanvraag</h1>
<p>Geachte mevrouw De Vries,</p>
<p>Wij betalen &euro;&nbsp;450,00 &amp; de kosten van het caf&eacute;. Dat is &#233;&#233;n bedrag.</p>
<h2>Wat moet u doen?</h2>
<ul>
  <li>Stuur de <b>bonnen</b> op.</li>
  <li>Bel ons<br>op werkdagen.</li>
</ul>
<noscript>Zet JavaScript aan.</noscript>
<p>Met vriendelijke groet,</p>
<p>J. Bakker</p>
</body>
</html>
"""


def test_html_blocks_entities_and_skipped_tags(tmp_path: Path) -> None:
    f = tmp_path / "brief.html"
    f.write_text(HTML, encoding="utf-8")
    doc = read(f)
    assert doc.kind == "html"
    assert doc.subject == "Uw aanvraag bijstand"
    assert scopes(doc) == [
        ("heading", "Besluit over uw aanvraag"),
        ("salutation", "Geachte mevrouw De Vries,"),
        ("paragraph", "Wij betalen € 450,00 & de kosten van het café. Dat is één bedrag."),
        ("heading", "Wat moet u doen?"),
        ("list_item", "Stuur de bonnen op."),
        ("list_item", "Bel ons op werkdagen."),
        ("closing", "Met vriendelijke groet,"),
        ("closing", "J. Bakker"),
    ]
    assert "JavaScript" not in doc.text and "color" not in doc.text and "lezer" not in doc.text


@pytest.mark.parametrize(("word", "source_word"), [("bonnen", "bonnen"), ("kosten", "kosten"), ("Dat", "Dat"),
                                                   ("bedrag", "bedrag"), ("werkdagen", "werkdagen"),
                                                   ("café", "caf&eacute;"), ("Besluit", "Besluit")])
def test_html_offsets_point_into_the_source(tmp_path: Path, word: str, source_word: str) -> None:
    f = tmp_path / "brief.html"
    f.write_text(HTML, encoding="utf-8")
    line, col = locate(read(f), word)
    assert source_at(HTML, line, col, len(source_word)) == source_word


# ------------------------------------------------------------------------------------------ .docx


def write_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("Uw aanvraag bijzondere bijstand", level=1)          # paragraph 1
    d.add_paragraph("Geachte mevrouw De Vries,")                         # 2
    d.add_paragraph("Wij hebben uw aanvraag ontvangen. U krijgt het geld binnen twee weken.")  # 3
    d.add_paragraph("")                                                  # 4 (empty)
    d.add_paragraph("Stuur de bonnen op.", style="List Bullet")         # 5
    d.add_paragraph("Bel ons bij vragen.", style="List Number")         # 6
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Bedrag per maand"                          # 7
    table.cell(0, 1).text = "U krijgt € 450,00 op uw rekening."          # 8
    d.add_paragraph("Met vriendelijke groet,")                           # 9
    d.add_paragraph("J. Bakker")                                         # 10
    d.save(path)
    return path


def test_docx_reader(tmp_path: Path) -> None:
    doc = read(write_docx(tmp_path / "brief.docx"))
    assert doc.kind == "docx"
    assert doc.subject == "Uw aanvraag bijzondere bijstand"
    got = [(b.scope, b.text, b.paragraph) for b in doc.blocks]
    assert got[:5] == [
        ("heading", "Uw aanvraag bijzondere bijstand", 1),
        ("salutation", "Geachte mevrouw De Vries,", 2),
        ("paragraph", "Wij hebben uw aanvraag ontvangen. U krijgt het geld binnen twee weken.", 3),
        ("list_item", "Stuur de bonnen op.", 5),
        ("list_item", "Bel ons bij vragen.", 6),
    ]
    # table cells are read in reading order, each with its own paragraph number
    assert ("U krijgt € 450,00 op uw rekening.", 8) in [(t, p) for _, t, p in got]
    assert got[-2:] == [("closing", "Met vriendelijke groet,", 9), ("closing", "J. Bakker", 10)]


@pytest.mark.parametrize(("word", "paragraph", "column"), [("ontvangen", 3, 24), ("twee", 3, 60), ("bonnen", 5, 10),
                                                           ("rekening", 8, 25), ("Bakker", 10, 4)])
def test_docx_position_is_paragraph_and_column(tmp_path: Path, word: str, paragraph: int, column: int) -> None:
    import docx

    f = write_docx(tmp_path / "brief.docx")
    line, col = locate(read(f), word)
    assert (line, col) == (paragraph, column)
    # and python-docx itself finds the word there (tables in reading order, as Word shows them)
    d = docx.Document(str(f))
    paragraphs = [p.text for p in d.paragraphs[:6]] + [c.text for c in d.tables[0].rows[0].cells] + \
        [p.text for p in d.paragraphs[6:]]
    assert paragraphs[line - 1][col - 1:col - 1 + len(word)] == word


# ------------------------------------------------------------------------------------------ stdin


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin("Geachte heer Jansen,\n\nWij betalen u € 25,-.\n".encode()))
    doc = read("-")
    assert doc.path == "-"
    assert scopes(doc) == [("salutation", "Geachte heer Jansen,"), ("paragraph", "Wij betalen u € 25,-.")]


def test_stdin_empty(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    with pytest.raises(InputError, match="leeg"):
        read("-")


def test_stdin_too_big(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"Wij betalen u. " * 1000))
    with pytest.raises(InputError, match="groter dan"):
        read("-", max_bytes=1000)


# ------------------------------------------------------------------------------------- offsets


@pytest.mark.parametrize(("name", "word", "nth"), [
    ("b1-eenvoudig", "wasmachine", 0), ("b1-eenvoudig", "NL91ABNA0417164300", 0), ("b1-eenvoudig", "handtekening", 0),
    ("b1-eenvoudig", "info@voorbeeldstad.nl", 0), ("terugvordering-bijstand", "onverwijld", 0),
    ("terugvordering-bijstand", "€ 1.842,36", 0), ("demo", "Teneinde", 0), ("demo", "zienswijze", 0),
    ("uitnodiging-heronderzoek", "huurovereenkomst", 0),
])
def test_txt_offsets_point_into_the_source(documents, name: str, word: str, nth: int) -> None:
    doc = documents[name]
    line, col = locate(doc, word, nth)
    source = LETTERS[name].read_text("utf-8")
    assert source_at(source, line, col, len(word)) == word
    assert doc.source == source


# ------------------------------------------------------------------------------------- bad input


def _docx_bytes(tmp_path: Path) -> bytes:
    return write_docx(tmp_path / "goed.docx").read_bytes()


def _zip_of_junk() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hallo.txt", "dit is geen Word-bestand")
    return buf.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

BAD = [
    ("leeg.txt", lambda tmp: b"", "leeg"),
    ("spaties.txt", lambda tmp: b"  \n\t\n   \r\n", "leeg"),
    ("plaatje.txt", lambda tmp: PNG, "binair"),
    ("plaatje.png", lambda tmp: PNG, "binair"),
    ("nul.txt", lambda tmp: b"Geachte heer,\x00\x00Wij betalen.", "binair"),
    ("windows.txt", lambda tmp: "Wij betalen “€ 450” aan u.".encode("cp1252"), "cp1252"),
    ("latijn.txt", lambda tmp: "Wij betalen 450 euro aan het café.".encode("latin-1"), "Latin-1"),
    ("junk.docx", lambda tmp: _zip_of_junk(), "geen geldig Word-bestand"),
    ("half.docx", lambda tmp: _docx_bytes(tmp)[:1500], "Word-bestand"),
    ("tekst.docx", lambda tmp: b"Dit is gewoon tekst, geen Word.", "Word-bestand"),
    ("leeg.docx", lambda tmp: b"", "leeg"),
    ("oud.doc", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".docx"),
    ("brief.pdf", lambda tmp: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
]


@pytest.mark.parametrize(("name", "make", "cause"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_a_dutch_input_error(tmp_path: Path, name: str, make, cause: str) -> None:
    f = tmp_path / name
    f.write_bytes(make(tmp_path))
    with pytest.raises(InputError) as info:
        read(f)
    message = str(info.value)
    assert str(f) in message
    assert cause in message
    assert "\n" not in message


def test_a_docx_with_a_password_or_an_old_doc_named_docx_says_so(tmp_path: Path) -> None:
    # new user, 2026-12-03: both said "beschadigd of iets anders"; a password is common for letters with personal data
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    locked = tmp_path / "beveiligd.docx"
    locked.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64)
    with pytest.raises(InputError) as info:
        read(locked)
    assert str(info.value) == (f"{locked}: dit Word-bestand is beveiligd met een wachtwoord, dus eenvoudig kan het niet "
                               "lezen. Haal het wachtwoord weg in Word (Bestand, Info, Document beveiligen) en probeer "
                               "het opnieuw.")
    old = tmp_path / "oud.docx"
    old.write_bytes(ole + "WordDocument".encode("utf-16-le") + b"\x00" * 64)
    with pytest.raises(InputError) as info:
        read(old)
    assert str(info.value) == (f"{old}: dit is een bestand in de oude Word-indeling (.doc), met .docx in de naam. Sla "
                               "het in Word op als Word-document (.docx) en probeer het opnieuw.")


def test_empty_docx_document(tmp_path: Path) -> None:
    import docx

    f = tmp_path / "leeg.docx"
    docx.Document().save(f)
    with pytest.raises(InputError, match="geen tekst"):
        read(f)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="map") as info:
        read(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    f = tmp_path / "bestaat-niet.txt"
    with pytest.raises(InputError, match="bestaat niet") as info:
        read(f)
    assert str(f) in str(info.value)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    f = tmp_path / "groot.txt"
    f.write_bytes(b"Wij betalen u het geld. " * 100_000)  # 2,3 MB
    with pytest.raises(InputError) as info:
        read(f, max_bytes=1024 * 1024)
    message = str(info.value)
    assert str(f) in message and "te groot" in message and "2,3 MB" in message
    assert "max-file-mb" in message  # names the setting that raises the limit
    assert read(f, max_bytes=3 * 1024 * 1024).blocks  # a higher limit reads it


def test_explicit_encoding_reads_cp1252(tmp_path: Path) -> None:
    f = tmp_path / "windows.txt"
    f.write_bytes("Wij betalen “€ 450” aan het café.".encode("cp1252"))
    assert read(f, encoding="cp1252").text == "Wij betalen “€ 450” aan het café."
    with pytest.raises(InputError, match="utf-8"):
        read(f, encoding="utf-8")


def test_utf16_with_byte_order_mark(tmp_path: Path) -> None:
    f = tmp_path / "unicode.txt"
    f.write_bytes("Geachte heer Jansen,\r\n\r\nWij betalen u.".encode("utf-16"))
    assert scopes(read(f)) == [("salutation", "Geachte heer Jansen,"), ("paragraph", "Wij betalen u.")]


def test_utf16_junk_and_random_bytes_are_binary(tmp_path) -> None:
    """A byte-order mark followed by junk, or random bytes without NUL, are not letters."""
    import random

    from eenvoudig.document import read
    from eenvoudig.errors import InputError

    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\xff\xfe\x00garbage")
    rnd = tmp_path / "random.txt"
    rng = random.Random(7)
    rnd.write_bytes(bytes(rng.randrange(1, 256) for _ in range(3000)))
    for path in (junk, rnd):
        with pytest.raises(InputError, match="binair bestand"):
            read(path)
    good = tmp_path / "unicode.txt"
    good.write_bytes("Beste meneer Çelik, wij helpen u graag.".encode("utf-16"))
    assert "Çelik" in read(good).text


def test_header_field_with_sentences_is_checked() -> None:
    from eenvoudig.document import read_text

    doc = read_text("Datum: 12 maart 2027\nOns kenmerk: WI/1\n\nDatum: 1 mei 2027. Wij verzoeken u de nota te sturen.\n")
    assert [b.scope for b in doc.blocks][-1] == "paragraph" and set([b.scope for b in doc.blocks][:-1]) == {"meta"}


def test_empty_html_is_an_empty_file(tmp_path) -> None:
    from eenvoudig.document import read
    from eenvoudig.errors import InputError

    f = tmp_path / "leeg.html"
    f.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="geen tekst"):
        read(f)


def test_markdown_table_cells_are_separate_pieces() -> None:
    from eenvoudig.document import read_text

    text = "Dit betaalt u:\n\n| Wat | Bedrag |\n|-----|--------|\n| Leges ten behoeve van de pas | € 10,00 |\n"
    doc = read_text(text, kind="md")
    cells = [b.text for b in doc.blocks[1:]]
    assert cells == ["Wat", "Bedrag", "Leges ten behoeve van de pas", "€ 10,00"]
    b = doc.blocks[3]
    assert text[b.source_offset(0):b.source_offset(0) + 5] == "Leges"


def test_docx_places_name_body_paragraphs_and_table_cells(tmp_path) -> None:
    import docx

    from eenvoudig.document import read

    d = docx.Document()
    d.add_paragraph("Geachte heer Jansen,")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Wat"
    table.cell(0, 1).text = "Bedrag"
    table.cell(1, 0).text = "Leges voor de nieuwe pas van de gemeente."
    table.cell(1, 1).text = "€ 10,00"
    table.cell(0, 0).merge(table.cell(0, 1))  # a merged cell is read once
    d.add_paragraph("Met vriendelijke groet,")
    d.save(tmp_path / "brief.docx")
    doc = read(tmp_path / "brief.docx")
    places = [b.place for b in doc.blocks]
    assert places[0] == "alinea 1" and places[-1] == "alinea 2"
    assert "tabel 1, rij 2, kolom 1" in places and "tabel 1, rij 2, kolom 2" in places
    assert sum(b.text == "Wat" for b in doc.blocks) == 1
