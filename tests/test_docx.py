"""Word files in and out: edits in runs inside and outside hyperlinks, every other run child kept (D4),
field text never edited (and said so), and the review file with tracked changes and comments."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import eenvoudig
from eenvoudig.document import read_docx_bytes
from eenvoudig.rewriting import apply_edits, docx_with_edits, rewrite
from eenvoudig.rewriting.docx import edit_docx, review_letter

from wordfiles import W, accept, reject, rich_letter, with_document

NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
DATE = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc)
PAIRS = [("Indien", "Als"), ("reeds", "al"), ("Nadere informatie", "Meer informatie"), ("treft", "vindt"),
         (" aan", None), ("middels", "met"), ("reeds", "al"), ("verstrekken", "geven"), ("reeds", "al"),
         ("Indien nodig", "Als het nodig is"), ("reeds", "al")]


@pytest.fixture(scope="module")
def letter(tmp_path_factory) -> Path:
    return rich_letter(tmp_path_factory.mktemp("word") / "brief.docx")


@pytest.fixture(scope="module")
def original(letter: Path):
    return eenvoudig.analyze(eenvoudig.read(letter))


@pytest.fixture(scope="module")
def reviewed(letter: Path, original):
    return review_letter(letter.read_bytes(), original, date=DATE)


def part(data: bytes, name: str = "word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def paragraph(root, start: str):
    return next(p for p in root.iter(f"{{{W}}}p") if "".join(p.itertext()).startswith(start))


def count(el, tag: str) -> int:
    return len(el.findall(f".//w:{tag}", NS))


# ------------------------------------------------------------------------------------ plain edits


def test_edit_keeps_every_other_child_of_the_run(letter: Path, original) -> None:
    """D4: the replaced word shares a run with a symbol, a footnote and comment reference, a soft hyphen and a
    picture; python-docx's `run.text = …` deleted them all. Only the text nodes may change."""
    before = paragraph(part(letter.read_bytes()), "Wij verstrekken")
    data = docx_with_edits(letter.read_bytes(), rewrite(original).applied)
    after = paragraph(part(data), "Wij geven")
    for tag in ("sym", "footnoteReference", "commentReference", "softHyphen", "drawing"):
        assert count(before, tag) == count(after, tag) == 1, tag
    run = after.find("w:r", NS)
    assert [c.tag.split("}")[1] for c in run if not c.tag.endswith("rPr")] == \
        ["t", "footnoteReference", "t", "softHyphen", "drawing", "commentReference", "sym"]
    assert [t.text for t in run.findall("w:t", NS)] == ["Wij geven u ", "hierbij de beschikking."]


def test_edits_inside_and_around_hyperlinks_are_written(letter: Path, original) -> None:
    result = rewrite(original)
    out = edit_docx(letter.read_bytes(), result.applied)
    root = part(out.data)
    links = root.findall(".//w:hyperlink", NS)
    assert ["".join(link.itertext()) for link in links] == ["www.rivierstad.nl", "formulier al online invullen"]
    assert [link.get(f"{{{NS['r']}}}id") for link in links] == \
        [link.get(f"{{{NS['r']}}}id") for link in part(letter.read_bytes()).findall(".//w:hyperlink", NS)]
    doc = read_docx_bytes(out.data, "uit.docx")
    assert [b.text for b in doc.blocks][2:5] == [
        "Als u vragen heeft, kunt u ons al bellen.",
        "Meer informatie vindt u op www.rivierstad.nl of met de app.",
        "U kunt het formulier al online invullen."]


def test_text_a_field_shows_is_never_edited_and_counted_apart(letter: Path, original) -> None:
    result = rewrite(original)
    out = edit_docx(letter.read_bytes(), result.applied)
    assert [(s.edit.before, s.place, s.reason) for s in out.skipped] == [("reeds", "alinea 8", "veld")]
    assert len(out.written) == len(result.applied) - 1 == 11
    doc = read_docx_bytes(out.data, "uit.docx")
    assert doc.source == apply_edits(original.document.source, out.written)
    assert "Wij hebben reeds een besluit genomen." in doc.source and "«naam»" in doc.source
    root = part(out.data)
    assert [f.get(f"{{{W}}}instr") for f in root.findall(".//w:fldSimple", NS)] == [" MERGEFIELD naam "]
    assert count(root, "instrText") == 1 and count(root, "fldChar") == 3


