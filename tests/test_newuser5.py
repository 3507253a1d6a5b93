"""What a new user ran into (trial of 2026-12-03, branch newuser5), each pinned on the case that showed it."""

from __future__ import annotations

import io

import docx
import pytest

import eenvoudig
from eenvoudig.checks import advice, facts_of
from eenvoudig.cli import main, usage_message
from eenvoudig.lexicon import load_lexicon
from eenvoudig.render import easy_read
from eenvoudig.render.choose import choose
from eenvoudig.render.pictograms import validate_manifest
from eenvoudig.rewriting.docx import edit_docx
from eenvoudig.speech.text import normalize


def _sentence(text: str):
    return eenvoudig.analyze(eenvoudig.read_text(text)).sentences[0]


# ---------------------------------------------------------------------------------------- pictograms


@pytest.mark.parametrize("text, concept", [
    # "vragen" as a verb is a request: after `rewrite` every "Wij verzoeken u" is "Wij vragen u", and all got "?"
    ("Wij vragen u de volgende stukken mee te nemen.", None),
    ("Heeft u nog vragen?", "vraag"),
    ("Heeft u een vraag?", "vraag"),
    ("Vragen? Bel ons.", "vraag"),
])
def test_vraag_pictogram_only_for_a_question(text, concept):
    pic, _ = choose(_sentence(text))
    assert (pic.concept if pic else None) == concept


def test_manifest_woordsoort_is_checked():
    entry = ('schema_version = 1\n[[concept]]\nid = "vraag"\nwoorden = ["vraag"]\nalt = "Vraag"\nprioriteit = 35\n'
             'beeld = "openmoji:2753"\nbron = "test"\nwoordsoort = "{}"\n')
    assert validate_manifest(text=entry.format("naamwoord")) == []
    errors = validate_manifest(text=entry.format("bijvoeglijk"))
    assert len(errors) == 1 and "'woordsoort' moet \"naamwoord\" of \"werkwoord\" zijn" in errors[0]


def test_sheet_title_starts_with_a_capital():
    doc = eenvoudig.read_text("Onderwerp: besluit over uw aanvraag voor huishoudelijke hulp\n\nGeachte mevrouw Jansen,\n\n"
                              "U krijgt hulp in huis.\n\nMet vriendelijke groet,\n\nTeam Wmo\n")
    assert doc.subject == "besluit over uw aanvraag voor huishoudelijke hulp"
    assert easy_read(eenvoudig.analyze(doc)).title == "Besluit over uw aanvraag voor huishoudelijke hulp"


# ------------------------------------------------------------------------------------------ checking


def test_vergunning_is_the_name_of_a_thing_not_a_nominalisation():
    # the parking letter's "Begin hier" said: write with verbs instead of 3 nouns: 'vergunning', 'vergunning', …
    text = ("De vergunning is alleen geldig in het centrum. Na ontvangst van de betaling activeren wij de vergunning. "
            "Voor deze voorziening betaalt u zelf een deel.")
    facts = facts_of(eenvoudig.analyze(eenvoudig.read_text(text)), load_lexicon())
    assert [f.nominalisations for f in facts] == [0, 2, 0]   # ontvangst, betaling


def test_begin_hier_maps_edits_to_blocks_in_linear_time(monkeypatch):
    # a 100-page letter spent most of `check` in edited_document: every block looked at every edit
    calls = []
    real = advice._block_offset
    monkeypatch.setattr(advice, "_block_offset", lambda b, s: calls.append(1) or real(b, s))
    paragraph = "Wij verzoeken u het formulier te retourneren."
    analysis = eenvoudig.analyze(eenvoudig.read_text("\n\n".join([paragraph] * 40)))
    result = eenvoudig.rewrite(analysis)
    assert len(result.applied) == 80                       # verzoeken, retourneren in each paragraph
    edited = advice.edited_document(analysis, result.applied)
    assert edited.blocks[39].text == "Wij vragen u het formulier terug te sturen."
    assert len(calls) == 160                              # start and end of each edit, once (was 2 × 40 × 80)


# ------------------------------------------------------------------------------------------- the API


