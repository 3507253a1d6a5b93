"""Write edits into a Word file: in place (`edit_docx`) or as tracked changes with comments (`review_docx`).

Edits are in the coordinates of `Document.source` for a .docx: the paragraph texts (body and table cells in
reading order, see `document.docx_places`) joined by newlines. Only the text nodes of a run change; every
other child of the run (pictures, footnote and comment references, symbols, tabs, breaks) stays where it
is, and so do formatting, tables, headers, footers, hyperlinks and fields. Text inside hyperlinks is edited
like any other text. Text that a field shows (MERGEFIELD, PAGE …) or that sits in an earlier tracked change
is never edited: such an edit is returned as skipped, with the place and the reason, and never counted as
written.

In review mode every written edit is a Word tracked change (`w:del` with `w:delText`, then `w:ins`, by
author "eenvoudig" with a date and ids unique in the package), and each `Note` becomes a Word comment
anchored on the words it is about (`w:commentRangeStart`, `w:commentRangeEnd`, `w:commentReference`).
Rejecting every change gives back the original text; accepting every change gives the rewritten text.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from eenvoudig.document import W_NS, DocxPiece, docx_pieces, docx_places
from eenvoudig.rewriting import Edit, Rewrite

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.analysis import Analysis
    from eenvoudig.checks import Finding, Report
    from eenvoudig.config import Config

_W = "{" + W_NS + "}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CHARS = {_W + n for n in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen")}  # run children that are text
AUTHOR = "eenvoudig"
# Why an edit could not be written, as the user reads it after "niet gedaan in alinea 3 (…)".
REASONS = {
    "veld": "de tekst komt uit een veld, zoals een samenvoegveld",
    "wijziging": "de tekst staat in een bijgehouden wijziging die nog niet is geaccepteerd",
    "teken": "er staat een tab of regeleinde in",
    "tekst": "de tekst in het Word-bestand is anders dan verwacht",
    "alinea": "de verandering loopt over meer dan één alinea",
}


@dataclass(frozen=True, slots=True)
class Note:
    """A comment to anchor on source characters [start, end); dropped when every edit in `covered_by`
    (indexes into the edits) was written, because the tracked change shows it already."""

    start: int
    end: int
    text: str
    covered_by: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """An edit that could not be written, where (as a Word user finds it) and why (a key of REASONS)."""

    edit: Edit
    place: str
    reason: str

    @property
    def why(self) -> str:
        return REASONS[self.reason]


@dataclass(frozen=True)
class DocxResult:
    """The new .docx, the edits that are really in it, the ones that are not, and the number of comments."""

    data: bytes
    written: tuple[Edit, ...]
    skipped: tuple[Skipped, ...]
    comments: int = 0


# ------------------------------------------------------------------------------------------- locate


@dataclass(slots=True)
class _Para:
    element: object
    place: str
    start: int  # offset of the paragraph in the source
    text: str


def _paragraphs(d) -> list[_Para]:
    out, offset = [], 0
    for p, place in docx_places(d):
        text = "".join(x.text for x in docx_pieces(p._p)).replace("\r", "")
        out.append(_Para(p._p, place, offset, text))
        offset += len(text) + 1
    return out


def _find(paras: list[_Para], start: int, end: int) -> _Para | None:
    """Return the paragraph that holds source characters [start, end) (an insertion: position start)."""
    lo, hi = 0, len(paras) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        p = paras[mid]
        if start < p.start:
            hi = mid - 1
        elif start > p.start + len(p.text):
            lo = mid + 1
        else:
            return p if end <= p.start + len(p.text) else None
    return None


def _check(para: _Para | None, edit: Edit) -> str:
    """Return why an edit cannot be written in this paragraph ("" when it can)."""
    if para is None or para.text[edit.start - para.start:edit.end - para.start] != edit.before:
        return "tekst"
    a, b = edit.start - para.start, edit.end - para.start
    pieces = docx_pieces(para.element)
    if not pieces:  # an empty paragraph has no run to write into
        return "tekst"
    if b > a:
        touched = [x for x in pieces if x.start < b and a < x.end]
    else:  # an insertion goes at the end of the text before it (or at the start of the paragraph)
        touched = [x for x in pieces if x.start < a <= x.end] if a else pieces[:1]
    for piece in touched:
        if piece.locked:
            return piece.locked
        if piece.element.tag != _W + "t":
            return "teken"
    return ""


# ---------------------------------------------------------------------------------------- plain edits


def edit_docx(data: bytes, edits: Sequence[Edit]) -> DocxResult:
    """Return the .docx with the edits written into its text nodes; other run children stay untouched.

    An edit across runs puts the new text in the first run (keeping that run's formatting) and takes the
    rest of the old text out of the following runs.
    """
    import docx

    d = docx.Document(io.BytesIO(data))
    plans, skipped = _plan(_paragraphs(d), edits)
    for i, para in reversed(plans):  # from the end, so the offsets before each edit stay valid
        e = edits[i]
        _replace_text(para.element, e.start - para.start, e.end - para.start, e.after)
    for para in {id(p): p for _, p in plans}.values():
        _drop_if_emptied(para)
    out = io.BytesIO()
    d.save(out)
    return DocxResult(out.getvalue(), tuple(edits[i] for i, _ in plans), tuple(skipped))


def _plan(paras: list[_Para], edits: Sequence[Edit]) -> tuple[list[tuple[int, _Para]], list[Skipped]]:
    """Return (index, paragraph) of the edits that can be written, in reading order, and the others."""
    plans: list[tuple[int, _Para]] = []
    skipped: list[Skipped] = []
    for i in sorted(range(len(edits)), key=lambda i: (edits[i].start, edits[i].end)):
        para = _find(paras, edits[i].start, edits[i].end)
        why = _check(para, edits[i])
        if para is None and (first := _find(paras, edits[i].start, edits[i].start)) is not None:
            skipped.append(Skipped(edits[i], first.place, "alinea"))   # it starts here and runs on
        elif why:
            skipped.append(Skipped(edits[i], para.place if para else "?", why))
        elif plans and edits[i].start < edits[plans[-1][0]].end:
            skipped.append(Skipped(edits[i], para.place, "tekst"))  # overlapping edits: keep the first
        else:
            plans.append((i, para))
    return plans, skipped


# what a paragraph (and each of its runs) may hold besides its text and still go when its text is gone
_PLAIN_PARA = {_W + n for n in ("pPr", "r", "proofErr")}
_PLAIN_RUN = {_W + n for n in ("rPr", "t", "lastRenderedPageBreak")}


def _drop_if_emptied(para: _Para) -> None:
    """Take out a paragraph whose whole text an edit took away ("Wij vertrouwen erop u hiermee voldoende te
    hebben geïnformeerd." dropped): otherwise Word shows an empty line where it stood. A paragraph with
    anything besides plain text (a picture, a field, a bookmark, a tab) stays, and so does the only
    paragraph of a table cell or the document."""
    p = para.element
    if not para.text.strip() or "".join(t.text or "" for t in p.iter(_W + "t")).strip():
        return
    if any(x.tag not in _PLAIN_PARA or (x.tag == _W + "r" and any(y.tag not in _PLAIN_RUN for y in x)) for x in p):
        return
    parent = p.getparent()
    if parent is None or sum(1 for x in parent if x.tag == _W + "p") < 2:
        return
    parent.remove(p)


def _delete_mark_if_emptied(para: _Para, attrs: dict[str, str]) -> list:
    """In review mode: when the tracked changes delete a paragraph's whole text, delete its paragraph mark too
    (w:del in the mark's run properties), so that accepting every change leaves no empty line; rejecting
    keeps the paragraph. Return the new w:del (its id is given with the others)."""
    p = para.element
    if not para.text.strip() or "".join(t.text or "" for t in p.iter(_W + "t")).strip():
        return []
    plain_run = _PLAIN_RUN | {_W + "delText", _W + "commentReference"}   # our own comments move along
    plain_para = _PLAIN_PARA | {_W + n for n in ("del", "ins", "commentRangeStart", "commentRangeEnd")}
    for x in p:
        runs = [x] if x.tag == _W + "r" else list(x) if x.tag in (_W + "del", _W + "ins") else []
        if x.tag not in plain_para or any(
                r.tag != _W + "r" or any(y.tag not in plain_run for y in r) for r in runs):
            return []
    parent = p.getparent()
    if parent is None or sum(1 for x in parent if x.tag == _W + "p") < 2 or p.getnext() is None \
            or p.getnext().tag != _W + "p":
        return []                                      # the mark of the last paragraph of a cell or body stays
    ppr = p.find(_W + "pPr")
    if ppr is None:
        ppr = p.makeelement(_W + "pPr", {})
        p.insert(0, ppr)
    rpr = ppr.find(_W + "rPr")
    if rpr is None:
        rpr = ppr.makeelement(_W + "rPr", {})
        later = [c for c in ppr if c.tag in (_W + "sectPr", _W + "pPrChange")]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    mark = rpr.makeelement(_W + "del", attrs)
    rpr.insert(0, mark)
    return [mark]


def _set_text(t, text: str) -> None:
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(_XML_SPACE, "preserve")


def _replace_text(p, start: int, end: int, after: str) -> None:
    """Replace paragraph characters [start, end) by `after`, editing w:t text nodes only."""
    pieces = [x for x in docx_pieces(p) if x.element.tag == _W + "t"]
    if end == start:  # an insertion: at the end of the text before it, or at the start of the paragraph
        host = next(x for x in pieces if x.start < start <= x.end) if start else pieces[0]
        k = start - host.start
        _set_text(host.element, host.text[:k] + after + host.text[k:])
        return
    placed = False
    for x in pieces:
        if x.end <= start or x.start >= end:
            continue
        a, b = max(start, x.start) - x.start, min(end, x.end) - x.start
        _set_text(x.element, x.text[:a] + ("" if placed else after) + x.text[b:])
        placed = True


# ------------------------------------------------------------------------------------------- review


def review_docx(data: bytes, edits: Sequence[Edit],
                notes: Sequence[Note] | Callable[[tuple[Edit, ...]], Sequence[Note]] = (), *,
                author: str = AUTHOR, date: dt.datetime | None = None) -> DocxResult:
    """Return the .docx with the edits as tracked changes and the notes as comments.

    `notes` may be a function of the edits that can be written (to say what the letter scores with them).
    Notes on the same characters are joined into one comment. An edit that cannot be written gets a
    comment that says so, on the words it is about.
    """
    import docx

    d = docx.Document(io.BytesIO(data))
    when = (date or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    paras = _paragraphs(d)
    plans, skipped = _plan(paras, edits)
    written_ids = {i for i, _ in plans}
    if callable(notes):
        notes = notes(tuple(edits[i] for i, _ in plans))

    # comments: the notes not shown by a written change, plus one per edit that could not be written
    texts: dict[tuple[int, int], list[str]] = {}
    for n in notes:
        if n.covered_by and all(i in written_ids for i in n.covered_by):
            continue
        texts.setdefault((n.start, n.end), []).append(n.text)
    for s in skipped:
        e = s.edit
        span = (e.start, e.end) if e.end > e.start else (max(0, e.start - 1), e.start)
        if s.reason == "alinea":   # across paragraphs: the comment on the part in the first one
            first = _find(paras, e.start, e.start)
            span = (e.start, first.start + len(first.text))
        before = e.before.replace("\n", " ")   # a paragraph break reads as a space in one comment line
        texts.setdefault(span, []).append(
            f"eenvoudig kon deze verandering niet maken ({s.why}): '{before}' wordt '{e.after}'. Doe het zelf.")
    anchors: list[tuple[_Para, int, int, str]] = []
    for (start, end), parts in texts.items():
        para = _find(paras, start, max(start, end))
        if para is None or end <= start:
            continue
        anchors.append((para, start - para.start, end - para.start, "\n\n".join(parts)))
    anchors.sort(key=lambda x: (x[0].start + x[1], -x[2]))  # comments numbered in reading order

    # split runs at every place where a change or a comment starts or ends
    by_para: dict[int, list[tuple[str, int]]] = {}
    for i, para in plans:
        e = edits[i]
        cuts = by_para.setdefault(id(para.element), [])
        if e.end > e.start:
            cuts += [("start", e.start - para.start), ("end", e.end - para.start)]
        else:
            cuts.append(("end", e.start - para.start) if e.start > para.start else ("start", 0))
    for para, a, b, _ in anchors:
        by_para.setdefault(id(para.element), []).extend([("start", a), ("end", b)])
    elements = {id(p.element): p.element for p in paras}
    for key, cuts in by_para.items():
        for kind, pos in cuts:
            _split_at(elements[key], pos, kind)

    # comments first (python-docx numbers them), then the revision ids above every id in the package
    comments = d.comments
    placed = 0
    for para, a, b, text in anchors:
        first, last = _piece_at(para.element, a), _piece_at(para.element, b - 1)
        if first is None or last is None:
            continue
        comment = comments.add_comment(text=text, author=author, initials="E")
        comment._comment_elm.date = when
        _mark_comment(first, last, comment.comment_id)
        placed += 1
    made: list = []
    for i, para in reversed(plans):  # from the end, so the offsets before each change stay valid
        e = edits[i]
        made += _track(para.element, e.start - para.start, e.end - para.start, e.after, author, stamp)
    for para in {id(p): p for _, p in plans}.values():
        made += _delete_mark_if_emptied(para, {_W + "author": author, _W + "date": stamp})
    next_id = _max_id(d) + 1
    mine = {id(x) for x in made}
    for el in d.element.body.iter(_W + "del", _W + "ins"):  # number the changes in reading order
        if id(el) in mine:
            el.set(_W + "id", str(next_id))
            next_id += 1
    out = io.BytesIO()
    d.save(out)
    return DocxResult(out.getvalue(), tuple(edits[i] for i, _ in plans), tuple(skipped), placed)


def _split_run(run, index: int):
    """Split a w:r before its content child number `index`; return the new second run."""
    children = [c for c in run.iterchildren() if c.tag != _W + "rPr"]
    second = run.makeelement(run.tag, run.attrib)
    rpr = run.find(_W + "rPr")
    if rpr is not None:
        second.append(copy.deepcopy(rpr))
    for c in children[index:]:
        second.append(c)
    run.addnext(second)
    return second


def _content(run) -> list:
    return [c for c in run.iterchildren() if c.tag != _W + "rPr"]


def _split_at(p, pos: int, kind: str) -> None:
    """Make a run boundary at paragraph offset `pos`.

    kind "start": the run after the boundary begins with character `pos` (things without text just before
    it stay before); kind "end": the run before the boundary ends with character `pos - 1` (things without
    text right after it go after).
    """
    pieces = docx_pieces(p)
    if kind == "start":
        piece = next((x for x in pieces if x.start <= pos < x.end), None)
        if piece is None or piece.field:
            return
        if piece.start < pos:
            piece = _split_t(piece, pos - piece.start)
        index = _content(piece.run).index(piece.element)
        if index:
            _split_run(piece.run, index)
    else:
        piece = next((x for x in pieces if x.start < pos <= x.end), None)
        if piece is None or piece.field:
            return
        if pos < piece.end:
            _split_t(piece, pos - piece.start)
        content = _content(piece.run)
        index = content.index(piece.element) + 1
        if index < len(content):
            _split_run(piece.run, index)


def _split_t(piece: DocxPiece, k: int) -> DocxPiece:
    """Split a w:t after its k-th character; return the piece of the second part."""
    t = piece.element
    second = t.makeelement(t.tag, {})
    _set_text(second, piece.text[k:])
    _set_text(t, piece.text[:k])
    t.addnext(second)
    return DocxPiece(second, piece.run, piece.text[k:], piece.start + k, piece.locked)


def _piece_at(p, pos: int) -> DocxPiece | None:
    return next((x for x in docx_pieces(p) if x.start <= pos < x.end), None)


def _mark_comment(first: DocxPiece, last: DocxPiece, comment_id: int) -> None:
    """Put the comment's range around the runs of two pieces (around a whole field for text it shows)."""
    before = first.field[0] if first.field else first.run
    after = last.field[1] if last.field else last.run
    before.addprevious(before.makeelement(_W + "commentRangeStart", {_W + "id": str(comment_id)}))
    ref_run = after.makeelement(_W + "r", {})
    ref_run.append(after.makeelement(_W + "commentReference", {_W + "id": str(comment_id)}))
    after.addnext(ref_run)
    after.addnext(after.makeelement(_W + "commentRangeEnd", {_W + "id": str(comment_id)}))


def _max_id(d) -> int:
    """Return the highest w:id used anywhere in the package (revisions, comments, bookmarks …)."""
    from lxml import etree

    ids = etree.XPath("//@w:id", namespaces={"w": W_NS})
    best = 0
    for part in d.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for value in ids(element):
            try:
                best = max(best, int(value))
            except ValueError:
                continue
    return best


def _track(p, start: int, end: int, after: str, author: str, stamp: str) -> list:
    """Write one change as w:del + w:ins at paragraph characters [start, end); return the new elements
    (their ids are given afterwards, in reading order)."""
    pieces = docx_pieces(p)
    attrs = {_W + "author": author, _W + "date": stamp}
    runs: list = []
    for x in pieces:
        if start <= x.start and x.end <= end and x.run not in runs:
            runs.append(x.run)
    made: list = []
    for run in runs:
        for part in _char_runs(run):
            previous = part.getprevious()
            if made and previous is made[-1]:
                made[-1].append(part)  # the next run of the same deletion: one w:del for both
            else:
                wrapper = part.makeelement(_W + "del", attrs)
                part.addprevious(wrapper)
                wrapper.append(part)
                made.append(wrapper)
            for t in part.iter(_W + "t"):
                t.tag = _W + "delText"
                t.set(_XML_SPACE, "preserve")
    if not after:
        return made
    # the new text takes the formatting of the old text (or of the text it follows)
    like = runs[0] if runs else next(x.run for x in pieces if x.start < start <= x.end) if start else pieces[0].run
    run = like.makeelement(_W + "r", {})
    rpr = like.find(_W + "rPr")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = run.makeelement(_W + "t", {})
    _set_text(t, after)
    run.append(t)
    ins = run.makeelement(_W + "ins", attrs)
    ins.append(run)
    if made:  # after the deleted text (after its first part when the parts are in different places)
        last = made[-1] if made[-1].getparent() is made[0].getparent() else made[0]
        last.addnext(ins)
    elif start == 0:
        like.addprevious(ins)
    else:
        like.addnext(ins)
    return [*made, ins]


def _char_runs(run) -> list:
    """Split a run so that text and things without text (pictures, references) are in runs of their own;
    return the runs that hold text."""
    out, current = [], run
    while current is not None:
        content = _content(current)
        if not content:
            break
        is_char = content[0].tag in _CHARS
        n = next((k for k, c in enumerate(content) if (c.tag in _CHARS) != is_char), len(content))
        following = _split_run(current, n) if n < len(content) else None
        if is_char:
            out.append(current)
        current = following
    return out


# ------------------------------------------------------------------------------------ review a letter

SEVERITY_NL = {"info": "Tip", "warning": "Waarschuwing", "error": "Fout"}


@dataclass(frozen=True)
class Review:
    """A reviewed Word letter: the new file, the rewrite and report it came from, and the report after."""

    docx: DocxResult
    rewrite: Rewrite
    report: Report
    after: Report


def own_review_marks(data: bytes, author: str = AUTHOR) -> int:
    """Return how many tracked changes and comments by `author` a .docx still holds (0 when it cannot tell)."""
    import zipfile

    from lxml import etree

    count = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            for name, tags in (("word/document.xml", ("ins", "del")), ("word/comments.xml", ("comment",))):
                if name in names:
                    root = etree.fromstring(z.read(name), etree.XMLParser(resolve_entities=False, huge_tree=False))
                    count += sum(1 for tag in tags for el in root.iter(_W + tag) if el.get(_W + "author") == author)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError):
        return 0    # reading the letter itself says what is wrong with the file
    return count


def review_letter(data: bytes, analysis: Analysis, config: Config | None = None, *, unsafe: bool = False,
                  author: str = AUTHOR, date: dt.datetime | None = None) -> Review:
    """Review a .docx letter: its safe rewrites as tracked changes, every other finding as a comment,
    and on the first paragraph a comment with the reading level, the level with the changes and "Begin hier".
    """
    from eenvoudig.checks import check
    from eenvoudig.checks.advice import begin_hier, rescore
    from eenvoudig.checks.text import begin_hier_lines, level_line
    from eenvoudig.config import Config
    from eenvoudig.rewriting import rewrite

    config = config or Config()
    if marks := own_review_marks(data, author):
        from eenvoudig.errors import InputError

        raise InputError(
            f"dit Word-bestand is al nagekeken door eenvoudig: er staan nog {marks} wijzigingen of opmerkingen van "
            "eenvoudig in. Accepteer of weiger eerst de wijzigingen en verwijder de opmerkingen (in Word: tab "
            "Controleren). Anders staat alles er twee keer in. Er is niets geschreven.")
    report = check(analysis, config)
    result = rewrite(analysis, config, unsafe=unsafe)
    edits = result.applied
    outcome: dict[str, Report] = {}

    def notes(written: tuple[Edit, ...]) -> list[Note]:
        after = outcome["after"] = rescore(report, written, config)
        advice = begin_hier(report, config, rewrite=result, after=after)
        summary = [f"eenvoudig: {level_line(report)}"]
        if written:
            summary.append(f"Met de bijgehouden wijzigingen: moeilijkheid {after.score.difficulty:.0f} van 100, "
                           f"niveau {after.score.level}: {after.score.label}.")
        summary += [line.strip() for line in begin_hier_lines(advice, report)]
        whole = [f for f in report.findings if f.block < 0]
        if whole:
            summary.append("Over de hele tekst:")
            summary += [f"- {finding_text(f)}" for f in whole]
        blocks = analysis.document.blocks
        first = blocks[0]
        out = [Note(first.source_offset(0), first.source_offset(len(first.text) - 1) + 1, "\n".join(summary))]
        for f in report.findings:
            if f.block < 0:
                continue
            b = blocks[f.block]
            start, end = b.source_offset(f.start), b.source_offset(max(f.start, f.end - 1)) + 1
            covered = tuple(i for i, e in enumerate(edits) if e.rule == f.rule and start <= e.start and e.end <= end)
            out.append(Note(start, end, finding_text(f), covered))
        return out

    docx = review_docx(data, edits, notes, author=author, date=date)
    return Review(docx, result, report, outcome["after"])


def finding_text(f: Finding) -> str:
    """Return a finding as a comment: what, a proposal, and why."""
    lines = [f"{SEVERITY_NL[f.severity]}: {f.message} [{f.rule}]"]
    if f.suggestions and not f.rule.startswith("lexicon."):
        lines.append(f"Voorstel: {', '.join(f.suggestions)}")
    if f.why:
        lines.append(f"Waarom: {f.why}")
    return "\n".join(lines)