def test_cli_says_what_was_not_done(letter: Path, run_main, tmp_path: Path) -> None:
    out = tmp_path / "eenvoudig.docx"
    result = run_main("rewrite", str(letter), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("eenvoudig: 11 veranderingen uitgevoerd")
    assert lines[1] == ("eenvoudig: 1 verandering niet gedaan in alinea 8 (de tekst komt uit een veld, "
                        "zoals een samenvoegveld); doe die zelf.")


# ----------------------------------------------------------------------------------------- review


def test_review_has_every_written_edit_as_a_tracked_change(reviewed) -> None:
    root = part(reviewed.docx.data)
    changes = [el for el in root.iter(f"{{{W}}}del", f"{{{W}}}ins")]
    assert {(el.get(f"{{{W}}}author"), el.get(f"{{{W}}}date")) for el in changes} == {("eenvoudig", "2026-12-01T09:30:00Z")}
    pairs, pending = [], None
    for el in changes:
        if el.tag.endswith("del"):
            if pending is not None:
                pairs.append((pending, None))
            pending = "".join(t.text for t in el.iter(f"{{{W}}}delText"))
            assert count(el, "t") == 0 and all(r.tag == f"{{{W}}}r" for r in el)
        else:
            assert count(el, "delText") == 0
            pairs.append((pending, "".join(t.text for t in el.iter(f"{{{W}}}t"))))
            pending = None
    if pending is not None:
        pairs.append((pending, None))
    assert pairs == PAIRS
    assert len(reviewed.docx.written) == 11 and [s.reason for s in reviewed.docx.skipped] == ["veld"]
    # the word inside the link is changed inside the link, keeping its style
    link = root.findall(".//w:hyperlink", NS)[1]
    assert count(link, "del") == count(link, "ins") == 1
    assert link.find(".//w:ins/w:r/w:rPr/w:rStyle", NS).get(f"{{{W}}}val") == "Hyperlink"
    # formatting of the old word goes with the new one (bold "Indien" → bold "Als")
    first_ins = root.find(".//w:ins", NS)
    assert first_ins.find("w:r/w:rPr/w:b", NS) is not None


def test_review_ids_are_unique(reviewed) -> None:
    root = part(reviewed.docx.data)
    revision_ids = [el.get(f"{{{W}}}id") for el in root.iter(f"{{{W}}}del", f"{{{W}}}ins")]
    comment_ids = [c.get(f"{{{W}}}id") for c in part(reviewed.docx.data, "word/comments.xml").findall("w:comment", NS)]
    assert len(set(revision_ids)) == len(revision_ids) == 21
    assert len(set(comment_ids)) == len(comment_ids)
    assert not set(revision_ids) & set(comment_ids)
    assert [int(i) for i in revision_ids] == sorted(int(i) for i in revision_ids)  # numbered in reading order
    allowed = {f"{{{W}}}p", f"{{{W}}}hyperlink"}  # where Word accepts changes and comment marks
    for tag in ("ins", "del", "commentRangeStart", "commentRangeEnd"):
        assert {el.getparent().tag for el in root.iter(f"{{{W}}}{tag}")} <= allowed, tag
    assert {el.getparent().tag for el in root.iter(f"{{{W}}}commentReference")} == {f"{{{W}}}r"}
    for cid in comment_ids:  # every comment is anchored exactly once
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            assert len(root.findall(f".//w:{tag}[@w:id='{cid}']", NS)) == 1, (cid, tag)


def test_rejecting_every_change_gives_the_original_text(letter: Path, original, reviewed) -> None:
    back = with_document(reviewed.docx.data, reject(part(reviewed.docx.data)))
    assert read_docx_bytes(back, "terug.docx").source == original.document.source


def test_accepting_every_change_gives_the_rewrite(original, reviewed) -> None:
    done = with_document(reviewed.docx.data, accept(part(reviewed.docx.data)))
    text = read_docx_bytes(done, "klaar.docx").source
    assert text == apply_edits(original.document.source, reviewed.docx.written)
    assert text.replace("Wij hebben reeds", "Wij hebben al") == reviewed.rewrite.text  # only the field is left


def _anchored(root) -> dict[str, str]:
    """Return comment id → the original text between its range start and end (deleted text counts, inserted not)."""
    texts: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for el in root.iter():
        tag = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
        cid = el.get(f"{{{W}}}id")
        if tag == "commentRangeStart":
            open_ids.add(cid)
            texts[cid] = []
        elif tag == "commentRangeEnd":
            open_ids.discard(cid)
        elif tag in ("t", "delText") and not any(a.tag == f"{{{W}}}ins" for a in el.iterancestors()):
            for i in open_ids:
                texts[i].append(el.text or "")
    return {k: "".join(v) for k, v in texts.items()}


def test_review_comments_are_anchored_on_their_words(reviewed) -> None:
    root = part(reviewed.docx.data)
    comments = {c.get(f"{{{W}}}id"): (c.get(f"{{{W}}}author"), "\n".join("".join(p.itertext()) for p in c.findall("w:p", NS)))
                for c in part(reviewed.docx.data, "word/comments.xml").findall("w:comment", NS)}
    anchored = _anchored(root)
    assert comments["0"] == ("Schrijver", "Eigen opmerking van de schrijver.")  # the writer's own comment stays
    assert anchored["0"] == " Lees dit goed."
    ours = {k: v for k, (author, v) in comments.items() if author == "eenvoudig"}
    assert len(ours) == reviewed.docx.comments
    # the reading level on the first paragraph, with the score after the changes and "Begin hier"
    first = min(ours, key=int)
    assert anchored[first] == "Uw aanvraag bijzondere bijstand"
    level = ours[first]
    assert level.startswith(f"eenvoudig: Niveau {reviewed.report.score.level} van 4: ")
    assert f"Met de bijgehouden wijzigingen: moeilijkheid {reviewed.after.score.difficulty:.0f} van 100" in level
    assert "Begin hier" in level
    # the edit that could not be made (field text) is a comment on that word
    field = [k for k, v in ours.items() if "kon deze verandering niet maken" in v]
    assert [anchored[k] for k in field] == ["reeds"]
    assert "de tekst komt uit een veld" in ours[field[0]] and "'reeds' wordt 'al'" in ours[field[0]]
    # a finding that is not applied: message, why and anchor; 'beschikking' → 'besluit' is only suggested
    hit = next(k for k, v in ours.items() if "'beschikking'" in v and "[lexicon." in v)
    assert anchored[hit] == "beschikking"
    assert "Waarom: " in ours[hit] and "'besluit'" in ours[hit]
    # applied edits are tracked changes, not comments as well
    assert not any(anchored[k] in ("Indien", "middels", "verstrekken") for k in ours)
    # every other comment is one finding: its severity first
    rest = [v for k, v in ours.items() if k != first and k not in field]
    assert rest and all(v.startswith(("Fout: ", "Waarschuwing: ", "Tip: ")) for v in rest)


def test_review_keeps_everything_else(letter: Path, reviewed) -> None:
    old, new = parts(letter.read_bytes()), parts(reviewed.docx.data)
    for name in old:
        if name.startswith(("word/header", "word/footer", "word/footnotes", "word/media/", "word/styles")):
            assert new[name] == old[name], name
    assert set(old) <= set(new)
    before, after = part(letter.read_bytes()), part(reviewed.docx.data)
    for tag in ("drawing", "footnoteReference", "sym", "softHyphen", "tab", "br", "hyperlink", "fldSimple",
                "instrText", "tbl", "tc", "sectPr", "headerReference", "footerReference"):
        assert count(before, tag) == count(after, tag), tag
    footer = part(reviewed.docx.data, "word/footer1.xml")
    assert [f.get(f"{{{W}}}instr") for f in footer.findall(".//w:fldSimple", NS)] == [" PAGE "]
    # Word's own reader opens it: python-docx sees the same paragraphs and the table
    import docx

    d = docx.Document(io.BytesIO(reviewed.docx.data))
    assert len(d.paragraphs) == len(docx.Document(str(letter)).paragraphs)
    assert d.tables[0].cell(0, 1).text == "€ 450,00"
    assert d.sections[0].header.paragraphs[0].text == "Gemeente Rivierstad – Afdeling Werk en Inkomen"


def test_review_on_the_command_line(letter: Path, run_main, tmp_path: Path) -> None:
    result = run_main("rewrite", str(letter), "--review", "-o", str(tmp_path / "brief-nagekeken.docx"))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("eenvoudig: 11 veranderingen als bijgehouden wijziging")
    assert lines[0].endswith(f"geschreven naar {tmp_path / 'brief-nagekeken.docx'}.")
    assert "1 verandering niet gedaan in alinea 8" in lines[1]
    assert lines[2].startswith("eenvoudig: moeilijkheid ") and "opmerkingen in Word" in lines[2]
    # without -o the review goes next to the letter, never over it
    copy = tmp_path / "kopie.docx"
    copy.write_bytes(letter.read_bytes())
    assert run_main("rewrite", str(copy), "--review").exit_code == 0
    assert (tmp_path / "kopie-nagekeken.docx").is_file() and copy.read_bytes() == letter.read_bytes()
    # a text letter cannot become a Word review
    txt = tmp_path / "brief.txt"
    txt.write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    bad = run_main("rewrite", str(txt), "--review", "-o", str(tmp_path / "x.docx"))
    assert bad.exit_code == 2 and "alleen met Word-bestanden" in bad.stderr


def _docx(*runs: tuple[str, bool]) -> bytes:
    import docx

    d = docx.Document()
    p = d.add_paragraph()
    for text, bold in runs:
        p.add_run(text).bold = bold or None
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_review_of_an_edit_across_runs_and_of_an_insertion() -> None:
    from eenvoudig.rewriting import Edit
    from eenvoudig.rewriting.docx import review_docx

    data = _docx(("In het kader ", True), ("van de wet ", False), ("retourneert u het formulier", False), (".", False))
    source = "In het kader van de wet retourneert u het formulier."
    edits = [Edit(0, 16, "In het kader van", "Voor", "lexicon.ambtelijk", True),
             Edit(24, 35, "retourneert", "stuurt", "lexicon.ambtelijk", True),
             Edit(51, 51, "", " terug", "lexicon.ambtelijk", True)]
    out = review_docx(data, edits, date=DATE)
    assert out.written == tuple(edits) and out.skipped == ()
    root = part(out.data)
    p = root.find(".//w:body/w:p", NS)
    kinds = [(c.tag.split("}")[1], "".join(c.itertext())) for c in p if not c.tag.endswith("pPr")]
    assert kinds == [("del", "In het kader van"), ("ins", "Voor"), ("r", " de wet "), ("del", "retourneert"),
                     ("ins", "stuurt"), ("r", " u het formulier"), ("ins", " terug"), ("r", ".")]
    first_del = p.find("w:del", NS)
    assert [r.find("w:rPr/w:b", NS) is not None for r in first_del.findall("w:r", NS)] == [True, False]
    assert p.find("w:ins/w:r/w:rPr/w:b", NS) is not None  # "Voor" takes the formatting of "In het kader "
    assert read_docx_bytes(with_document(out.data, reject(part(out.data))), "x").source == source
    assert read_docx_bytes(with_document(out.data, accept(part(out.data))), "x").source == \
        "Voor de wet stuurt u het formulier terug."
    fixed = edit_docx(data, edits)
    assert read_docx_bytes(fixed.data, "x").source == "Voor de wet stuurt u het formulier terug."
    assert [r.text for r in part(fixed.data).iter(f"{{{W}}}t")] == ["Voor", " de wet ", "stuurt u het formulier terug", "."]


def test_content_controls_are_edited_and_earlier_tracked_changes_are_left_alone() -> None:
    """Text in a content control (w:sdt) is the letter's text; text in someone's pending insertion is read but not
    changed, and text someone deleted is not read at all."""
    import docx
    from docx.oxml import parse_xml

    from eenvoudig.rewriting.docx import edit_docx

    d = docx.Document()
    p = d.add_paragraph()
    p._p.append(parse_xml(
        f'<w:sdt xmlns:w="{W}"><w:sdtPr/><w:sdtContent><w:r><w:t xml:space="preserve">Wij hebben reeds </w:t></w:r>'
        '</w:sdtContent></w:sdt>'))
    p._p.append(parse_xml(f'<w:del xmlns:w="{W}" w:id="7" w:author="Jan" w:date="2026-11-01T10:00:00Z"><w:r>'
                          '<w:delText xml:space="preserve">nooit </w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="8" w:author="Jan" w:date="2026-11-01T10:00:00Z"><w:r>'
                          '<w:t xml:space="preserve">reeds </w:t></w:r></w:ins>'))
    p.add_run("betaald.")
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx_bytes(buf.getvalue(), "brief.docx")
    assert doc.source == "Wij hebben reeds reeds betaald."
    edits = rewrite(eenvoudig.analyze(doc)).applied
    assert [(e.start, e.before, e.after) for e in edits] == [(11, "reeds", "al"), (17, "reeds", "al")]
    out = edit_docx(buf.getvalue(), edits)
    assert [e.start for e in out.written] == [11]
    assert [(s.edit.start, s.reason, s.why) for s in out.skipped] == [
        (17, "wijziging", "de tekst staat in een bijgehouden wijziging die nog niet is geaccepteerd")]
    assert read_docx_bytes(out.data, "uit.docx").source == "Wij hebben al reeds betaald."
    root = part(out.data)
    assert [t.text for t in root.iter(f"{{{W}}}delText")] == ["nooit "]  # Jan's deletion is still there


def test_paragraphs_inside_a_content_control_are_read_and_edited() -> None:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("Geachte heer Jansen,")
    d.element.body.insert(1, parse_xml(
        f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:alias w:val="Tekst"/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>Indien u vragen heeft, belt u ons.</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    d.add_paragraph("Met vriendelijke groet,")
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx_bytes(buf.getvalue(), "sjabloon.docx")
    assert [(b.text, b.place) for b in doc.blocks] == [("Geachte heer Jansen,", "alinea 1"),
                                                      ("Indien u vragen heeft, belt u ons.", "alinea 2"),
                                                      ("Met vriendelijke groet,", "alinea 3")]
    out = edit_docx(buf.getvalue(), rewrite(eenvoudig.analyze(doc)).applied)
    assert read_docx_bytes(out.data, "uit.docx").blocks[1].text == "Als u vragen heeft, belt u ons."
    assert part(out.data).find(".//w:sdt/w:sdtContent/w:p", NS) is not None


def test_a_letter_eenvoudig_already_reviewed_is_not_reviewed_again(reviewed, letter: Path, run_main, tmp_path) -> None:
    from eenvoudig.errors import InputError
    from eenvoudig.document import read_docx_bytes
    from eenvoudig.rewriting.docx import own_review_marks

    data = reviewed.docx.data
    root = part(data)
    changes = count(root, "ins") + count(root, "del")
    assert changes == 2 * len(reviewed.docx.written) - sum(1 for e in reviewed.docx.written if not e.after or not e.before)
    assert own_review_marks(data) == changes + reviewed.docx.comments
    assert own_review_marks(data, author="Iemand anders") == 0 and own_review_marks(letter.read_bytes()) == 0
    assert own_review_marks(b"geen zip") == 0
    with pytest.raises(InputError, match=f"er staan nog {own_review_marks(data)} wijzigingen of opmerkingen van "
                                         "eenvoudig in. Accepteer of weiger eerst"):
        review_letter(data, eenvoudig.analyze(read_docx_bytes(data, "b.docx")), date=DATE)
    again = tmp_path / "nagekeken.docx"
    again.write_bytes(data)
    result = run_main("rewrite", again, "--review", "-o", tmp_path / "nog-eens.docx")
    assert result.exit_code == 3 and "al nagekeken door eenvoudig" in result.stderr
    assert not (tmp_path / "nog-eens.docx").exists()