@pytest.mark.parametrize("call, message", [
    (lambda: eenvoudig.analyze("Wij verzoeken u."),
     "analyze() verwacht een Document (van eenvoudig.read of eenvoudig.read_text), geen str. "
     "Een tekst: eenvoudig.analyze(eenvoudig.read_text(tekst))."),
    (lambda: eenvoudig.check("Wij verzoeken u."),
     "check() verwacht een Analysis (van eenvoudig.analyze) of een Document, geen str. "
     "Een tekst: eenvoudig.check_text(tekst)."),
    (lambda: eenvoudig.rewrite("Wij verzoeken u."),
     "rewrite() verwacht een Analysis (van eenvoudig.analyze) of een Document, geen str. "
     "Een tekst: eenvoudig.rewrite(eenvoudig.read_text(tekst))."),
    (lambda: eenvoudig.read_text(None), "read_text() verwacht de brief als str, geen NoneType."),
    (lambda: eenvoudig.read_text(b"Geachte heer,"),
     "read_text() verwacht de brief als str, geen bytes. Maak er eerst tekst van: data.decode('utf-8'), of lees "
     "het bestand met eenvoudig.read(pad)."),
    (lambda: eenvoudig.speech_text("U krijgt € 25."),
     "speech_text() verwacht een Analysis (van eenvoudig.analyze of eenvoudig.prepare), geen str. "
     "Een losse tekst: eenvoudig.speech.text.normalize(tekst)."),
])
def test_wrong_argument_types_get_a_clear_type_error(call, message):
    with pytest.raises(TypeError) as info:          # was: AttributeError "'str' object has no attribute 'blocks'"
        call()
    assert str(info.value) == message


def test_rewrite_takes_a_document_like_check():
    """rewrite(Document) raised AttributeError while check(Document) worked (new-user trial 5)."""
    document = eenvoudig.read_text("Wij verzoeken u het formulier te retourneren.")
    assert eenvoudig.rewrite(document).text == "Wij vragen u het formulier terug te sturen."
    assert eenvoudig.rewrite(document).text == eenvoudig.rewrite(eenvoudig.analyze(document)).text


# ------------------------------------------------------------------------------------------- the CLI


def test_json_option_points_to_format_json(tmp_path, capsys):
    letter = tmp_path / "brief.txt"
    letter.write_text("Wij verzoeken u te bellen.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["rewrite", str(letter), "--json"])
    assert info.value.code == 2
    assert capsys.readouterr().err.splitlines()[0] == "eenvoudig: de optie --json bestaat niet. Bedoelt u --format json?"


def test_usage_hint_only_for_a_format_the_command_has():
    message = "No such option: --sarif Did you mean --snel?"
    assert usage_message(message, ("text", "json", "sarif")) == "de optie --sarif bestaat niet. Bedoelt u --format sarif?"
    assert usage_message(message, ("text", "json")) == "de optie --sarif bestaat niet. Bedoelt u --snel?"


# ------------------------------------------------------------------------------------------- speech


@pytest.mark.parametrize("text, spoken", [
    ("De hulp komt van Thuiszorg Rivierland B.V.", "De hulp komt van Thuiszorg Rivierland bee vee."),
    ("Thuiszorg B.V. helpt u.", "Thuiszorg bee vee helpt u."),
    ("Met vriendelijke groet, J.K. Pietersen", "Met vriendelijke groet, jee kaa Pietersen"),
    ("Bel i.v.m. uw aanvraag.", "Bel in verband met uw aanvraag."),
])
def test_dotted_capitals_are_spelled(text, spoken):
    assert normalize(text) == spoken


# --------------------------------------------------------------------------------------------- Word


def _docx(paragraphs: list[str]) -> bytes:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_dropped_formula_leaves_no_empty_paragraph_in_word(tmp_path):
    paragraphs = ["Beste heer Jansen,", "Wij hebben uw aanvraag ontvangen.",
                  "Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.", "Met vriendelijke groet,",
                  "Team Parkeren"]
    path = tmp_path / "brief.docx"
    path.write_bytes(_docx(paragraphs))
    result = eenvoudig.rewrite(eenvoudig.analyze(eenvoudig.read(path)))
    assert [e.kind for e in result.applied] == ["formula"]
    written = docx.Document(io.BytesIO(edit_docx(path.read_bytes(), result.applied).data))
    assert [p.text for p in written.paragraphs] == [paragraphs[0], paragraphs[1], paragraphs[3], paragraphs[4]]


def test_a_paragraph_with_a_tab_stays_when_its_text_goes(tmp_path):
    d = docx.Document()
    d.add_paragraph("Beste heer Jansen,")
    p = d.add_paragraph("Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.")
    p.runs[0].add_tab()
    d.add_paragraph("Met vriendelijke groet,")
    out = io.BytesIO()
    d.save(out)
    path = tmp_path / "brief.docx"
    path.write_bytes(out.getvalue())
    result = eenvoudig.rewrite(eenvoudig.analyze(eenvoudig.read(path)))
    written = docx.Document(io.BytesIO(edit_docx(path.read_bytes(), result.applied).data))
    assert len(written.paragraphs) == 3


def test_number_ranges_are_dutch_in_help_and_errors(capsys):
    # --help said "[standaard: 1; x>=0]"
    main(["check", "--help"])
    assert "[standaard: 1; 0 of meer]" in " ".join(capsys.readouterr().out.split())
    with pytest.raises(SystemExit) as info:
        main(["serve", "--port", "70000"])
    assert info.value.code == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "eenvoudig: 70000 kan niet bij --port: kies een getal van 0 tot en met 65535.")
    with pytest.raises(SystemExit):
        main(["check", "-", "--jobs", "-1"])
    assert capsys.readouterr().err.splitlines()[0] == "eenvoudig: -1 is te klein voor -j / --jobs: kies 0 of meer."


