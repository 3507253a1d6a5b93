"""Rendering: the easy-read lines, the sheet's pages (PNG and PDF), the HTML page, plain text and the CLI."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

import eenvoudig
from eenvoudig.cli import main
from eenvoudig.render.pictograms import ATTRIBUTION
from eenvoudig.render import (
    audio_files,
    easy_read,
    html_page,
    plain_text,
    prepare,
    render_html,
    render_pdf,
    render_sheet,
)
from eenvoudig.render.sheet import REFERENCE_DPI, Item, Layout, _font_px, line_width, paginate, wrap

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"

_LONG = ("Wij willen u graag laten weten dat u de aanvraag voor de bijzondere bijstand die u in februari bij ons "
        "heeft ingediend voor de aanschaf van een nieuwe wasmachine en een nieuw bed op tijd en volledig heeft "
        "ingevuld zodat wij de aanvraag zonder verdere vragen aan u en zonder een gesprek op het gemeentehuis "
        "hebben kunnen beoordelen en dat wij daarom hebben besloten om u het volledige bedrag dat u heeft "
        "gevraagd te geven omdat uw oude wasmachine kapot is en niet meer kan worden gemaakt en omdat u geen "
        "goed bed meer heeft en omdat u deze dingen niet zelf kunt betalen van uw uitkering of van uw spaargeld "
        "en omdat er ook geen andere regeling is die deze kosten voor u kan betalen zoals uw verzekering of uw "
        "werkgever of een fonds in de stad.")
LONG = " ".join(_LONG.split()[:119]) + " einde."              # 120 words

LETTER = f"""Onderwerp: Uw afspraak op het gemeentehuis

Beste meneer Jansen,

U heeft een afspraak op maandag 3 maart 2025 om 10.00 uur. [picto:geen] Neem uw identiteitsbewijs mee.

Wat moet u meenemen?

- uw paspoort
- [picto:kalender] uw agenda
- een kopie van uw huurcontract

{LONG}

12 34 56 78.

[picto:vliegtuig] Kom langs op het gemeentehuis.

Met vriendelijke groet,

