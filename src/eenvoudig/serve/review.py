"""The work behind the page: a letter in, a review out (level, sentences, findings, suggested changes).

Nothing here keeps a letter. Each function takes the letter as the user sent it and returns values;
the page sends the letter and the user's choices again with every request. The web layer runs the
work one request at a time inside `private()`, which also empties every cache that saw the text.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from eenvoudig.analysis import Analysis, analyze, get_backend
from eenvoudig.checks import Finding, Report, check, rule_data
from eenvoudig.checks.score import Score
from eenvoudig.config import Config
from eenvoudig.document import SUFFIX_KIND, UNSUPPORTED, Document, Kind, decode, read_docx_bytes, read_text
from eenvoudig.errors import InputError
from eenvoudig.lexicon import find_matches, load_lexicon
from eenvoudig.rewriting import Edit, apply_edits, docx_with_edits, plan_match, rewrite

MAX_CHARS = 200_000          # about 30 pages: longer texts would keep the server busy for everyone
KINDS = ("txt", "md", "html", "docx")
SKIPPED_SCOPES = ("meta", "closing", "salutation")


class Problem(Exception):
    """Input the page cannot use: a Dutch message for the user and the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# ------------------------------------------------------------------------------------------ letters


@dataclass(frozen=True)
class Letter:
    """A letter as the user gave it: a name for downloads, its kind, and its text (or .docx bytes)."""

    name: str
    kind: Kind
    text: str = ""
    docx: bytes = b""

    @property
    def stem(self) -> str:
        """Return the name without its suffix, for the names of downloads."""
        return PurePosixPath(self.name).stem or "brief"

    def document(self) -> Document:
        """Read the letter into a Document."""
        if self.kind == "docx":
            return read_docx_bytes(self.docx, self.name)
        return read_text(self.text, kind=self.kind, path=self.name)

    def edited(self, edits: Sequence[Edit]) -> Document:
        """Return the letter with these edits made (a .docx stays a .docx, with its layout)."""
        if not edits:
            return self.document()
        if self.kind == "docx":
            return read_docx_bytes(docx_with_edits(self.docx, edits), self.name)
        return read_text(apply_edits(self.document().source, edits), kind=self.kind, path=self.name)