def _whole_text_passive(text: str) -> list[tuple[str, str]]:
    report = eenvoudig.check_text(text)
    return [(f.severity, f.message) for f in report.findings if f.rule == "stijl.lijdend" and f.block < 0]


def test_one_passive_sentence_is_no_whole_text_error():
    # a B1 template with one passive sentence failed CI: "100 procent van de zinnen staat in de lijdende vorm" (fout)
    assert _whole_text_passive("Geachte heer Bakker,\n\nUw aanvraag is goedgekeurd.\n") == []
    report = eenvoudig.check_text("Geachte heer Bakker,\n\nUw aanvraag is goedgekeurd.\n")
    assert [f.rule for f in report.findings] == ["stijl.lijdend"] and report.findings[0].severity == "warning"
    assert _whole_text_passive("Uw aanvraag is goedgekeurd. Het geld wordt op 1 mei betaald. U hoort van ons.") == [
        ("error", "67 procent van de zinnen staat in de lijdende vorm. Schrijf vaker wie iets doet.")]


def test_speech_preview_of_a_template_warns(tmp_path):
    # `render --format speech` showed "Geachte naam." and "if toegekend." without a word; audio and sheet warned
    from eenvoudig.render import render_file

    path = tmp_path / "sjabloon.txt"
    path.write_text("Geachte {{ naam }},\n\n{% if toegekend %}\nUw aanvraag is goedgekeurd.\n{% endif %}\n",
                    encoding="utf-8")
    lines = list(render_file(path, "speech"))
    assert lines[0].startswith("eenvoudig: let op: dit is een sjabloon met code")
    assert lines[1] == ("eenvoudig: let op: de brief heeft nog een leeg invulveld: {{ naam }}. Vul het eerst in; "
                        "anders leest of hoort de lezer het zo.")
    assert lines[2].splitlines()[0] == "Geachte naam."