Gemeente Voorbeeldstad
"""


@pytest.fixture(scope="module")
def letter():
    return eenvoudig.analyze(eenvoudig.read_text(LETTER, path="brief.txt"))


@pytest.fixture(scope="module")
def demo():
    return prepare(DEMO)


def test_words_in_LONG():
    assert len(LONG.split()) == 120


# ------------------------------------------------------------------------------------------ easy read


def test_easy_read_lines(letter):
    er = easy_read(letter)
    assert er.title == "Uw afspraak op het gemeentehuis"
    texts = [line.text for line in er.lines]
    assert texts[0] == "Beste meneer Jansen,"
    assert "U heeft een afspraak op maandag 3 maart 2025 om 10.00 uur." in texts
    assert "Neem uw identiteitsbewijs mee." in texts                   # marker removed from the text
    assert not any("[picto" in t for t in texts)
    assert texts[-1] == "Met vriendelijke groet,\nGemeente Voorbeeldstad"
    by_text = {line.text: line for line in er.lines}
    assert by_text["Neem uw identiteitsbewijs mee."].picture is None        # [picto:geen]
    assert by_text["uw paspoort"].heading == "Wat moet u meenemen?"
    assert by_text["uw paspoort"].picture.concept == "paspoort"
    assert by_text["uw agenda"].picture.concept == "kalender"                # [picto:kalender]
    assert by_text["12 34 56 78."].picture is None                           # only numbers
    assert by_text["Beste meneer Jansen,"].picture is None
    afspraak = by_text["U heeft een afspraak op maandag 3 maart 2025 om 10.00 uur."].picture
    assert (afspraak.fact.day, afspraak.fact.month, afspraak.fact.time) == (3, 3, "10.00")
    assert len(er.warnings) == 1 and "onbekend pictogram 'vliegtuig'" in er.warnings[0]
    assert by_text["Kom langs op het gemeentehuis."].picture is not None     # chosen automatically
    assert er.attribution


def test_plain_text_has_no_markers(letter):
    text = plain_text(letter)
    assert "[picto" not in text and "- uw agenda" in text and "Neem uw identiteitsbewijs mee." in text


# ------------------------------------------------------------------------------------------ pagination


def test_at_most_six_rows_a_page():
    items = [Item(f"Zin nummer {n}.") for n in range(14)]
    pages = paginate("Titel", items)
    assert [len(p.rows) for p in pages] == [6, 6, 2]
    assert [p.number for p in pages] == [1, 2, 3]
    assert [line for p in pages for r in p.rows for line in r.lines] == [f"Zin nummer {n}." for n in range(14)]


def test_salutation_and_closing_do_not_use_up_a_row():
    items = [Item("Beste lezer,", counts=False)] + [Item(f"Zin {n}.") for n in range(12)] + [
        Item("Met vriendelijke groet,\nDe gemeente", counts=False)]
    pages = paginate("Titel", items)
    assert [len(p.rows) for p in pages] == [7, 7]
    assert [sum(r.counts for r in p.rows) for p in pages] == [6, 6]


def _room(layout: Layout, page) -> float:
    pt = layout.title_pt if page.number == 1 else layout.title_next_pt
    title = len(page.title) * layout.line_h(pt) + 4.0
    return layout.page_h - layout.margin_top - layout.margin_bottom - layout.footer_h - title


def test_long_sentence_wraps_inside_its_row_and_nothing_overflows():
    layout = Layout()
    px = _font_px(layout.body_pt, REFERENCE_DPI)
    limit = layout.text_w * REFERENCE_DPI / 25.4
    lines = wrap(LONG, layout.body_pt, layout.text_w)
    assert len(lines) > 10
    assert " ".join(lines) == " ".join(LONG.split())                # nothing lost
    assert all(line_width(line.split(" "), px) <= limit for line in lines)
    huge = " ".join([LONG] * 4)                                     # 480 words: longer than a page
    pages = paginate("Titel", [Item("Kort."), Item(huge), Item("Nog een zin.")], layout)
    rows = [r for p in pages for r in p.rows]
    assert sum(r.continued for r in rows) >= 1                      # continued on the next row
    assert " ".join(line for r in rows for line in r.lines) == " ".join(["Kort.", *huge.split(), "Nog een zin."])
    for page in pages:
        assert sum(r.height for r in page.rows) <= _room(layout, page) + 1e-6
        assert sum(r.counts for r in page.rows) <= layout.max_rows
    for row in rows:
        assert row.height >= layout.picto or row.picture is None


def test_over_long_word_is_broken():
    url = "www.voorbeeldstad.nl/" + "heel-lange-pagina/" * 12 + "einde"
    lines = wrap(f"Kijk op {url} voor meer.", 16, 80)
    assert len(lines) > 2 and "".join(lines).replace(" ", "") == f"Kijkop{url}voormeer."


# --------------------------------------------------------------------------------------- sheet and pdf


def test_sheet_pages(letter, tmp_path):
    paths = render_sheet(letter, tmp_path)
    assert len(paths) >= 2 and paths[0].name == "pictogrammenblad-01.png"
    for path in paths:
        with Image.open(path) as img:
            assert img.size == (1240, 1754)                                   # A4 at 150 dpi
            assert round(img.info["dpi"][0]) == 150
    # a shorter letter in the same folder removes the pages left over
    short = eenvoudig.analyze(eenvoudig.read_text("Onderwerp: Kort\n\nBel ons op werkdagen."))
    assert len(render_sheet(short, tmp_path)) == 1
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["pictogrammenblad-01.png"]


def test_sheet_draws_the_title_text_and_a_picture(tmp_path):
    short = eenvoudig.analyze(eenvoudig.read_text("Onderwerp: Kort\n\nBel ons op werkdagen."))
    path = render_sheet(short, tmp_path)[0]
    with Image.open(path) as img:
        rgb = img.convert("RGB")
    layout = Layout()
    mm = 150 / 25.4
    picto_box = rgb.crop((round(layout.margin_x * mm), round(35 * mm), round((layout.margin_x + layout.picto) * mm),
                          round(80 * mm)))
    colours = {c for _, c in picto_box.getcolors(100000)}
    assert any(r > 150 and g < 120 for r, g, b in colours)                # the red telephone
    title_box = rgb.crop((0, 0, 1240, round(30 * mm)))
    assert min(title_box.convert("L").get_flattened_data()) < 50          # black title text


def test_pdf_has_one_page_per_sheet_page(letter, tmp_path):
    pages = render_sheet(letter, tmp_path / "png")
    pdf = render_pdf(letter, tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == len(pages)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4


def test_demo_sheet_pages_and_attribution(demo, tmp_path):
    er = easy_read(demo)
    assert er.title == "Uw aanvraag bijzondere bijstand" and er.attribution
    assert any(line.picture is not None for line in er.lines)
    assert len(render_sheet(demo, tmp_path)) >= 2


# -------------------------------------------------------------------------------------------- html


class Tree(HTMLParser):
    """Collect the tags, their attributes and the text under each heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {"h1": [], "h2": []}
        self.all_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("img", "br", "meta", "link", "source"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        for h in ("h1", "h2"):
            if h in self.stack and data.strip():
                self.text[h].append(data.strip())
        if "style" not in self.stack and data.strip():
            self.all_text.append(data.strip())


def _parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.stack == []
    return tree


def test_html_structure(letter, tmp_path):
    path = render_html(letter, tmp_path)
    page = path.read_text("utf-8")
    tree = _parse(page)
    html_tag = next(attrs for tag, attrs in tree.tags if tag == "html")
    assert html_tag["lang"] == "nl"
    assert tree.text["h1"] == ["Uw afspraak op het gemeentehuis"]
    assert tree.text["h2"] == ["Wat moet u meenemen?"]
    images = [attrs for tag, attrs in tree.tags if tag == "img"]
    assert images and all(a["src"].startswith("data:image/") and a["alt"].strip() for a in images)
    assert "Afspraak: maandag 3 maart 2025 om 10.00 uur." in [a["alt"] for a in images]
    items = [a for tag, a in tree.tags if tag == "li"]
    assert len(items) == 3                                           # the list stays a list
    # no file outside the page is needed
    assert not [a for tag, a in tree.tags if tag in ("link", "script")]
    assert not re.search(r"""(?:src|href)=["'](?!data:|https://|#)""", page)
    words = " ".join(tree.all_text)
    assert "Neem uw identiteitsbewijs mee." in words and "[picto" not in page
    assert ATTRIBUTION in words
    assert "<audio" not in page


def test_html_escapes_the_letter():
    analysis = eenvoudig.analyze(eenvoudig.read_text("Onderwerp: <b>Vet</b> & zo\n\nBel <script>x()</script> ons."))
    page = html_page(easy_read(analysis))
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;Vet&lt;/b&gt; &amp; zo" in page
    _parse(page)


def test_html_audio_players(letter, tmp_path):
    er = easy_read(letter)
    target = next(line for line in er.lines if line.text.startswith("U heeft een afspraak"))
    (tmp_path / "zinnen").mkdir()
    (tmp_path / "zinnen" / "zin-002.mp3").write_bytes(b"ID3")
    sentence = next(s for s in letter.sentences if (s.block, s.start) == (target.block, target.start))
    manifest = {"schema_version": 1, "sentences": [
        {"index": 2, "block": target.block, "start": target.start, "text": sentence.text, "file": "zinnen/zin-002.mp3"},
        {"index": 3, "block": 99, "start": 0, "text": "weg", "file": "zinnen/zin-003.mp3"}]}
    (tmp_path / "audio.json").write_text(json.dumps(manifest), "utf-8")
    audio = audio_files(tmp_path, letter)
    assert audio == {(target.block, target.start): "zinnen/zin-002.mp3"}
    tree = _parse(render_html(letter, tmp_path, audio).read_text("utf-8"))
    players = [a for tag, a in tree.tags if tag == "audio"]
    assert len(players) == 1 and players[0]["src"] == "zinnen/zin-002.mp3" and "controls" in players[0]


def test_audio_files_ignores_a_broken_or_foreign_manifest(letter, tmp_path):
    assert audio_files(tmp_path, letter) == {}
    (tmp_path / "audio.json").write_text("{kapot", "utf-8")
    assert audio_files(tmp_path, letter) == {}


# --------------------------------------------------------------------------------------------- cli


def _run(args, capsys):
    code = 0
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_render_formats(tmp_path, capsys):
    letter = tmp_path / "brief.txt"
    letter.write_text(LETTER, "utf-8")
    out = tmp_path / "uit"
    for fmt, expected in (("sheet", "pictogrammenblad-01.png"), ("pdf", "pictogrammenblad.pdf"),
                          ("html", "brief.html"), ("text", "brief-eenvoudig.txt")):
        code, stdout, stderr = _run(["render", str(letter), "--format", fmt, "--out", str(out)], capsys)
        assert code == 0, stderr
        assert (out / expected).is_file() and f"Geschreven: {out / expected}" in stdout
        if fmt != "text":
            assert "let op: onbekend pictogram 'vliegtuig'" in stderr and "vliegtuig" not in stdout
    code, stdout, _ = _run(["render", str(letter), "--format", "text"], capsys)
    assert code == 0 and "[picto" not in stdout and "Neem uw identiteitsbewijs mee." in stdout


def test_cli_render_letter_without_sentences(tmp_path, capsys):
    letter = tmp_path / "adres.txt"
    letter.write_text("Datum: 12 maart 2027\nOns kenmerk: WI/2027/01234\n", "utf-8")
    code, _, stderr = _run(["render", str(letter), "--format", "sheet", "--out", str(tmp_path / "uit")], capsys)
    assert code == 3 and "geen zinnen om te tonen" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())