def _safe_name(filename: str) -> str:
    """Return the last part of an uploaded file name (browsers on Windows may send a whole path)."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name.strip()
    name = "".join(c for c in name if c.isprintable() and c not in '"\\/')
    return name[-100:] or "brief"


# What to do with a text file that is not UTF-8, for someone without the command line's --encoding.
FILE_ADVICE = ("Sla het bestand op als UTF-8 en kies het opnieuw (in Kladblok: Opslaan als, en kies bij Codering "
               "voor UTF-8). Of plak de tekst van de brief.")
BODY_ADVICE = "Stuur de tekst als UTF-8."


def letter_from_file(filename: str, data: bytes) -> Letter:
    """Return the letter in an uploaded file, or raise a Problem that says what is wrong."""
    name = _safe_name(filename)
    suffix = PurePosixPath(name.lower()).suffix
    if suffix in UNSUPPORTED:
        raise Problem(f"{name}: {UNSUPPORTED[suffix]}.", 415)
    kind = SUFFIX_KIND.get(suffix)
    if kind is None:
        raise Problem(f"{name}: dit soort bestand kan eenvoudig niet lezen. Kies een .docx, .txt, .md of .html.",
                      415)
    if not data:
        raise Problem(f"{name}: het bestand is leeg.")
    if kind == "docx":
        letter = Letter(name, "docx", docx=data)
    else:
        try:
            letter = Letter(name, kind, text=decode(data, name, advice=FILE_ADVICE))
        except InputError as exc:
            raise Problem(str(exc)) from None
    _check_readable(letter, name)
    return letter


def letter_from_text(text: str, kind: str = "txt", name: str = "brief.txt") -> Letter:
    """Return the letter in pasted text, or raise a Problem (empty, binary, too long)."""
    if kind not in KINDS or kind == "docx":
        raise Problem("dit soort tekst kent eenvoudig niet. Kies gewone tekst, Markdown of HTML.", 415)
    if not text or not text.strip():
        raise Problem("er staat geen tekst in het vak. Plak uw brief in het vak, of kies een bestand.")
    try:
        text = decode(text.encode("utf-8", "surrogatepass"), "uw tekst")
    except (InputError, UnicodeError):
        raise Problem("uw tekst: dit lijkt geen gewone tekst. Plak de tekst van de brief.") from None
    letter = Letter(_safe_name(name), kind, text=text)  # type: ignore[arg-type]
    _check_readable(letter, "uw tekst")
    return letter


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _check_readable(letter: Letter, label: str) -> Document:
    try:
        doc = letter.document()
    except InputError as exc:
        raise Problem(str(exc)) from None
    size = sum(len(b.text) for b in doc.blocks)
    if size > MAX_CHARS:
        raise Problem(f"{label}: de brief is te lang voor deze pagina ({_number(size)} tekens; de grens is "
                      f"{_number(MAX_CHARS)}). Knip de brief in stukken.", 413)
    if not any(c.isalpha() for b in doc.blocks for c in b.text):
        raise Problem(f"{label}: er staan geen woorden in deze brief.")
    return doc


# -------------------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestion:
    """One change the user can accept or reject: the edits of one lexicon match (or one split)."""

    number: int                 # 1, 2, 3 … in reading order; the same for the same letter every time
    edits: tuple[Edit, ...]
    safe: bool
    rule: str
    block: int                  # the block it is in (-1: not inside one block)
    reason: str

    @property
    def before(self) -> str:
        return " … ".join(" ".join(e.before.split()) for e in self.edits if e.before.strip())

    @property
    def after(self) -> str:
        return " … ".join(" ".join(e.after.split()) for e in self.edits if e.after.strip())


def _plan_groups(analysis: Analysis, config: Config) -> dict[int, tuple[int, int]]:
    """Return {source offset of a change: (sentence, match)}, so the changes of one match stay together.

    `rewrite` lists every change on its own (a verb and its separable part, an article that follows a
    noun's gender); accepting one without the other would break the sentence.
    """
    lex = load_lexicon(config.lexicons)
    doc = analysis.document
    groups: dict[int, tuple[int, int]] = {}
    for si, s in enumerate(analysis.sentences):
        if s.scope in SKIPPED_SCOPES:
            continue
        block = doc.blocks[s.block]
        for mi, match in enumerate(find_matches(lex, s.tokens)):
            try:
                plan = plan_match(lex, match, s)
            except (KeyError, IndexError, ValueError):
                continue
            for change in plan.changes if plan is not None else ():
                groups.setdefault(block.source_offset(change.start), (si, mi))
    return groups


def locate(doc: Document, start: int, end: int) -> tuple[int, int, int] | None:
    """Return (block, start, end) in block-text offsets of a source span, or None when it is not in one block."""
    for bi, block in enumerate(doc.blocks):
        segments = block.segments
        for k, (off, src) in enumerate(segments):
            length = (segments[k + 1][0] if k + 1 < len(segments) else len(block.text)) - off
            if src <= start <= src + length and end <= src + length:
                return bi, off + start - src, off + end - src
    return None


REASONS = {"zin.lang": "Deze zin is lang. Zo wordt het twee zinnen.",
           "uitleg": "Zo staat de uitleg van dit woord in de brief."}


def suggestions(analysis: Analysis, report: Report, config: Config) -> tuple[Suggestion, ...]:
    """Return the changes to offer: every edit `rewrite` can make with the grammar right, grouped per match
    (suggestion-only words too: here a person accepts or rejects each change)."""
    result = rewrite(analysis, config, review=True)
    groups = _plan_groups(analysis, config)
    ordered: dict[object, list[Edit]] = {}
    for e in result.edits:
        if e.applied:  # applied with review=True: the grammar could be made right
            ordered.setdefault(groups.get(e.start, ("los", e.start)), []).append(e)
    out = []
    for number, edits in enumerate(ordered.values(), start=1):
        first = edits[0]
        where = locate(analysis.document, first.start, first.end)
        block = where[0] if where else -1
        out.append(Suggestion(number, tuple(edits), all(e.safe for e in edits), first.rule, block,
                              _reason(report, first, where)))
    return tuple(out)


def _reason(report: Report, edit: Edit, where: tuple[int, int, int] | None) -> str:
    if edit.rule == "zin.lang":
        return REASONS["zin.lang"]
    if not edit.before:
        return REASONS["uitleg"]
    if where is not None:
        bi, a, b = where
        for f in report.findings:
            if f.block == bi and f.rule == edit.rule and f.start <= a < f.end + 1:
                return f.message
    return ""


def accepted_edits(found: Sequence[Suggestion], chosen: Mapping[int, bool]) -> list[Edit]:
    """Return the edits of the accepted suggestions, in order."""
    return [e for s in found if chosen.get(s.number) for e in s.edits]


# ------------------------------------------------------------------------------------------ review


@dataclass(frozen=True)
class Piece:
    """A run of text as the page shows it; with `suggestion` > 0 it is a change (text → after)."""

    text: str
    suggestion: int = 0
    after: str = ""


@dataclass(frozen=True)
class Part:
    """A sentence (level 1-4, number > 0) or the text between sentences (level 0)."""

    pieces: tuple[Piece, ...]
    level: int = 0
    number: int = 0


@dataclass(frozen=True)
class Row:
    """One block of the letter with what the page says about it."""

    scope: str
    parts: tuple[Part, ...]
    findings: tuple[Finding, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class Review:
    """Everything the page shows about one letter."""

    letter: Letter
    report: Report                      # the letter as it was sent
    score: Score                        # the letter with the accepted changes
    rows: tuple[Row, ...]
    whole: tuple[Finding, ...]          # findings about the whole letter
    suggestions: tuple[Suggestion, ...]
    chosen: Mapping[int, bool]          # suggestion number → accepted (True) or rejected (False)

    def state(self, number: int) -> str:
        """Return 'ja' (accepted), 'nee' (rejected) or 'open' (not chosen yet) for a suggestion."""
        chosen = self.chosen.get(number)
        return "open" if chosen is None else "ja" if chosen else "nee"

    @property
    def accepted(self) -> int:
        return sum(1 for yes in self.chosen.values() if yes)

    @property
    def safe_open(self) -> int:
        """How many safe suggestions are not accepted yet (what "Alle veilige verbeteringen" still does)."""
        return sum(1 for s in self.suggestions if s.safe and not self.chosen.get(s.number))


def level_names() -> tuple[str, ...]:
    """Return the short names of the four levels ('eenvoudig' … 'erg moeilijk') from the rule data."""
    return tuple(label.split(" (")[0] for label in rule_data()["niveaus"]["labels"])


@dataclass(frozen=True)
class Checked:
    """A letter read, analysed, checked, and the changes it can take."""

    letter: Letter
    analysis: Analysis
    report: Report
    suggestions: tuple[Suggestion, ...]


def examine(letter: Letter, config: Config) -> Checked:
    """Read, analyse and check a letter, and work out the changes to offer."""
    try:
        analysis = analyze(letter.document())
    except InputError as exc:
        raise Problem(str(exc)) from None
    report = check(analysis, config)
    return Checked(letter, analysis, report, suggestions(analysis, report, config))


def score_with(checked: Checked, chosen: Mapping[int, bool], config: Config) -> Score:
    """Return the score of the letter with the accepted changes (checked again from the new text)."""
    edits = accepted_edits(checked.suggestions, chosen)
    if not edits:
        return checked.report.score
    return check(analyze(checked.letter.edited(edits)), config).score


def review(checked: Checked, chosen: Mapping[int, bool], config: Config) -> Review:
    """Return what the page shows: rows of sentences with levels and changes, findings beside them."""
    analysis, report = checked.analysis, checked.report
    doc = analysis.document
    levels = {id(s): lvl for s, lvl in zip(analysis.scored, report.score.sentence_levels, strict=True)}
    by_block: dict[int, list[Suggestion]] = {}
    places: dict[int, list[tuple[int, int, Piece]]] = {}
    for sug in checked.suggestions:
        by_block.setdefault(sug.block, []).append(sug)
        for e in sug.edits:
            where = locate(doc, e.start, e.end)
            if where is not None and where[0] == sug.block:
                bi, a, b = where
                places.setdefault(bi, []).append((a, b, Piece(doc.blocks[bi].text[a:b], sug.number, e.after)))
    covered = {(sug.block, sug.rule) for sug in checked.suggestions}
    findings: dict[int, list[Finding]] = {}
    for f in report.findings:
        if f.block >= 0 and not (f.rule.startswith("lexicon.") and _has_change(f, places.get(f.block, []),
                                                                               covered)):
            findings.setdefault(f.block, []).append(f)
    rows = []
    number = 0
    sentences: dict[int, list] = {}
    for s in analysis.sentences:
        sentences.setdefault(s.block, []).append(s)
    for bi, block in enumerate(doc.blocks):
        parts: list[Part] = []
        pos = 0
        changes = sorted(places.get(bi, []), key=lambda x: (x[0], x[1]))
        used: set[int] = set()
        for s in sentences.get(bi, []):
            if s.start > pos:
                parts.append(Part(_pieces(block.text, pos, s.start, changes, used)))
            level = levels.get(id(s), 0)
            if level:
                number += 1
            parts.append(Part(_pieces(block.text, s.start, s.end, changes, used), level, number if level else 0))
            pos = s.end
        if pos < len(block.text):
            parts.append(Part(_pieces(block.text, pos, len(block.text), changes, used)))
        rows.append(Row(block.scope, tuple(parts), tuple(findings.get(bi, ())), tuple(by_block.get(bi, ()))))
    whole = tuple(f for f in report.findings if f.block < 0)
    return Review(checked.letter, report, score_with(checked, chosen, config), tuple(rows), whole,
                  checked.suggestions, dict(chosen))


def _has_change(f: Finding, changes: list[tuple[int, int, Piece]], covered: set) -> bool:
    """Return whether a lexicon finding is shown as a change already (same place)."""
    return (f.block, f.rule) in covered and any(a < f.end and f.start <= b for a, b, _ in changes)


def _pieces(text: str, start: int, end: int, changes: list[tuple[int, int, Piece]], used: set[int]
            ) -> tuple[Piece, ...]:
    """Return text[start:end] as plain pieces and the changes that lie wholly inside it (each shown once)."""
    out: list[Piece] = []
    pos = start
    for k, (a, b, piece) in enumerate(changes):
        if k in used or a < pos or b > end:
            continue
        used.add(k)
        if a > pos:
            out.append(Piece(text[pos:a]))
        out.append(piece)
        pos = b
    if pos < end:
        out.append(Piece(text[pos:end]))
    return tuple(out)


# ------------------------------------------------------------------------------------------ privacy

_ONE_AT_A_TIME = threading.Lock()


@contextmanager
def private(config: Config) -> Iterator[None]:
    """Run one request's work alone, and forget its text afterwards.

    spaCy keeps every word it has seen in its string store unless the work runs in a memory zone;
    our own caches (analysed paragraphs, checked sentences, names, word look-ups) are emptied when the
    work is done. The lock keeps one request from emptying a cache while another uses it; the work is
    CPU-bound, so on two cores a queue costs little.
    """
    with _ONE_AT_A_TIME:
        nlp = getattr(get_backend(), "nlp", None)
        zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else nullcontext()
        try:
            with zone:
                yield
        finally:
            forget(config)


# Drawing caches that hold words of a letter or pictures of its dates, times and amounts, where they live
# (the functions moved between modules before; a cache that is missed fails test_serve's heap search).
DRAWING_CACHES = (
    ("eenvoudig.render.sheet", ("word_width", "_word_image")),
    ("eenvoudig.render.pictograms", ("calendar_picture", "clock_picture", "duration_picture", "amount_picture")),
    ("eenvoudig.render.draw", ("calendar_picture", "clock_picture", "duration_picture", "amount_picture")),
)


def forget(config: Config) -> None:
    """Empty every cache in this process that holds words, names, amounts or sentences of a letter.

    Caches of public data stay: the lexicon, the word tables on disk, the pictogram pictures.
    """
    from eenvoudig.analysis import clear_caches, spans, wordinfo

    clear_caches()                                      # analysed paragraphs, the pipeline's look-ups
    load_lexicon(config.lexicons).sentence_cache.clear()  # checked sentences
    spans._names_pattern.cache_clear()                  # the name in the salutation …
    re.purge()                                          # … and the regular expression made from it
    wordinfo.syllables.cache_clear()                    # word look-ups
    tables = wordinfo.tables()
    with tables._lock:
        for cache in (tables._zipf, tables._lemmas, tables._known):
            cache.clear()
    for module, names in DRAWING_CACHES:
        loaded = sys.modules.get(module)
        for name in names:
            cached = getattr(loaded, name, None)
            if cached is not None:
                cached.cache_clear()


def warm_up(config: Config) -> None:
    """Load the language data once, before the first letter, outside any memory zone."""
    with _ONE_AT_A_TIME:
        analysis = analyze(read_text("Geachte heer Jansen,\n\nWij sturen u deze brief.\n"))
        check(analysis, config)
        rewrite(analysis, config)
        forget(config)


def chosen_from(values: Mapping[str, str], found: Sequence[Suggestion], *, all_safe: bool = False) -> dict[int, bool]:
    """Return the user's choices from form fields `keuze-N` = ja/nee (with `all_safe`: every safe one ja)."""
    chosen: dict[int, bool] = {}
    for s in found:
        value = values.get(f"keuze-{s.number}")
        if value in ("ja", "nee"):
            chosen[s.number] = value == "ja"
        if all_safe and s.safe:
            chosen[s.number] = True
    return chosen


__all__ = ["Checked", "Letter", "Problem", "Review", "Suggestion", "accepted_edits", "chosen_from", "examine",
           "forget", "letter_from_file", "letter_from_text", "private", "review", "score_with", "warm_up"]