def test_review_deletes_the_mark_of_a_paragraph_it_empties(tmp_path):
    # Word's "Alles accepteren" left an empty line where "Wij vertrouwen erop …" stood; "Alles weigeren" keeps it
    from lxml import etree

    from eenvoudig.rewriting.docx import review_docx
    from wordfiles import W, accept, reject

    paragraphs = ["Beste heer Jansen,", "Wij hebben uw aanvraag ontvangen.",
                  "Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.", "Met vriendelijke groet,"]
    data = _docx(paragraphs)
    path = tmp_path / "brief.docx"
    path.write_bytes(data)
    result = eenvoudig.rewrite(eenvoudig.analyze(eenvoudig.read(path)))
    reviewed = review_docx(data, result.applied).data

    def texts(root) -> list[str]:
        return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]

    def body(data: bytes):
        import zipfile
        return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))

    marks = body(reviewed).findall(f".//{{{W}}}pPr/{{{W}}}rPr/{{{W}}}del")
    assert [m.get(f"{{{W}}}author") for m in marks] == ["eenvoudig"]
    assert texts(accept(body(reviewed))) == [paragraphs[0], paragraphs[1], paragraphs[3]]
    assert texts(reject(body(reviewed))) == paragraphs


def test_paragraph_numbers_are_counted_once_per_letter():
    # place_of split the whole letter up to the finding's line for every finding (quadratic in a long letter)
    line = "Wij verzoeken u het formulier dat u van ons heeft gekregen zo spoedig mogelijk te retourneren. " * 3
    doc = eenvoudig.read_text("\n\n".join([line.strip()] * 30) + "\n")
    analysis = eenvoudig.analyze(doc)
    advice._paragraph_counts.cache_clear()
    places = [advice.place_of(analysis, s.block, s.start) for s in analysis.sentences]
    assert places[::3] == [f"alinea {n} (regel {2 * n - 1})" for n in range(1, 31)]
    assert advice._paragraph_counts.cache_info().misses == 1


def test_html_report_introduces_begin_hier_in_plain_dutch(tmp_path, capsys):
    # the page said "Deze veranderingen maken de brief het meest eenvoudiger. Bij elke staat wat de brief dan scoort."
    letter = tmp_path / "brief.txt"
    letter.write_text("Geachte heer,\n\nWij verzoeken u het formulier te retourneren. Indien u vragen heeft, kunt u ons "
                      "bellen.\n\nMet vriendelijke groet,\n\nTeam Inkomen\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:          # findings at level fout: exit code 1
        main(["check", str(letter), "--format", "html", "-o", str(tmp_path / "rapport.html")])
    assert info.value.code == 1
    page = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert ("<p>Deze veranderingen helpen het meest. Bij elke verandering staat hoe moeilijk de brief dan is.</p>"
            in page)
    assert "eenvoudiger. Bij elke staat" not in page


def test_a_broken_pyproject_with_our_table_is_reported_not_ignored(tmp_path, monkeypatch):
    # "[tool.eenvoudig" without its "]" made every command run with the defaults, without a word
    from eenvoudig.config import load_config
    from eenvoudig.errors import DataError

    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.eenvoudig\ntarget = "B2"\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_config()
    assert str(info.value) == (f"{tmp_path / 'pyproject.toml'}: fout in de TOML-opmaak op regel 1, kolom 16. Kijk "
                               "daar naar de haakjes [ ], de aanhalingstekens en het =-teken.")
    (tmp_path / "pyproject.toml").write_text('[tool.black\nline-length = 100\n', encoding="utf-8")
    assert load_config().target == "B1"          # another tool's broken file is not ours


def test_a_picture_is_shown_once_in_a_run_of_sentences_of_one_paragraph():
    # the Wmo decision had six crossed arms in a row, also beside "U moet het bezwaarschrift tekenen"
    from eenvoudig.render.choose import choose_all

    text = ("Bent u het niet eens met dit besluit? Dan kunt u binnen 6 weken bezwaar maken. U moet het "
            "bezwaarschrift tekenen.\n\nHeeft u een vraag over uw bezwaar? Bel ons op 14 0418.\n\n"
            "Kom langs [picto:bezwaar]. Wij praten over uw bezwaar.")
    analysis = eenvoudig.analyze(eenvoudig.read_text(text))
    pictures, _ = choose_all(analysis)
    assert [p.concept if p else None for p in pictures] == [
        "bezwaar", None, None,          # one paragraph: once
        "bezwaar", "telefoon",          # a new paragraph shows it again
        "bezwaar", None]                # asked for with [picto:…]: shown; the next one is a repeat
