"""Edits in .docx table cells land in their own cell, and the paragraphs after the table stay whole.

The bug this pins (issue 16): an edit in a table cell was dropped or written one paragraph off, so the
paragraph after the table read "Wij Als uw brief …" while the command said it was done (exit 0).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

import eenvoudig
from eenvoudig.document import read_docx_bytes
from eenvoudig.rewriting import Edit
from eenvoudig.rewriting.docx import edit_docx


def _letter() -> bytes:
    d = docx.Document()
    d.add_paragraph("Geachte heer Bakker,")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Indien u vragen heeft"
    table.cell(0, 1).text = "bel 14 020"
    table.cell(1, 0).text = "Wij hebben reeds betaald"
    table.cell(1, 1).text = "€ 450,00"
    d.add_paragraph("Als uw brief te laat is, bellen wij u.")
    d.add_paragraph("Met vriendelijke groet,")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _texts(data: bytes) -> tuple[list[str], list[list[str]]]:
    d = docx.Document(io.BytesIO(data))
    return [p.text for p in d.paragraphs], [[c.text for c in row.cells] for row in d.tables[0].rows]


def test_source_reads_cells_in_order() -> None:
    doc = read_docx_bytes(_letter(), "brief.docx")
    assert doc.source == ("Geachte heer Bakker,\nIndien u vragen heeft\nbel 14 020\nWij hebben reeds betaald\n"
                          "€ 450,00\nAls uw brief te laat is, bellen wij u.\nMet vriendelijke groet,")


def test_edits_in_cells_are_written_in_their_cell() -> None:
    data = _letter()
    source = read_docx_bytes(data, "brief.docx").source
    first = source.index("Indien")
    second = source.index("reeds")
    edits = [Edit(first, first + 6, "Indien", "Als", "lexicon.ambtelijk", True),
             Edit(second, second + 5, "reeds", "al", "lexicon.ambtelijk", True)]
    out = edit_docx(data, edits)
    assert out.written == tuple(edits) and out.skipped == ()
    paragraphs, cells = _texts(out.data)
    assert cells == [["Als u vragen heeft", "bel 14 020"], ["Wij hebben al betaald", "€ 450,00"]]
    assert paragraphs == ["Geachte heer Bakker,", "Als uw brief te laat is, bellen wij u.", "Met vriendelijke groet,"]


def test_an_edit_that_does_not_match_its_cell_is_skipped_not_written_elsewhere() -> None:
    data = _letter()
    source = read_docx_bytes(data, "brief.docx").source
    at = source.index("Wij hebben")
    wrong = Edit(at, at + 3, "Jij", "U", "lexicon.ambtelijk", True)
    out = edit_docx(data, [wrong])
    assert out.written == () and [(s.place, s.reason) for s in out.skipped] == [("tabel 1, rij 2, kolom 1", "tekst")]
    assert _texts(out.data) == _texts(data)


def test_rewrite_a_docx_with_a_table_on_the_command_line(run_main, tmp_path: Path) -> None:
    src = tmp_path / "brief.docx"
    src.write_bytes(_letter())
    out = tmp_path / "uit.docx"
    result = run_main("rewrite", str(src), "-o", str(out), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    paragraphs, cells = _texts(out.read_bytes())
    assert cells == [["Als u vragen heeft", "bel 14 020"], ["Wij hebben al betaald", "€ 450,00"]]
    assert paragraphs == ["Geachte heer Bakker,", "Als uw brief te laat is, bellen wij u.", "Met vriendelijke groet,"]
    assert read_docx_bytes(out.read_bytes(), "brief.docx").source == eenvoudig.rewrite(
        eenvoudig.analyze(eenvoudig.read(src))).text


def _plain(*paragraphs: str, tab_in: int | None = None) -> bytes:
    d = docx.Document()
    for i, text in enumerate(paragraphs):
        p = d.add_paragraph(text)
        if i == tab_in:
            p.add_run().add_tab()
            p.add_run("na de tab")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_edits_that_cannot_be_written_say_where_and_why() -> None:
    data = _plain("Indien u wilt", "reeds betaald", "Wij", tab_in=1)
    source = read_docx_bytes(data, "b.docx").source
    assert source == "Indien u wilt\nreeds betaald\tna de tab\nWij"
    edits = [
        Edit(0, 6, "Indien", "Als", "r", True),
        Edit(3, 9, "ien u ", "x", "r", True),                       # overlaps the first: not written
        Edit(9, 18, "wilt\nreed", "y", "r", True),                  # crosses two paragraphs
        Edit(27, 34, "\tna de ", "z", "r", True),                   # a tab inside
        Edit(38, 38, "", "Ook ", "r", True),                        # an insertion at the start of a paragraph
        Edit(14, 19, "reeds", "al", "r", True),
    ]
    out = edit_docx(data, edits)
    assert out.written == (edits[0], edits[5], edits[4])
    assert [(s.edit, s.place, s.reason, s.why) for s in out.skipped] == [
        (edits[1], "alinea 1", "tekst", "de tekst in het Word-bestand is anders dan verwacht"),
        (edits[2], "alinea 1", "alinea", "de verandering loopt over meer dan één alinea"),
        (edits[3], "alinea 2", "teken", "er staat een tab of regeleinde in")]
    assert read_docx_bytes(out.data, "b.docx").source == "Als u wilt\nal betaald\tna de tab\nOok Wij"
