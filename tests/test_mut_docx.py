"""Exact pins for the Word writer (issue 16, mutation score of rewriting/docx.py).

Every test builds a small Word file, calls `edit_docx` / `review_docx` / `review_letter` itself (no shared
fixture: mutmut only runs the tests that call the mutated code) and pins the produced XML run by run:
which runs a change is made of, w:del/w:ins with author, date and ids, xml:space, run properties and
attributes kept, comment ranges and references, the comments' text, author, initials and date, what was
skipped and why. `shape` writes an element compactly: tag(attributes)[children], text in quotes, "keep"
for xml:space="preserve".
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from lxml import etree

import eenvoudig
from eenvoudig.checks import Finding
from eenvoudig.document import read_docx_bytes
from eenvoudig.rewriting import Edit
from eenvoudig.rewriting.docx import Note, edit_docx, finding_text, review_docx, review_letter
from wordfiles import accept, reject, with_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XS = "{http://www.w3.org/XML/1998/namespace}space"
DATE = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc)
STAMP = "author=eenvoudig,date=2026-12-01T09:30:00Z"


def _local(tag: str) -> str:
    return tag.split("}")[1]


def shape(el) -> str:
    name = _local(el.tag)
    attrs = []
    for k, v in el.attrib.items():
        if k == XS:
            attrs.append("keep" if v == "preserve" else f"space={v}")
        else:
            attrs.append(f"{_local(k) if '}' in k else k}={v}")
    head = name + ("(" + ",".join(attrs) + ")" if attrs else "")
    if name in ("t", "delText", "instrText"):
        return f"{head}'{el.text or ''}'"
    kids = [shape(c) for c in el]
    return head + ("[" + " ".join(kids) + "]" if kids else "")


def make(*paragraphs: str) -> bytes:
    """A .docx whose body paragraphs hold these runs (WordprocessingML without the namespace declaration)."""
    d = docx.Document()
    body = d.element.body
    for xml in paragraphs:
        body.insert(len(body) - 1, parse_xml(f'<w:p xmlns:w="{W}">{xml}</w:p>'))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def part(data: bytes, name: str = "word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def paras(data: bytes) -> list[str]:
    return [" ".join(shape(c) for c in p if _local(c.tag) != "pPr") for p in part(data).iter(f"{{{W}}}p")]


def comments(data: bytes) -> list[tuple]:
    """(id, author, initials, date, paragraph texts) of every comment."""
    return [(c.get(f"{{{W}}}id"), c.get(f"{{{W}}}author"), c.get(f"{{{W}}}initials"), c.get(f"{{{W}}}date"),
             ["".join(t.text for t in p.iter(f"{{{W}}}t")) for p in c.findall(f"{{{W}}}p")])
            for c in part(data, "word/comments.xml")]


def rejected(data: bytes) -> str:
    """The text after rejecting every tracked change."""
    return read_docx_bytes(with_document(data, reject(part(data))), "x.docx").source


def accepted(data: bytes) -> str:
    """The text after accepting every tracked change."""
    return read_docx_bytes(with_document(data, accept(part(data))), "x.docx").source


def source(data: bytes) -> str:
    return read_docx_bytes(data, "x.docx").source


def edit(src: str, before: str, after: str, nth: int = 0) -> Edit:
    at = -1
    for _ in range(nth + 1):
        at = src.index(before, at + 1)
    return Edit(at, at + len(before), before, after, "lexicon.ambtelijk", True)


def insert(at: int, text: str) -> Edit:
    return Edit(at, at, "", text, "lexicon.ambtelijk", True)


# ------------------------------------------------------------------------------------ tracked changes


def test_a_change_next_to_a_footnote_reference_and_a_soft_hyphen() -> None:
    """The run is split exactly at the word: the reference stays before, the soft hyphen after; the deleted run
    keeps its attributes and properties; the new run copies the properties; ids go above the highest id in the
    package (a bookmark's 40; a bookmark id that is not a number is ignored)."""
    data = make('<w:bookmarkStart w:id="x1" w:name="a"/><w:bookmarkStart w:id="40" w:name="b"/>'
                '<w:r w:rsidR="00A1"><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Wij </w:t>'
                '<w:footnoteReference w:id="1"/><w:t>verstrekken</w:t><w:softHyphen/>'
                '<w:t xml:space="preserve"> u de beschikking</w:t></w:r><w:bookmarkEnd w:id="40"/>')
    src = source(data)
    assert src == "Wij verstrekken u de beschikking"
    out = review_docx(data, [edit(src, "verstrekken", "geven")], date=DATE)
    assert paras(out.data) == [
        "bookmarkStart(id=x1,name=a) bookmarkStart(id=40,name=b) "
        "r(rsidR=00A1)[rPr[i] t(keep)'Wij ' footnoteReference(id=1)] "
        f"del({STAMP},id=41)[r(rsidR=00A1)[rPr[i] delText(keep)'verstrekken']] "
        f"ins({STAMP},id=42)[r[rPr[i] t'geven']] "
        "r(rsidR=00A1)[rPr[i] softHyphen t(keep)' u de beschikking'] bookmarkEnd(id=40)"]
    assert (out.written, out.skipped, out.comments) == ((edit(src, "verstrekken", "geven"),), (), 0)
    assert rejected(out.data) == src and accepted(out.data) == "Wij geven u de beschikking"
    # the run properties of the new run are a copy, not the old element moved
    root = part(out.data)
    assert root.find(f".//{{{W}}}del/{{{W}}}r/{{{W}}}rPr/{{{W}}}i") is not None


def test_insertions_at_the_start_and_next_to_a_reference() -> None:
    """An insertion at the start of a paragraph goes before the first text (after a page break mark) with the
    formatting of the first run; one in the middle goes right after the text before it, before a reference."""
    data = make('<w:r><w:rPr><w:b/></w:rPr><w:lastRenderedPageBreak/><w:t>Wij</w:t></w:r>'
                '<w:r><w:t xml:space="preserve"> betalen </w:t><w:footnoteReference w:id="2"/><w:t>het geld.</w:t></w:r>')
    src = source(data)
    assert src == "Wij betalen het geld."
    edits = [insert(0, "Toch "), insert(12, "al ")]
    out = review_docx(data, edits, date=DATE)
    assert paras(out.data) == [
        "r[rPr[b] lastRenderedPageBreak] "
        f"ins({STAMP},id=3)[r[rPr[b] t(keep)'Toch ']] r[rPr[b] t'Wij'] r[t(keep)' betalen '] "
        f"ins({STAMP},id=4)[r[t(keep)'al ']] r[footnoteReference(id=2) t'het geld.']"]
    assert out.written == tuple(edits) and out.skipped == ()
    assert rejected(out.data) == src and accepted(out.data) == "Toch Wij betalen al het geld."


def test_insertion_takes_the_formatting_of_the_first_run_not_the_second() -> None:
    data = make('<w:r><w:rPr><w:b/></w:rPr><w:t>Wij</w:t></w:r><w:r><w:rPr><w:i/></w:rPr>'
                '<w:t xml:space="preserve"> betalen.</w:t></w:r>')
    out = review_docx(data, [insert(0, "Nu ")], date=DATE)
    assert paras(out.data) == [f"ins({STAMP},id=1)[r[rPr[b] t(keep)'Nu ']] r[rPr[b] t'Wij'] "
                               "r[rPr[i] t(keep)' betalen.']"]


def test_a_deletion_around_a_reference_and_the_new_words_after_the_last_part() -> None:
    """The reference inside the replaced words stays (outside the deletion); the deletion has two parts and the
    new words come after the last one, with the formatting of the deleted run (italic), not of the run before."""
    data = make('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Zie </w:t></w:r>'
                '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">de </w:t><w:footnoteReference w:id="3"/>'
                '<w:t>beschikking</w:t></w:r><w:r><w:t>.</w:t></w:r>')
    src = source(data)
    out = review_docx(data, [edit(src, "de beschikking", "het besluit")], date=DATE)
    assert paras(out.data) == [
        "r[rPr[b] t(keep)'Zie '] "
        f"del({STAMP},id=4)[r[rPr[i] delText(keep)'de ']] r[rPr[i] footnoteReference(id=3)] "
        f"del({STAMP},id=5)[r[rPr[i] delText(keep)'beschikking']] ins({STAMP},id=6)[r[rPr[i] t'het besluit']] "
        "r[t'.']"]
    assert rejected(out.data) == src and accepted(out.data) == "Zie het besluit."


def test_a_change_across_a_hyperlink_boundary_puts_the_new_words_after_the_first_part() -> None:
    data = make('<w:r><w:t xml:space="preserve">Kijk op </w:t></w:r><w:hyperlink w:anchor="x"><w:r>'
                '<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>de site</w:t></w:r></w:hyperlink>'
                '<w:r><w:t xml:space="preserve"> van ons.</w:t></w:r>')
    src = source(data)
    out = review_docx(data, [edit(src, "op de site", "hier")], date=DATE)
    assert paras(out.data) == [
        f"r[t(keep)'Kijk '] del({STAMP},id=1)[r[delText(keep)'op ']] ins({STAMP},id=2)[r[t'hier']] "
        f"hyperlink(anchor=x)[del({STAMP},id=3)[r[rPr[rStyle(val=Hyperlink)] delText(keep)'de site']]] "
        "r[t(keep)' van ons.']"]
    assert rejected(out.data) == src and accepted(out.data) == "Kijk hier van ons."


def test_a_deletion_only_has_no_insertion_and_ids_start_at_1_in_a_package_without_ids() -> None:
    data = make('<w:r><w:t xml:space="preserve">Wij hebben reeds betaald.</w:t></w:r>')
    src = source(data)
    out = review_docx(data, [edit(src, "reeds ", "")], date=DATE)
    assert paras(out.data) == [f"r[t(keep)'Wij hebben '] del({STAMP},id=1)[r[delText(keep)'reeds ']] "
                               "r[t'betaald.']"]
    assert accepted(out.data) == "Wij hebben betaald."


def test_changes_and_insertions_at_paragraph_ends_in_a_later_paragraph() -> None:
    """An insertion at the very end of a paragraph and a change of its last word are found in that paragraph
    (not the next); offsets in a later paragraph are relative to that paragraph."""
    data = make('<w:r><w:t>Bel ons</w:t></w:r>', '<w:r><w:t>Wij helpen u</w:t></w:r>',
                '<w:r><w:t>Tot ziens</w:t></w:r>')
    src = source(data)
    assert src == "Bel ons\nWij helpen u\nTot ziens"
    edits = [insert(7, " gerust"), insert(src.index("helpen"), "graag "), edit(src, "u", "jou", 0)]
    out = review_docx(data, edits, date=DATE)
    assert out.written == (edits[0], edits[1], edits[2]) and out.skipped == ()
    assert paras(out.data) == [
        f"r[t'Bel ons'] ins({STAMP},id=1)[r[t(keep)' gerust']]",
        f"r[t(keep)'Wij '] ins({STAMP},id=2)[r[t(keep)'graag ']] r[t(keep)'helpen '] "
        f"del({STAMP},id=3)[r[delText(keep)'u']] ins({STAMP},id=4)[r[t'jou']]",
        "r[t'Tot ziens']"]
    assert accepted(out.data) == "Bel ons gerust\nWij graag helpen jou\nTot ziens"


def test_earlier_changes_keep_their_ids_and_ours_are_numbered_after_every_id() -> None:
    data = make('<w:r><w:t xml:space="preserve">Wij hebben </w:t></w:r>'
                '<w:del w:id="7" w:author="Jan" w:date="2026-11-01T10:00:00Z"><w:r>'
                '<w:delText xml:space="preserve">nooit </w:delText></w:r></w:del>'
                '<w:r><w:t xml:space="preserve">reeds betaald, indien nodig.</w:t></w:r>')
    src = source(data)
    edits = [edit(src, "reeds", "al"), edit(src, "indien", "als")]
    out = review_docx(data, edits, date=DATE)
    assert paras(out.data) == [
        "r[t(keep)'Wij hebben '] del(id=7,author=Jan,date=2026-11-01T10:00:00Z)[r[delText(keep)'nooit ']] "
        f"del({STAMP},id=8)[r[delText(keep)'reeds']] ins({STAMP},id=9)[r[t'al']] r[t(keep)' betaald, '] "
        f"del({STAMP},id=10)[r[delText(keep)'indien']] ins({STAMP},id=11)[r[t'als']] r[t(keep)' nodig.']"]


def test_the_date_is_utc_whatever_the_machine_zone(monkeypatch) -> None:
    data = make('<w:r><w:t>Indien nodig</w:t></w:r>')
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        out = review_docx(data, [edit("Indien nodig", "Indien", "Als")], [Note(7, 12, "n")],
                          date=dt.datetime(2026, 12, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))))
        before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        now = review_docx(data, [edit("Indien nodig", "Indien", "Als")], [Note(7, 12, "n")])
        after = dt.datetime.now(dt.timezone.utc)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    dates = {el.get(f"{{{W}}}date") for el in part(out.data).iter(f"{{{W}}}del", f"{{{W}}}ins")}
    assert dates == {"2026-12-01T09:30:00Z"} and comments(out.data)[0][3] == "2026-12-01T09:30:00Z"
    stamps = {el.get(f"{{{W}}}date") for el in part(now.data).iter(f"{{{W}}}del", f"{{{W}}}ins")}
    stamps.add(comments(now.data)[0][3])
    assert len(stamps) == 1
    when = dt.datetime.strptime(stamps.pop(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    assert before <= when <= after


# ------------------------------------------------------------------------------------------ comments


def test_comments_in_reading_order_joined_per_span_and_dropped_when_they_cannot_be_anchored() -> None:
    data = make('<w:r><w:t xml:space="preserve">Wij </w:t><w:footnoteReference w:id="1"/>'
                '<w:t xml:space="preserve">verstrekken u de beschikking.</w:t></w:r>',
                '<w:r><w:t xml:space="preserve">Bel ons </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>gerust</w:t></w:r>'
                '<w:r><w:t>.</w:t></w:r>')
    src = source(data)
    assert src == "Wij verstrekken u de beschikking.\nBel ons gerust."
    notes = [Note(30, 40, "over de grens"), Note(18, 32, "lang"), Note(4, 15, "een"), Note(4, 15, "twee"),
             Note(4, 8, "kort"), Note(9, 9, "leeg"), Note(42, 48, "gerust"), Note(34, 35, "B")]
    out = review_docx(data, [], notes, date=DATE)
    assert paras(out.data) == [
        "r[t(keep)'Wij ' footnoteReference(id=1)] commentRangeStart(id=0) commentRangeStart(id=1) r[t(keep)'vers'] "
        "commentRangeEnd(id=1) r[commentReference(id=1)] r[t'trekken'] commentRangeEnd(id=0) "
        "r[commentReference(id=0)] r[t(keep)' u '] commentRangeStart(id=2) r[t'de beschikking'] "
        "commentRangeEnd(id=2) r[commentReference(id=2)] r[t'.']",
        "commentRangeStart(id=3) r[t(keep)'B'] commentRangeEnd(id=3) r[commentReference(id=3)] r[t(keep)'el ons '] "
        "commentRangeStart(id=4) r[rPr[b] t'gerust'] commentRangeEnd(id=4) r[commentReference(id=4)] r[t'.']"]
    mine = ("eenvoudig", "E", "2026-12-01T09:30:00Z")
    assert comments(out.data) == [("0", *mine, ["een", "", "twee"]), ("1", *mine, ["kort"]),
                                  ("2", *mine, ["lang"]), ("3", *mine, ["B"]), ("4", *mine, ["gerust"])]
    assert out.comments == 5 and out.written == () and out.skipped == ()


def test_a_comment_starting_later_in_a_paragraph_is_numbered_after_an_earlier_longer_one() -> None:
    data = make('<w:r><w:t xml:space="preserve">Een twee drie vier vijf</w:t></w:r>',
                '<w:r><w:t xml:space="preserve">zes zeven acht</w:t></w:r>')
    out = review_docx(data, [], [Note(28, 33, "zeven"), Note(24, 38, "alles"), Note(4, 8, "twee"),
                                 Note(0, 23, "hele zin")], author="Toetser", date=DATE)
    assert [(c[0], c[1], c[4]) for c in comments(out.data)] == [
        ("0", "Toetser", ["hele zin"]), ("1", "Toetser", ["twee"]), ("2", "Toetser", ["alles"]),
        ("3", "Toetser", ["zeven"])]
    assert paras(out.data)[1] == (
        "commentRangeStart(id=2) r[t(keep)'zes '] commentRangeStart(id=3) r[t'zeven'] commentRangeEnd(id=3) "
        "r[commentReference(id=3)] r[t(keep)' acht'] commentRangeEnd(id=2) r[commentReference(id=2)]")


def test_a_note_is_dropped_only_when_every_change_it_names_was_written() -> None:
    data = make('<w:r><w:t xml:space="preserve">Uw naam is </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD naam ">'
                '<w:r><w:t>reeds</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> indien bekend.</w:t></w:r>')
    src = source(data)
    edits = [edit(src, "indien", "als"), edit(src, "reeds", "al")]   # the second is in a field: skipped
    assert src == "Uw naam is reeds indien bekend."
    notes = [Note(0, 2, "gedekt", (0,)), Note(3, 7, "niet geschreven", (1,)), Note(11, 16, "half", (0, 1)),
             Note(24, 30, "vrij")]
    out = review_docx(data, edits, notes, date=DATE)
    assert out.written == (edits[0],) and [(s.edit, s.place, s.reason) for s in out.skipped] == [
        (edits[1], "alinea 1", "veld")]
    assert [c[4] for c in comments(out.data)] == [
        ["niet geschreven"],
        ["half", "", "eenvoudig kon deze verandering niet maken (de tekst komt uit een veld, zoals een "
                     "samenvoegveld): 'reeds' wordt 'al'. Doe het zelf."],
        ["vrij"]]
    assert out.comments == 3


def test_changes_that_cannot_be_written_become_comments_around_fields_and_tabs() -> None:
    """Text a field shows is never split: the comment goes around the whole field (a simple field, or a complex
    one from its begin run to its end run). An insertion that cannot be made is a comment on the character
    before it (here the tab)."""
    fld = ('<w:r><w:t xml:space="preserve">Uw naam is </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD naam ">'
           '<w:r><w:t>de reeds bekende</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> klant.</w:t></w:r>')
    cpx = ('<w:r><w:t xml:space="preserve">Wij hebben </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> MERGEFIELD zin </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>nu reeds of later</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> betaald.</w:t></w:r>')
    tab = '<w:r><w:tab/><w:t>Bedrag</w:t></w:r>'
    data = make(fld, cpx, tab)
    src = source(data)
    assert src == "Uw naam is de reeds bekende klant.\nWij hebben nu reeds of later betaald.\n\tBedrag"
    edits = [edit(src, "reeds", "al", 0), edit(src, "reeds", "al", 1), insert(src.index("Bedrag"), "Het ")]
    out = review_docx(data, edits, date=DATE)
    assert out.written == () and [(s.place, s.reason) for s in out.skipped] == [
        ("alinea 1", "veld"), ("alinea 2", "veld"), ("alinea 3", "teken")]
    assert paras(out.data) == [
        "r[t(keep)'Uw naam is '] commentRangeStart(id=0) fldSimple(instr= MERGEFIELD naam )[r[t'de reeds bekende']] "
        "commentRangeEnd(id=0) r[commentReference(id=0)] r[t(keep)' klant.']",
        "r[t(keep)'Wij hebben '] commentRangeStart(id=1) r[fldChar(fldCharType=begin)] "
        "r[instrText(keep)' MERGEFIELD zin '] r[fldChar(fldCharType=separate)] r[t'nu reeds of later'] "
        "r[fldChar(fldCharType=end)] commentRangeEnd(id=1) r[commentReference(id=1)] r[t(keep)' betaald.']",
        "commentRangeStart(id=2) r[tab] commentRangeEnd(id=2) r[commentReference(id=2)] r[t'Bedrag']"]
    field = ("eenvoudig kon deze verandering niet maken (de tekst komt uit een veld, zoals een samenvoegveld): "
             "'reeds' wordt 'al'. Doe het zelf.")
    assert [c[4] for c in comments(out.data)] == [
        [field], [field], ["eenvoudig kon deze verandering niet maken (er staat een tab of regeleinde in): "
                           "'' wordt 'Het '. Doe het zelf."]]
    assert out.comments == 3


def test_a_change_across_two_paragraphs_is_a_comment_on_the_first_one() -> None:
    data = make('<w:r><w:t>Indien u wilt</w:t></w:r>', '<w:r><w:t>reeds betaald.</w:t></w:r>')
    src = source(data)
    assert src == "Indien u wilt\nreeds betaald."
    edits = [Edit(9, 19, "wilt\nreeds", "wilt al", "r", True)]
    out = review_docx(data, edits, date=DATE)
    assert out.written == () and [(s.place, s.reason) for s in out.skipped] == [("alinea 1", "alinea")]
    assert paras(out.data) == [
        "r[t(keep)'Indien u '] commentRangeStart(id=0) r[t'wilt'] commentRangeEnd(id=0) r[commentReference(id=0)]",
        "r[t'reeds betaald.']"]
    assert [c[4] for c in comments(out.data)] == [[
        "eenvoudig kon deze verandering niet maken (de verandering loopt over meer dan één alinea): "
        "'wilt reeds' wordt 'wilt al'. Doe het zelf."]]
    assert out.comments == 1


def test_a_comment_on_words_next_to_a_reference_leaves_the_reference_outside() -> None:
    data = make('<w:r><w:t xml:space="preserve">Wij </w:t><w:footnoteReference w:id="1"/>'
                '<w:t>verstrekken</w:t><w:softHyphen/><w:t xml:space="preserve"> u dit.</w:t></w:r>')
    out = review_docx(data, [], [Note(4, 15, "woord")], date=DATE)
    assert paras(out.data) == [
        "r[t(keep)'Wij ' footnoteReference(id=1)] commentRangeStart(id=0) r[t'verstrekken'] commentRangeEnd(id=0) "
        "r[commentReference(id=0)] r[softHyphen t(keep)' u dit.']"]


# ------------------------------------------------------------------------------------- plain edits


def test_edit_docx_writes_text_nodes_exactly() -> None:
    """A replacement leaves the next run alone; an insertion at a run boundary goes to the run before it, one
    inside a run at its place; xml:space="preserve" only where spaces need it."""
    data = make('<w:r><w:t>Indien</w:t></w:r><w:r><w:t> u</w:t></w:r><w:r><w:t>wilt</w:t></w:r>',
                '<w:r><w:rPr><w:b/></w:rPr><w:t>Wij</w:t></w:r><w:r><w:t>betalen</w:t></w:r><w:r><w:t>het</w:t></w:r>',
                '<w:r><w:t>Zo</w:t></w:r><w:r><w:t>nodig</w:t></w:r>', '<w:r><w:t>Bel ons</w:t></w:r>')
    src = source(data)
    assert src == "Indien uwilt\nWijbetalenhet\nZonodig\nBel ons"
    edits = [edit(src, "Indien", "Als"), insert(src.index("betalen"), " al "), insert(src.index("len"), "-"),
             insert(src.index("Zo"), "Dus "), insert(src.index("nodig") + 5, " is"), edit(src, " ", "  ", 1)]
    out = edit_docx(data, edits)
    assert out.written == tuple(edits) and out.skipped == ()
    assert paras(out.data) == ["r[t'Als'] r[t' u'] r[t'wilt']",
                               "r[rPr[b] t(keep)'Wij al '] r[t'beta-len'] r[t'het']",
                               "r[t'Dus Zo'] r[t'nodig is']",
                               "r[t(keep)'Bel  ons']"]


def test_a_carriage_return_in_a_text_node_does_not_shift_later_paragraphs() -> None:
    data = make('<w:r><w:t>Een&#13;regel</w:t></w:r>', '<w:r><w:t>Indien nodig</w:t></w:r>')
    src = source(data)
    assert src == "Eenregel\nIndien nodig"
    out = edit_docx(data, [edit(src, "Indien", "Als")])
    assert out.skipped == () and source(out.data) == "Eenregel\nAls nodig"


def test_what_edit_docx_may_write_next_to_tabs() -> None:
    """Text right before or after a tab may change; an insertion right after a tab (or at the start of a
    paragraph that begins with one) may not; an insertion right before a tab may."""
    data = make('<w:r><w:t>Telefoon:</w:t><w:tab/><w:t>Bedrag</w:t></w:r>',
                '<w:r><w:tab/><w:t>Som</w:t></w:r>', '<w:r><w:t>Zo</w:t><w:tab/><w:t>dan</w:t></w:r>',
                '<w:r><w:t>Zie</w:t><w:tab/><w:t>hier</w:t></w:r>')
    src = source(data)
    assert src == "Telefoon:\tBedrag\n\tSom\nZo\tdan\nZie\thier"
    edits = [edit(src, "Telefoon:", "Bel:"), edit(src, "Bedrag", "Geld"), insert(src.index("\tSom"), "Het "),
             insert(src.index("Zo"), "Nu "), insert(src.index("\tdan"), " ook"), insert(src.index("hier"), "daar ")]
    out = edit_docx(data, edits)
    assert out.written == (edits[0], edits[1], edits[3], edits[4])
    assert [(s.edit, s.place, s.reason) for s in out.skipped] == [(edits[2], "alinea 2", "teken"),
                                                                  (edits[5], "alinea 4", "teken")]
    assert source(out.data) == "Bel:\tGeld\n\tSom\nNu Zo ook\tdan\nZie\thier"


def test_adjacent_edits_are_both_written_overlapping_ones_are_not() -> None:
    data = make('<w:r><w:t>Indiennodig</w:t></w:r>')
    edits = [Edit(0, 6, "Indien", "Als ", "r", True), Edit(6, 11, "nodig", "het moet", "r", True),
             Edit(5, 7, "nn", "x", "r", True)]
    out = edit_docx(data, edits)
    assert out.written == (edits[0], edits[1])
    assert [(s.edit, s.place, s.reason) for s in out.skipped] == [(edits[2], "alinea 1", "tekst")]
    assert source(out.data) == "Als het moet"


# --------------------------------------------------------------------------------------- the letter


def test_finding_text() -> None:
    def f(rule: str, suggestions=(), why="") -> Finding:
        return Finding(rule, "warning", 1, 1, 1, 5, "Zin is lang.", why, "", suggestions)

    assert finding_text(f("zin.lang", ("korter", "anders"), "Lang is moeilijk.")) == \
        "Waarschuwing: Zin is lang. [zin.lang]\nVoorstel: korter, anders\nWaarom: Lang is moeilijk."
    assert finding_text(f("lexicon.ambtelijk", ("al",), "Stijf.")) == \
        "Waarschuwing: Zin is lang. [lexicon.ambtelijk]\nWaarom: Stijf."
    assert finding_text(f("zin.lang")) == "Waarschuwing: Zin is lang. [zin.lang]"
    assert finding_text(Finding("x.y", "error", 1, 1, 1, 1, "Fout.")) == "Fout: Fout. [x.y]"
    assert finding_text(Finding("x.y", "info", 1, 1, 1, 1, "Tip.", "", "", ("a",))) == "Tip: Tip. [x.y]\nVoorstel: a"


def _letter() -> bytes:
    return make('<w:r><w:t>Uw beschikking voor bijstand</w:t></w:r>',
                '<w:r><w:t>Indien u vragen heeft, kunt u ons reeds bellen.</w:t></w:r>',
                '<w:r><w:t xml:space="preserve">Wij hebben </w:t></w:r><w:fldSimple w:instr=" MERGEFIELD zin ">'
                '<w:r><w:t>reeds</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> betaald.</w:t></w:r>',
                '<w:r><w:t>Deze bekendmaking is belangrijk voor u.</w:t></w:r>')


@pytest.fixture(scope="module")
def letter_analysis():
    return eenvoudig.analyze(read_docx_bytes(_letter(), "brief.docx"))


def _anchored(root) -> list[str]:
    """The text inside each comment range, in order of the comment ids (deleted text counts, inserted not)."""
    texts: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for el in root.iter():
        tag = _local(el.tag) if isinstance(el.tag, str) else ""
        if tag == "commentRangeStart":
            open_ids.add(el.get(f"{{{W}}}id"))
            texts[el.get(f"{{{W}}}id")] = []
        elif tag == "commentRangeEnd":
            open_ids.discard(el.get(f"{{{W}}}id"))
        elif tag in ("t", "delText") and not any(_local(a.tag) == "ins" for a in el.iterancestors()):
            for i in open_ids:
                texts[i].append(el.text or "")
    return ["".join(texts[k]) for k in sorted(texts, key=int)]


@pytest.mark.parametrize("unsafe", [False, True])
def test_review_letter_comments(letter_analysis, unsafe: bool) -> None:
    """The first comment (on the whole first paragraph): the level for the configured target, the level with
    the written changes, Begin hier made with this rewrite and the report after the written changes, and the
    findings about the whole text. Then one comment per finding that no written change covers."""
    from eenvoudig.checks import check
    from eenvoudig.checks.advice import begin_hier
    from eenvoudig.checks.text import begin_hier_lines, level_line
    from eenvoudig.rewriting import rewrite

    config = eenvoudig.Config(target="A2")
    data = _letter()
    review = review_letter(data, letter_analysis, config, unsafe=unsafe, author="Toetser", date=DATE)
    report, after = check(letter_analysis, config), review.after
    assert review.report == report and review.after.score.target == "A2"
    assert review.rewrite == rewrite(letter_analysis, config, unsafe=unsafe)
    written = review.docx.written
    # beschikking and bekendmaking are suggestions only (veilig = nooit): not written, not even with unsafe
    assert [(e.before, e.after) for e in written] == [("Indien", "Als"), ("reeds", "al")]
    assert [(s.edit.before, s.place, s.reason) for s in review.docx.skipped] == [("reeds", "alinea 3", "veld")]
    assert {el.get(f"{{{W}}}author") for el in part(review.docx.data).iter(f"{{{W}}}del", f"{{{W}}}ins")} == \
        {"Toetser"}
    found = comments(review.docx.data)
    assert {(c[1], c[2], c[3]) for c in found} == {("Toetser", "E", "2026-12-01T09:30:00Z")}
    advice = begin_hier(report, config, rewrite=review.rewrite, after=after)
    whole = [f for f in report.findings if f.block < 0]
    assert [f.rule for f in whole] == ["score.niveau"]
    summary = [f"eenvoudig: {level_line(report)}",
               f"Met de bijgehouden wijzigingen: moeilijkheid {after.score.difficulty:.0f} van 100, "
               f"niveau {after.score.level}: {after.score.label}.",
               *[line.strip() for line in begin_hier_lines(advice, report)],
               "Over de hele tekst:", *f"- {finding_text(whole[0])}".split("\n")]
    assert level_line(report).endswith("nog niet goed voor A2.")
    assert found[0][4] == summary
    findings = {(f.rule, f.block): f for f in report.findings}
    field = ["eenvoudig kon deze verandering niet maken (de tekst komt uit een veld, zoals een samenvoegveld): "
             "'reeds' wordt 'al'. Doe het zelf."]
    # a finding with the same words as a change that could not be written: one comment with both
    expected = [("Uw beschikking voor bijstand", summary),
                ("beschikking", finding_text(findings["lexicon.juridisch", 0]).split("\n")),
                ("reeds", finding_text(findings["lexicon.formeel", 2]).split("\n") + [""] + field),
                ("bekendmaking", finding_text(findings["lexicon.ambtelijk", 3]).split("\n"))]
    # with unsafe too: 'beschikking' and 'bekendmaking' stay comments (suggestions only, veilig = nooit)
    assert list(zip(_anchored(part(review.docx.data)), [c[4] for c in found])) == expected
    assert review.docx.comments == len(found) == len(expected)


def test_review_letter_uses_the_config_for_the_rewrite_and_for_begin_hier(letter_analysis) -> None:
    """With 'lexicon.formeel' off, 'reeds' stays (no change, no comment); with a lower limit for long
    sentences the sentence of 9 words is split, and Begin hier advises to split it."""
    from eenvoudig.checks import check
    from eenvoudig.checks.advice import begin_hier
    from eenvoudig.checks.text import begin_hier_lines

    config = eenvoudig.Config(rules=(("lexicon.formeel", False),), thresholds=(("zin.lang", (("warning", 8),)),))
    review = review_letter(_letter(), letter_analysis, config, date=DATE)
    assert [(e.before, e.after) for e in review.docx.written] == [("Indien u vragen heeft,", "Heeft u vragen? Dan")]
    assert review.docx.skipped == ()
    report = check(letter_analysis, config)
    advice = begin_hier_lines(begin_hier(report, config, rewrite=review.rewrite, after=review.after), report)
    assert "  3. Knip de lange zin in tweeën (die heeft 8 woorden of meer)." in advice
    summary = comments(review.docx.data)[0][4]
    assert summary[2:2 + len(advice)] == [line.strip() for line in advice]
    assert not any("'reeds'" in line for c in comments(review.docx.data) for line in c[4])


def test_an_insertion_after_a_tab_at_the_start_of_the_letter_is_a_comment_on_the_tab() -> None:
    data = make('<w:r><w:tab/><w:t>Bedrag</w:t></w:r>')
    out = review_docx(data, [insert(1, "Het ")], date=DATE)
    assert [(s.place, s.reason) for s in out.skipped] == [("alinea 1", "teken")] and out.comments == 1
    assert paras(out.data) == [
        "commentRangeStart(id=0) r[tab] commentRangeEnd(id=0) r[commentReference(id=0)] r[t'Bedrag']"]


def test_an_insertion_into_an_empty_paragraph_is_skipped_not_a_crash() -> None:
    """Bug found on the way: an insertion into a paragraph without text raised IndexError (pieces[0])."""
    data = make('', '<w:r><w:t>Tekst</w:t></w:r>')
    assert source(data) == "\nTekst"
    for write in (edit_docx, review_docx):
        out = write(data, [insert(0, "Hallo"), insert(1, "Mooie ")])
        assert out.written == (insert(1, "Mooie "),)
        assert [(s.edit, s.place, s.reason) for s in out.skipped] == [(insert(0, "Hallo"), "alinea 1", "tekst")]
    assert source(edit_docx(data, [insert(0, "Hallo")]).data) == "\nTekst"


# Surviving mutants accepted (benchmarks/mutation.py docx --survivors), each without an observable difference:
# - makeelement(tag, None) or without the attribute dict ({}): the same element (_split_t 4, 6; _mark_comment 24,
#   26; _track 66, 68, 85, 87).
# - copy.copy instead of copy.deepcopy of a w:rPr: lxml copies an element with its children either way
#   (_split_run 22, _track 82).
# - _split_t 18, 19, 20, 23, 24, 25, 26: the piece it returns is only used for its element and run.
# - review_docx 96, 97, 102, 103, 117, 118: a cut kind other than "start" ("XXendXX", "END") is handled as "end".
# - review_docx 7, 8: now(None) gives local time without a zone, which python-docx and astimezone read as local
#   time (the same instant); microsecond=1 is dropped by the second-precision stamp.
# - review_docx 141, 144; _piece_at 3; _split_at 9, 32; _char_runs 6: unreachable branches (an anchor inside a
#   paragraph always has a piece at its first and last character; a run being split always has content).
# - _split_at 33, _track 61, _replace_text 12: `start <= pos` finds the same piece, because the piece that ends
#   at pos comes first.
# - _replace_text 23: placed = None is as false as False.