def test_render_keeps_the_input_format_after_rewriting(tmp_path):
    """HTML, Markdown and .docx are read again as what they are after the rewrite, not as plain text."""
    import docx

    from eenvoudig.render import plain_text, prepare

    html = tmp_path / "brief.html"
    html.write_text("<!DOCTYPE html><html><head><title>Uw aanvraag</title><script>var x = 'indien';</script></head>"
                    "<body><h1>Uw aanvraag</h1><p>Indien u vragen heeft, bel ons.</p></body></html>", encoding="utf-8")
    text = plain_text(prepare(html))
    assert text.startswith("Uw aanvraag\n\nAls u vragen heeft") and "<" not in text and "var x" not in text
    md = tmp_path / "brief.md"
    md.write_text("# Uw aanvraag\n\nIndien u vragen heeft, bel **ons**.\n\n```\nten behoeve van\n```\n", encoding="utf-8")
    text = plain_text(prepare(md))
    assert text == "Uw aanvraag\n\nAls u vragen heeft, bel ons.\n"
    d = docx.Document()
    d.add_heading("Uw aanvraag", level=1)
    d.add_paragraph("Indien u vragen heeft, bel ons.")
    d.save(tmp_path / "brief.docx")
    analysis = prepare(tmp_path / "brief.docx")
    assert [b.scope for b in analysis.document.blocks] == ["heading", "paragraph"]
    assert analysis.document.blocks[1].text == "Als u vragen heeft, bel ons."


def test_picto_markers_are_never_words(tmp_path):
    from eenvoudig.checks import check_text
    from eenvoudig.speech import speech_text

    import eenvoudig

    text = "Neem uw paspoort mee. [picto:afspraak]\n\nKom op tijd.\n"
    report = check_text(text)
    assert report.score.metrics["words"] == 7
    assert not any("picto" in f.message for f in report.findings)
    assert [b.scope for b in report.analysis.document.blocks] == ["paragraph", "paragraph"]
    assert "picto" not in speech_text(eenvoudig.analyze(eenvoudig.read_text(text)))
