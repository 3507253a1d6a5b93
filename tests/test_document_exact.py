"""Reading files, exactly: every Dutch message of `decode` and `read_bytes`, sizes written the Dutch way,
line and column of an offset (mutation testing, issue 16: these messages were only matched on one word)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eenvoudig.document import _size, decode, read, read_bytes, read_text
from eenvoudig.errors import InputError


@pytest.mark.parametrize(("data", "encoding", "message"), [
    (b"", None, "het bestand is leeg."),
    (b" \n\t ", None, "het bestand is leeg."),
    (b"\xef\xbb\xbf \n", None, "het bestand is leeg."),
    (b"Geachte heer,\x00", None, "dit is geen tekstbestand maar een binair bestand (bijvoorbeeld een afbeelding, pdf "
                                "of zip)."),
    (b"PK\x03\x04rest", None, "dit is geen tekstbestand maar een binair bestand (bijvoorbeeld een afbeelding, pdf "
                              "of zip)."),
    (b"%PDF-1.7", None, "dit is geen tekstbestand maar een binair bestand (bijvoorbeeld een afbeelding, pdf of zip)."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1oud", None, "dit is geen tekstbestand maar een binair bestand (bijvoorbeeld "
                                                   "een afbeelding, pdf of zip)."),
    ("Wij betalen “€ 450”.".encode("cp1252"), None, "de tekst is niet opgeslagen als UTF-8, maar waarschijnlijk als "
     "Windows-1252 (cp1252). Sla het bestand op als UTF-8, of gebruik --encoding cp1252."),
    ("Wij betalen aan het café.".encode("latin-1"), None, "de tekst is niet opgeslagen als UTF-8, maar waarschijnlijk "
     "als Latin-1 (ISO-8859-1). Sla het bestand op als UTF-8, of gebruik --encoding latin-1."),
    (bytes(range(0x80, 0x100)) * 4 + b"\x01\x02\x03" * 40, None, "dit is geen tekstbestand maar een binair bestand."),
    (b"abc", "geen-codering", "kan het bestand niet lezen als geen-codering: deze codering bestaat niet."),
    (b"\xff\xff", "utf-8", "kan het bestand niet lezen als utf-8: de tekens passen daar niet bij."),
    (b"Wij betalen u nu", "utf-16-le", "dit is geen tekstbestand maar een binair bestand (of een "
                                                      "andere tekencodering)."),
], ids=lambda v: repr(v)[:24] if isinstance(v, bytes) else None)
def test_decode_messages(data: bytes, encoding: str | None, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "brief.txt", encoding)
    assert str(info.value) == f"brief.txt: {message}"


def test_decode_good_text() -> None:
    assert decode(b"\xef\xbb\xbfWij\r\nbetalen\rnu.", "b") == "Wij\nbetalen\nnu."
    assert decode("Wij betalen.".encode("utf-16"), "b") == "Wij betalen."       # a BOM: UTF-16
    assert decode("Γειά σου κόσμε, καλημέρα".encode(), "b") == "Γειά σου κόσμε, καλημέρα"   # UTF-8: any script
    assert decode("café".encode("cp1252"), "b", "cp1252") == "café"


@pytest.mark.parametrize(("n", "text"), [
    (0, "1 kB"), (1, "1 kB"), (1536, "2 kB"), (10 * 1024, "10 kB"), (1048575, "1024 kB"),
    (1048576, "1 MB"), (1572864, "1,5 MB"), (10 * 1048576, "10 MB"), (10 * 1048576 + 1, "10 MB"),
])
def test_sizes_the_dutch_way(n: int, text: str) -> None:
    assert _size(n) == text


def test_read_bytes_messages(tmp_path: Path) -> None:
    big = tmp_path / "groot.txt"
    big.write_bytes(b"a" * 3000)
    with pytest.raises(InputError) as info:
        read_bytes(big, max_bytes=2048)
    assert str(info.value) == (f"{big}: het bestand is te groot (3 kB; de grens is 2 kB). Stel een andere grens in "
                               "met max-file-mb in de configuratie (eenvoudig.toml).")
    with pytest.raises(InputError) as info:
        read_bytes(tmp_path, max_bytes=10)
    assert str(info.value) == f"{tmp_path}: dit is een map, geen bestand."
    with pytest.raises(InputError) as info:
        read_bytes(tmp_path / "weg.txt")
    assert str(info.value) == f"{tmp_path / 'weg.txt'}: dit bestand bestaat niet."
    assert read_bytes(big, max_bytes=3000) == b"a" * 3000


def test_read_refuses_a_file_without_text(tmp_path: Path) -> None:
    f = tmp_path / "leeg.html"
    f.write_text("<html><body><p> </p></body></html>\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(f)
    assert str(info.value) == f"{f}: er staat geen tekst in dit bestand."


def test_read_text_kinds_and_positions() -> None:
    with pytest.raises(ValueError) as info:
        read_text("x", kind="docx")
    assert str(info.value) == "kind moet 'txt', 'md' of 'html' zijn, niet 'docx'."
    with pytest.raises(InputError) as info:
        read_text("Wij \ud800 betalen.")
    assert str(info.value) == ("<tekst>: de tekst bevat ongeldige tekens (losse UTF-16-surrogaten); die kunnen in "
                               "geen enkel bestand staan. Haal ze weg en probeer het opnieuw.")
    doc = read_text("Eerste regel.\r\nTweede regel.\rDerde.")
    assert doc.source == "Eerste regel.\nTweede regel.\nDerde."
    assert [doc.position(i) for i in (0, 13, 14, 27, 28, 33)] == [(1, 1), (1, 14), (2, 1), (2, 14), (3, 1), (3, 6)]
