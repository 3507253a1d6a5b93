"""Outputs that work on every machine and are right (issue 13): no system Cairo, a PDF with real tagged text,
tables kept as tables, date and meta lines kept in every format, facts kept on one line, links, and an
output folder whose own files are never overwritten."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import eenvoudig
from eenvoudig.document import Cell, read_text, shown_meta_lines
from eenvoudig.errors import DataError
from eenvoudig.render import (
    easy_read,
    html_page,
    plain_text,
    render_pdf,
    write_pdf,
    write_sheet,
)
from eenvoudig.render.inline import NBSP, keep_together, link_parts, tel_href
from eenvoudig.render.sheet import Item, paginate
from eenvoudig.render.table import table_text, tables_of

ROOT = Path(__file__).resolve().parents[1]
TABLE_LETTER = ROOT / "tests" / "letters" / "terugbetalen-tabel.md"
ROWS = [("Maand", "Loon (netto)", "Te veel bijstand"), ("maart 2026", "€ 412,50", "€ 412,50"),
        ("april 2026", "€ 980,00", "€ 980,00"), ("mei 2026", "€ 955,36", "€ 955,36"),
        ("Totaal", "€ 2.347,86", "€ 2.347,86")]
DATE_LINES = ("Rivierstad, 18 november 2026", "Uw melding van: 3 november 2026", "Ons kenmerk: WI/2026/04412")


@pytest.fixture(scope="module")
def table_letter():
    return eenvoudig.analyze(eenvoudig.read(TABLE_LETTER))


@pytest.fixture(scope="module")
def table_pdf(table_letter, tmp_path_factory):
    return render_pdf(table_letter, tmp_path_factory.mktemp("pdf"))


# ---------------------------------------------------------------------------------- tables in the model


def _docx_letter(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("Onderwerp: U moet bijstand terugbetalen")
    d.add_paragraph("Beste meneer Bulut,")
    d.add_paragraph("U kreeg te veel bijstand.")
    table = d.add_table(rows=len(ROWS), cols=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = ""
            run = table.cell(r, c).paragraphs[0].add_run(text)
            run.bold = r == 0                                   # a bold first row, as Word users make a header
    d.add_heading("Betalen", level=2)
    d.add_paragraph("U betaalt € 2.347,86 terug.")
    d.save(path)
    return path


@pytest.mark.parametrize("kind", ["md", "html", "docx"])
def test_every_reader_keeps_the_table(kind, tmp_path):
    if kind == "md":
        doc = read_text(TABLE_LETTER.read_text("utf-8"), kind="md")
    elif kind == "html":
        cells = "".join("<tr>" + "".join(f"<{'th' if r == 0 else 'td'}>{c}</{'th' if r == 0 else 'td'}>" for c in row)
                        + "</tr>" for r, row in enumerate(ROWS))
        doc = read_text(f"<p>Beste meneer Bulut,</p><table>{cells}</table><h2>Betalen</h2><p>U betaalt.</p>",
                        kind="html")
    else:
        doc = eenvoudig.read(_docx_letter(tmp_path / "brief.docx"))
    (table,) = tables_of(doc)
    assert table.rows == tuple(ROWS) and table.header == 1
    cells = [b.cell for b in doc.blocks if b.cell is not None]
    assert cells[0] == Cell(1, 1, 1, True) and cells[-1] == Cell(1, 5, 3, False)
    # the heading after the table stays its own heading, never glued to the cells
    assert any(b.scope == "heading" and b.text == "Betalen" and b.cell is None for b in doc.blocks)


def test_check_still_names_the_table_cell_in_word(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Beste lezer,")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Wat"
    table.cell(0, 1).text = "Uitleg"
    table.cell(1, 0).text = "Aanvraag"
    table.cell(1, 1).text = "Teneinde uw aanvraag te beoordelen, verzoeken wij u de bescheiden te overleggen."
    d.save(tmp_path / "brief.docx")
    report = eenvoudig.check(eenvoudig.read(tmp_path / "brief.docx"))
    blocks = report.analysis.document.blocks
    places = {blocks[f.block].place for f in report.findings if f.block >= 0 and "Teneinde" in f.sentence}
    assert places == {"tabel 1, rij 2, kolom 2"}
    assert blocks[[f.block for f in report.findings if "Teneinde" in f.sentence][0]].cell == Cell(1, 2, 2, False)


def test_a_one_column_or_letterhead_table_is_no_table():
    doc = read_text("<table><tr><td>Beste lezer,</td></tr><tr><td>Wij bellen u.</td></tr></table>", kind="html")
    assert tables_of(doc) == []


def test_the_table_as_text_lines_up():
    doc = read_text(TABLE_LETTER.read_text("utf-8"), kind="md")
    assert table_text(tables_of(doc)[0]).splitlines() == [
        "Maand        Loon (netto)   Te veel bijstand",
        "----------   ------------   ----------------",
        "maart 2026   € 412,50       € 412,50",
        "april 2026   € 980,00       € 980,00",
        "mei 2026     € 955,36       € 955,36",
        "Totaal       € 2.347,86     € 2.347,86"]
    assert tables_of(doc)[0].label_rows()[0] == "Maand: maart 2026; Loon (netto): € 412,50; Te veel bijstand: € 412,50"


# ----------------------------------------------------------------------------- tables and meta lines, all formats


def test_easy_read_keeps_the_table_and_the_date_lines(table_letter):
    er = easy_read(table_letter)
    assert er.details == DATE_LINES
    (line,) = [x for x in er.lines if x.scope == "table"]
    assert line.heading == "Hoeveel te veel" and line.table.rows == tuple(ROWS)
    # the heading after the table is its own heading, not "Maand – … – Betalen"
    assert [x.heading for x in er.lines if x.heading] == ["Hoeveel te veel", "Betalen", "Bent u het niet eens?"]
    assert not any("Maand" in x.heading for x in er.lines)


def test_plain_text_keeps_the_table_and_the_date_line(table_letter):
    text = plain_text(table_letter)
    assert "Rivierstad, 18 november 2026" in text and "Uw melding van: 3 november 2026" in text
    assert "maart 2026   € 412,50       € 412,50" in text


def test_the_sheet_draws_the_table_as_a_grid_and_the_date_lines_on_page_one(table_letter, tmp_path):
    er = easy_read(table_letter)
    from eenvoudig.render import _items

    pages = paginate(er.title, _items(er), None, er.details)
    assert pages[0].details == DATE_LINES and all(p.details == () for p in pages[1:])
    grids = [r.grid for p in pages for r in p.rows if r.grid is not None]
    assert len(grids) == 1 and grids[0].header == 1
    assert [tuple(" ".join(c).replace(NBSP, " ") for c in row) for row in grids[0].rows] == ROWS
    paths = write_sheet(er, tmp_path)
    assert len(paths) == len(pages)


def test_the_html_page_has_a_real_table_the_date_lines_and_links(table_letter):
    page = html_page(easy_read(table_letter))
    assert '<th scope="col">Maand</th>' in page and "<td>maart 2026</td>" in page
    assert "<h2>Hoeveel te veel</h2>" in page and "<h2>Maand" not in page
    assert "Rivierstad, 18 november 2026<br>Uw melding van: 3 november 2026" in page
    assert '<a href="tel:+31302861111">030\u00a0-\u00a0286\u00a011\u00a011</a>' in page
    assert '<a href="mailto:bezwaar@rivierstad.nl">' in page and '<a href="https://www.rivierstad.nl/bezwaar">' in page


def test_the_voice_reads_the_date_lines_and_the_table_by_row(table_letter):
    from eenvoudig.speech import speech_text

    text = speech_text(table_letter)
    assert "Rivierstad, achttien november tweeduizend zesentwintig." in text
    assert "Uw melding van: drie november tweeduizend zesentwintig." in text
    assert ("Maand: mei tweeduizend zesentwintig; Loon, netto: negenhonderdvijfenvijftig euro en zesendertig cent; "
            "Te veel bijstand: negenhonderdvijfenvijftig euro en zesendertig cent.") in text
    assert "Kastanjeplein" not in text            # the address stays out


@pytest.mark.parametrize(("block", "kept"), [
    ("Rivierstad, 18 november 2026", ["Rivierstad, 18 november 2026"]),
    ("Den Haag, 3 maart 2027", ["Den Haag, 3 maart 2027"]),
    ("18-11-2026", ["18-11-2026"]),
    ("Uw melding van: 3 november 2026\nOns kenmerk: WI/1", ["Uw melding van: 3 november 2026", "Ons kenmerk: WI/1"]),
    ("Onderwerp: Uw aanvraag\nDatum: 1 mei 2027", ["Datum: 1 mei 2027"]),           # the subject is the title
    ("De heer R. Bulut\nKastanjeplein 31\n9999 EF Rivierstad", []),                   # an address is not shown
])
def test_which_meta_lines_every_output_keeps(block, kept):
    assert shown_meta_lines(block) == kept


# ------------------------------------------------------------------------------------------------ the PDF


def test_the_pdf_has_real_text_and_tags(table_pdf):
    from pypdf import PdfReader

    reader = PdfReader(table_pdf)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in ("U moet bijstand terugbetalen", "Rivierstad, 18 november 2026", "Te veel bijstand",
                     "€ 2.347,86", "NL91 ABNA 0417 1643 00", "Bel ons op 030 - 286 11 11.",
                     "Dan kunt u bezwaar maken.", "drs. P.J. van den Berg"):
        assert expected in text, expected
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL" and bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "U moet bijstand terugbetalen"
    assert b"<pdfuaid:part>1</pdfuaid:part>" in root["/Metadata"].get_object().get_data()
    kinds, alts = [], []

    def walk(node):
        node = node.get_object()
        kinds.append(str(node.get("/S")))
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt")))
        for kid in node.get("/K", []) if isinstance(node.get("/K"), list) else []:
            if isinstance(kid.get_object(), dict):
                walk(kid)

    walk(root["/StructTreeRoot"]["/K"][0])
    assert kinds[:3] == ["/Document", "/H1", "/P"]
    assert kinds.count("/Table") == 1 and kinds.count("/TR") == 5 and kinds.count("/TH") == 3 and kinds.count("/TD") == 12
    assert "/H2" in kinds and alts and all(a and a != "None" for a in alts)
    assert "Geld terugbetalen" in alts                                  # alt text of the pictogram
    # every font is embedded, and text is drawn with it
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("AtkinsonHyperlegible" in f for f in fonts)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_reads_the_letter(table_pdf):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(table_pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    flat = " ".join(out.split())
    for expected in ("U moet bijstand terugbetalen", "Uw melding van: 3 november 2026", "Loon (netto)",
                     "maart 2026", "€ 412,50", "U betaalt € 2.347,86 terug.", "Met vriendelijke groet,"):
        assert expected in flat, expected


def test_a_long_letter_pdf_has_every_page(tmp_path):
    body = "\n\n".join(f"Zin nummer {n} gaat over uw uitkering van € {n},00 per maand." for n in range(200))
    analysis = eenvoudig.analyze(read_text(f"Onderwerp: Lang\n\nBeste lezer,\n\n{body}\n\nMet vriendelijke groet,\n"))
    from pypdf import PdfReader

    reader = PdfReader(write_pdf(easy_read(analysis), tmp_path))
    assert len(reader.pages) >= 30
    assert "Zin nummer 199 gaat over uw uitkering" in " ".join(reader.pages[-1].extract_text().split())


# ------------------------------------------------------------------------------------- facts stay together


def test_amounts_ibans_and_phone_numbers_do_not_break():
    assert keep_together("U betaalt € 2.347,86 terug.") == f"U betaalt €{NBSP}2.347,86 terug."
    assert keep_together("rekening NL91 ABNA 0417 1643 00 van") == \
        f"rekening NL91{NBSP}ABNA{NBSP}0417{NBSP}1643{NBSP}00 van"
    assert keep_together("Bel 030 - 286 11 11.") == f"Bel 030{NBSP}-{NBSP}286{NBSP}11{NBSP}11."
    # on the sheet the IBAN is never cut over two lines
    from eenvoudig.render.sheet import wrap

    lines = wrap(keep_together("Maak het bedrag over op rekening NL91 ABNA 0417 1643 00 van de gemeente."), 16, 120)
    assert any(f"NL91{NBSP}ABNA{NBSP}0417{NBSP}1643{NBSP}00" in line for line in lines)


@pytest.mark.parametrize(("number", "href"), [
    ("030 - 286 11 11", "tel:+31302861111"), ("(030) 286 11 11", "tel:+31302861111"),
    ("+31 (0)30 286 11 11", "tel:+31302861111"), ("06-12345678", "tel:+31612345678"), ("14 030", "tel:14030"),
    ("0800-1234", "tel:08001234"), ("0031 30 2861111", "tel:+31302861111"),
])
def test_phone_links(number, href):
    assert tel_href(number) == href
    assert link_parts(f"Bel {number}.")[1][1] == href


def test_the_closing_never_stands_alone_on_the_last_page():
    long = ("Dit is een lange zin over uw uitkering die over vier regels loopt en dus een hoge rij op het blad "
            "maakt, zodat de pagina vol raakt en de groet er niet meer op past onderaan.")
    items = [Item("Beste lezer,", counts=False)] + [Item(f"{n}. {long}") for n in range(12)] + [
        Item("Met vriendelijke groet,\nDe gemeente\nAfdeling Werk", counts=False)]
    pages = paginate("Titel", items)
    # six tall rows fill page 2, so the closing alone would take page 3; the last sentence goes with it
    assert [[r.counts for r in p.rows] for p in pages] == [[False] + [True] * 6, [True] * 5, [True, False]]
    assert pages[-1].rows[0].lines[0].startswith("11. Dit is")


# ---------------------------------------------------------------------------------------- the CLI


def test_render_warns_when_the_letter_is_still_too_hard(run_main, tmp_path):
    result = run_main("render", str(ROOT / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"), "--format", "sheet",
                      "--out", str(tmp_path / "uit"))
    assert result.exit_code == 0
    assert re.search(r"let op: deze brief is nog erg moeilijk \(\d+/100\); een pictogrammenblad helpt pas als de "
                     r"zinnen kort zijn", result.stderr)
    plain = run_main("render", str(ROOT / "tests" / "letters" / "b1-eenvoudig.txt"), "--format", "sheet",
                     "--out", str(tmp_path / "b1"))
    assert plain.exit_code == 0 and "moeilijk" not in plain.stderr


def test_render_warns_about_placeholders_left_in_the_letter(run_main, tmp_path):
    # new user, 2026-12-03: "[naam]" became "Geachte heer of mevrouw, naam." in the audio, without a word
    letter = tmp_path / "brief.txt"
    letter.write_text("Geachte heer/mevrouw [naam],\n\nWij sturen u een brief over uw aanvraag. Zie [1] en "
                      "[picto:brief] de [website](https://example.org).\n\nMet vriendelijke groet,\n\n"
                      "{{ afzender }}\n", encoding="utf-8")
    warning = ("eenvoudig: let op: de brief heeft nog 2 lege invulvelden: [naam], {{ afzender }}. Vul ze eerst in; "
               "anders leest of hoort de lezer ze zo.\n")
    for fmt in ("audio", "html", "sheet", "pdf"):
        result = run_main("render", str(letter), "--format", fmt, "--out", str(tmp_path / fmt))
        assert result.exit_code == 0 and warning in result.stderr, (fmt, result.stderr)
    # the text itself shows them; the speech preview does not ("[naam]" is said as "naam"), so it warns (newuser5)
    result = run_main("render", str(letter), "--format", "text")
    assert result.exit_code == 0 and "invulveld" not in result.stderr, result.stderr
    result = run_main("render", str(letter), "--format", "speech")
    assert result.exit_code == 0 and warning in result.stderr, result.stderr
    letter.write_text("Beste [naam], wij bellen u.\n", encoding="utf-8")
    result = run_main("render", str(letter), "--format", "html", "--out", str(tmp_path / "een"))
    assert ("eenvoudig: let op: de brief heeft nog een leeg invulveld: [naam]. Vul het eerst in; anders leest of "
            "hoort de lezer het zo.\n") in result.stderr
    letter.write_text("Beste lezer, wij bellen u [picto:telefoon] morgen.\n", encoding="utf-8")
    result = run_main("render", str(letter), "--format", "html", "--out", str(tmp_path / "geen"))
    assert result.exit_code == 0 and "invulveld" not in result.stderr


def test_render_warns_about_a_template(run_main, tmp_path):
    # new user, 2026-12-03: a .j2 template read aloud as "if afwijzing deel, … endif, eenvoudig negeer …"
    template = tmp_path / "besluit.txt.j2"
    template.write_text("Beste lezer,\n\n{% if deel %}Wij wijzen een deel af.{% else %}Wij betalen alles."
                        "{% endif %}\n\nGroet, {# eenvoudig: negeer zin.lang #}\n", encoding="utf-8")
    result = run_main("render", str(template), "--format", "audio", "--out", str(tmp_path / "uit"))
    assert result.exit_code == 0
    assert ("eenvoudig: let op: dit is een sjabloon met code ({% … %} of {# … #}); de lezer ziet en hoort die code. "
            "Maak eerst een brief met het sjabloon. Een sjabloon controleert u met eenvoudig lint.\n") in result.stderr
    letter = tmp_path / "brief.txt"
    letter.write_text("Beste lezer,\n\nWij betalen alles, 100% zeker {op tijd}.\n", encoding="utf-8")
    result = run_main("render", str(letter), "--format", "audio", "--out", str(tmp_path / "brief"))
    assert result.exit_code == 0 and "sjabloon" not in result.stderr


def test_render_never_overwrites_a_file_it_did_not_make(run_main, tmp_path):
    out = tmp_path / "uit"
    out.mkdir()
    (out / "brief.html").write_text("mijn eigen pagina", encoding="utf-8")
    result = run_main("render", str(TABLE_LETTER), "--format", "html", "--out", str(out))
    assert result.exit_code == 3 and "niet gemaakt" in result.stderr and "brief.html" in result.stderr
    assert (out / "brief.html").read_text(encoding="utf-8") == "mijn eigen pagina"
    # its own files it replaces, and it removes only its own pages left over from a longer letter
    (out / "pictogrammenblad-09.png").write_bytes(b"my own picture")
    assert run_main("render", str(TABLE_LETTER), "--format", "sheet", "--out", str(out)).exit_code == 0
    assert run_main("render", str(TABLE_LETTER), "--format", "sheet", "--out", str(out)).exit_code == 0
    short = tmp_path / "kort.txt"
    short.write_text("Onderwerp: Kort\n\nBel ons op werkdagen.\n", encoding="utf-8")
    assert run_main("render", str(short), "--format", "sheet", "--out", str(out)).exit_code == 0
    assert sorted(p.name for p in out.glob("*.png")) == ["pictogrammenblad-01.png", "pictogrammenblad-09.png"]
    assert (out / "pictogrammenblad-09.png").read_bytes() == b"my own picture"
    listed = json.loads((out / ".eenvoudig-bestanden.json").read_text("utf-8"))["bestanden"]
    assert listed == ["pictogrammenblad-01.png"]


def test_no_rasteriser_is_a_dutch_message_and_exit_3(run_main, tmp_path, monkeypatch):
    import builtins

    from eenvoudig.render import draw

    real_import = builtins.__import__

    def no_resvg(name, *args, **kwargs):
        if name.startswith("resvg_py"):
            raise ImportError("resvg_py is hidden by the test")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_resvg)
    monkeypatch.setattr(draw, "_memory", {})
    monkeypatch.setenv("EENVOUDIG_CACHE", str(tmp_path / "cache"))
    with pytest.raises(DataError, match="pakket resvg-py ontbreekt"):
        draw.raster("openmoji:1F4C5", 64)
    result = run_main("render", str(TABLE_LETTER), "--format", "sheet", "--out", str(tmp_path / "uit"))
    assert result.exit_code == 3 and "resvg-py" in result.stderr and "interne fout" not in result.stderr


NO_CAIRO = textwrap.dedent('''
    import importlib.abc, json, sys

    class NoCairo(importlib.abc.MetaPathFinder):
        """A machine without the Cairo library: cairocffi cannot load it, so cairosvg cannot be imported."""

        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("cairocffi", "cairosvg", "cairo"):
                raise ImportError(f"no library called 'cairo-2' was found ({name})")
            return None

    sys.meta_path.insert(0, NoCairo())
    from eenvoudig.cli import main

    codes = []
    for args in json.loads(sys.argv[1]):            # every command in this one process: spaCy loads once
        try:
            main(args)
            codes.append(0)
        except SystemExit as exc:
            codes.append(exc.code)
    try:
        import cairosvg  # noqa: F401
        hidden = False
    except ImportError as exc:
        hidden = "cairo-2" in str(exc)
    print("RESULT", json.dumps({"codes": codes, "cairo_hidden": hidden}))
''')


@pytest.mark.slow
def test_demo_and_every_format_without_the_cairo_library(tmp_path):
    from eenvoudig.analysis.wordinfo import cache_dir, tables

    # a fresh cache, so every pictogram is drawn again (by resvg); the word tables are shared to save time
    tables()
    (tmp_path / "cache").mkdir()
    for built in cache_dir().glob("woorden-*.sqlite"):
        (tmp_path / "cache" / built.name).symlink_to(built)
    env = {**__import__("os").environ, "EENVOUDIG_CACHE": str(tmp_path / "cache"), "NO_COLOR": "1"}
    formats = ("text", "html", "sheet", "pdf", "speech", "audio")
    commands = [["demo", "--out", str(tmp_path / "demo")]] + [
        ["render", str(TABLE_LETTER), "--format", fmt, "--out", str(tmp_path / fmt)] for fmt in formats] + [
        ["render", str(TABLE_LETTER), "--format", "text"]]
    done = subprocess.run([sys.executable, "-c", NO_CAIRO, json.dumps(commands)], capture_output=True, text=True,
                          check=False, env=env, cwd=tmp_path, timeout=300)
    result = json.loads(done.stdout.rsplit("RESULT ", 1)[1])
    assert result == {"codes": [0] * len(commands), "cairo_hidden": True}, done.stderr
    assert "interne fout" not in done.stderr
    assert (tmp_path / "demo" / "pictogrammenblad.pdf").is_file() and (tmp_path / "demo" / "brief.mp3").is_file()
    assert len(list((tmp_path / "sheet").glob("pictogrammenblad-*.png"))) >= 2
    assert (tmp_path / "pdf" / "pictogrammenblad.pdf").stat().st_size > 10_000
    assert (tmp_path / "html" / "brief.html").is_file() and (tmp_path / "audio" / "brief.mp3").is_file()
    assert "maart 2026   € 412,50" in done.stdout                     # the text format, on stdout
    assert len(list((tmp_path / "cache" / "pictogrammen").glob("*-resvg-*.png"))) > 10  # drawn without Cairo
