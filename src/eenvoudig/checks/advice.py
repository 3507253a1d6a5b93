""""Begin hier": the few changes that lower a letter's difficulty most, each with the score it would get.

Candidates are kinds of change a writer makes: let eenvoudig make its safe word swaps, cut long
sentences in two, write who does what instead of the passive, replace the officialese eenvoudig only
suggests, choose common words, use verbs instead of nouns in -ing. Each is scored with the same
formula as the letter (`score.score`), on the letter's own sentence facts:

* the safe word swaps are *computed*: the swaps are made in the text, which is analysed and scored again;
* the rest are *estimated*: the sentence facts are changed as if only that was done (a long sentence
  becomes two halves with one comma less; a passive sentence becomes active; the suggested words, the
  uncommon words or the nouns in -ing count no longer), and the letter is scored with those facts.

The items are ranked by how much they lower the difficulty (at least `MIN_DROP` points); `together` is
the estimate with all shown items done at once. Places name what the user sees: "alinea N" or a table cell in Word, else the line
(and "alinea N" when the line is very long, as in a text with one line per paragraph).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from eenvoudig.checks.score import SentenceFacts, score

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.analysis import Analysis
    from eenvoudig.checks import Report
    from eenvoudig.config import Config
    from eenvoudig.rewriting import Edit, Rewrite

LONG_LINE = 200  # characters: a line this long is a paragraph, and "kolom 483" helps nobody
MIN_DROP = 1.0   # difficulty points: a change that helps less is not worth a place in "Begin hier"


@dataclass(frozen=True)
class Advice:
    """One change and the difficulty (0-100) and level (1-4) the letter would have with it."""

    kind: str
    title: str
    examples: tuple[str, ...]
    difficulty: float
    level: int
    label: str
    estimated: bool

    def to_dict(self) -> dict:
        return {"kind": self.kind, "title": self.title, "examples": list(self.examples),
                "difficulty": self.difficulty, "level": self.level, "label": self.label,
                "estimated": self.estimated}


@dataclass(frozen=True)
class BeginHier:
    """The ranked advice for one letter, and the estimate with all of it done."""

    items: tuple[Advice, ...]
    together: Advice | None = None

    def to_dict(self) -> dict:
        return {"items": [a.to_dict() for a in self.items],
                "together": self.together.to_dict() if self.together else None}


# ------------------------------------------------------------------------------------------- places


def place_of(analysis: Analysis, block: int, offset: int) -> str:
    """Return where a user finds a block offset: 'alinea N' (Word), or the line and column."""
    doc = analysis.document
    b = doc.blocks[block]
    if doc.kind == "docx":
        return b.place or f"alinea {b.paragraph}"
    line, col = analysis.position(block, offset)
    if _one_line_paragraphs(doc.source):
        # paragraphs as the eye sees them: stretches of lines between blank lines
        counts = _paragraph_counts(doc.source)
        return f"alinea {counts[min(line, len(counts) - 1)]} (regel {line})"
    return f"regel {line}" + (f", kolom {col}" if col > 1 else "")


@lru_cache(maxsize=8)
def _paragraph_counts(source: str) -> tuple[int, ...]:
    """Return, for every n, how many paragraphs (stretches of lines between blank lines) start in the first n
    lines: once per letter, not once per finding (that was quadratic in a long letter)."""
    lines = source.split("\n")
    counts = [0]
    for i, x in enumerate(lines):
        counts.append(counts[-1] + (1 if x.strip() and (i == 0 or not lines[i - 1].strip()) else 0))
    return tuple(counts)


@lru_cache(maxsize=32)
def _one_line_paragraphs(source: str) -> bool:
    """Return whether a text has lines longer than LONG_LINE: each paragraph is one line (Notepad, Word export)."""
    return any(len(line) > LONG_LINE for line in source.split("\n"))


def quote(text: str, words: int = 8) -> str:
    """Return the first words of a text, to find it again: «Op grond van artikel 35 van de …»."""
    parts = text.split()
    return "«" + " ".join(parts[:words]) + (" …" if len(parts) > words else "") + "»"


# ---------------------------------------------------------------------------------------- rescoring


def _score(facts: Sequence[SentenceFacts], config: Config):
    from eenvoudig.checks import rule_data

    niveaus = rule_data()["niveaus"]
    return score(facts, target=config.target, bounds=niveaus["grenzen"], labels=niveaus["labels"],
                 target_levels=niveaus["doel"])


def edited_document(analysis: Analysis, edits: Sequence[Edit]):
    """Return the letter's Document with the edits made in its blocks (same blocks, same scopes)."""
    from eenvoudig.document import Block, Document, _line_starts

    doc = analysis.document
    ordered = sorted(edits, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    blocks = []
    for b in doc.blocks:
        changes = []
        # only the edits that start inside the block's stretch of the source: linear, not blocks × edits
        lo, hi = _block_span(b)
        for e in ordered[bisect_left(starts, lo):bisect_right(starts, hi)]:
            start = _block_offset(b, e.start)
            end = _block_offset(b, e.end) if e.end > e.start else start
            if start is not None and end is not None:
                changes.append((start, end, e.after))
        text = b.text
        for start, end, after in sorted(changes, reverse=True):
            text = text[:start] + after + text[end:]
        blocks.append(Block(text, b.scope, ((0, 0),), b.paragraph, b.place) if changes else b)
    source = "\n\n".join(b.text for b in blocks)
    return Document(doc.path, doc.kind, source, tuple(blocks), doc.subject, _line_starts(source))


def _block_span(block) -> tuple[int, int]:
    """Return the first and last source offset a block's segments cover (as `_block_offset` counts them)."""
    segs = block.segments
    if not segs:
        return 1, 0                         # holds no offset: no edit falls in it
    ends = [(segs[k + 1][0] if k + 1 < len(segs) else len(block.text)) - off + src
            for k, (off, src) in enumerate(segs)]
    return min(src for _, src in segs), max(ends)


def _block_offset(block, source: int) -> int | None:
    """Return the offset in the block text of a source offset, or None when the block does not hold it."""
    segs = block.segments
    for k, (off, src) in enumerate(segs):
        length = (segs[k + 1][0] if k + 1 < len(segs) else len(block.text)) - off
        if src <= source <= src + length:
            return off + source - src
    return None


def rescore(report: Report, edits: Sequence[Edit], config: Config | None = None):
    """Return the Report of the letter with the edits made (analysed and checked again)."""
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.config import Config

    return check(analyze(edited_document(report.analysis, edits), report.analysis.backend), config or Config())


# ------------------------------------------------------------------------------------------ advice


def begin_hier(report: Report, config: Config | None = None, *, rewrite: Rewrite | None = None,
               after: Report | None = None, limit: int = 5) -> BeginHier:
    """Return the (at most `limit`) changes that lower the difficulty most, best first.

    `rewrite` is the letter's Rewrite (made here when not given) and `after` the Report of the letter
    with its applied edits (computed here when not given).
    """
    from eenvoudig.checks import _rule
    from eenvoudig.config import Config

    config = config or Config()
    analysis = report.analysis
    facts = list(report.facts)
    scored = list(analysis.scored)
    if not facts or len(facts) != len(scored):
        return BeginHier(())
    base = _score(facts, config).difficulty
    if rewrite is None:
        from eenvoudig.rewriting import rewrite as make_rewrite

        rewrite = make_rewrite(analysis, config)

    per_block: dict[int, list[int]] = {}
    for k, s in enumerate(scored):
        per_block.setdefault(s.block, []).append(k)

    def sentence_of(block: int, start: int) -> int | None:
        # the first sentence of the block that holds `start` (a block has a few sentences: no scan of the letter)
        return next((k for k in per_block.get(block, ()) if scored[k].start <= start < scored[k].end + 1), None)

    def where(k: int) -> str:
        return place_of(analysis, scored[k].block, scored[k].start)

    candidates: list[tuple[str, str, tuple[str, ...], Callable[[list[SentenceFacts]], list[SentenceFacts]]]] = []
    applied = list(rewrite.applied)
    exact: Advice | None = None
    if applied:
        new = after or rescore(report, applied, config)
        pairs = []
        # examples of word swaps first: a structural edit's changed fragment ('is' → 'hebben wij') says little alone
        for e in sorted(applied, key=lambda e: getattr(e, "kind", "word") != "word"):
            pair = f"'{e.before.strip()}' → '{e.after.strip()}'" if e.before.strip() else f"+ '{e.after.strip()}'"
            if pair not in pairs and e.before.strip() and e.after.strip():
                pairs.append(pair)
        covered = _covered(report, applied)
        n = len(covered) or len(applied)  # words and phrases, not the edits (an article changes with its noun)
        exact = Advice("vervangen", f"Laat eenvoudig {n} {'woord' if n == 1 else 'woorden'} vervangen "
                       f"(eenvoudig rewrite --fix, of --review voor Word).", tuple(pairs[:3]),
                       new.score.difficulty, new.score.level, new.score.label, False)
        lex_drop: dict[int, int] = {}
        for f in report.findings:
            if f.rule.startswith("lexicon.") and f.block >= 0 and (f.block, f.start, f.end) in covered:
                k = sentence_of(f.block, f.start)
                if k is not None:
                    lex_drop[k] = lex_drop.get(k, 0) + 1
        candidates.append(("vervangen", exact.title, exact.examples,
                           lambda fs, d=lex_drop: [replace(f, lexicon=max(0, f.lexicon - d.get(k, 0)))
                                                   for k, f in enumerate(fs)]))
    else:
        covered = set()

    # long sentences
    rule = _rule("zin.lang", config)
    limit_words = rule.get("error", 21)
    long = [k for k, f in enumerate(facts) if f.words >= limit_words]
    if not long:
        limit_words = rule.get("warning", 13)
        long = [k for k, f in enumerate(facts) if f.words >= limit_words]
    if long:
        ranked = sorted(long, key=lambda k: -facts[k].words)
        examples = tuple(f"{where(k)}, {facts[k].words} woorden: {quote(scored[k].text)}" for k in ranked[:3])
        title = (f"Knip {'de lange zin' if len(long) == 1 else f'{len(long)} lange zinnen'} in tweeën "
                 f"({'die heeft' if len(long) == 1 else 'die hebben'} {limit_words} woorden of meer).")
        candidates.append(("zin.lang", title, examples, lambda fs, ks=set(long): _split_sentences(fs, ks)))

    def by_rule(rule_id: str) -> list:
        return [f for f in report.findings if f.rule == rule_id and f.block >= 0]

    # passive voice
    passive = sorted({k for f in by_rule("stijl.lijdend") if (k := sentence_of(f.block, f.start)) is not None
                      and facts[k].passive})
    if passive:
        spans = {sentence_of(f.block, f.start): f for f in by_rule("stijl.lijdend")}
        examples = tuple(f"{where(k)}: {_words(analysis, spans[k])}" for k in passive[:3])
        n = len(passive)
        candidates.append(("stijl.lijdend", f"Schrijf wie iets doet in {n} {'zin' if n == 1 else 'zinnen'} "
                           "(geen lijdende vorm).", examples,
                           lambda fs, ks=set(passive): [replace(f, passive=False) if k in ks else f
                                                        for k, f in enumerate(fs)]))

    # officialese that eenvoudig only suggests
    lexicon = [f for f in report.findings if f.rule.startswith("lexicon.") and f.block >= 0
               and (f.block, f.start, f.end) not in covered]
    if lexicon:
        drop: dict[int, int] = {}
        counts: dict[str, list] = {}
        for f in lexicon:
            k = sentence_of(f.block, f.start)
            if k is not None:
                drop[k] = drop.get(k, 0) + 1
            word = _words(analysis, f).strip("«»")
            counts.setdefault(word.lower(), [0, f.suggestions, word])[0] += 1
        examples = tuple(f"'{w}'" + (f" → '{s[0]}'" if s else "") + (f" ({c} keer)" if c > 1 else "")
                         for c, s, w in sorted(counts.values(), key=lambda x: -x[0])[:3])
        n = len(lexicon)
        candidates.append(("lexicon", "Vervang of leg uit: " + (
            "1 ambtelijk of moeilijk woord dat" if n == 1 else f"{n} ambtelijke of moeilijke woorden die")
            + " eenvoudig alleen aanwijst.", examples,
                           lambda fs, d=drop: [replace(f, lexicon=max(0, f.lexicon - d.get(k, 0)))
                                               for k, f in enumerate(fs)]))

    # uncommon words
    hard = [(k, t.text) for k, s in enumerate(scored) for t in s.words
            if t.content and t.zipf is not None and t.zipf < 3.0]
    if hard:
        seen: list[str] = []
        for _, w in hard:
            if w.lower() not in [x.lower() for x in seen]:
                seen.append(w)
        n = len(hard)
        candidates.append(("woord.moeilijk", "Kies een gewoon woord voor een woord dat weinig mensen kennen." if n == 1
                           else f"Kies gewone woorden voor {n} woorden die weinig mensen kennen.",
                           tuple(f"'{w}'" for w in seen[:3]),
                           lambda fs, ks={k for k, _ in hard}: [replace(f, hard=0) if k in ks else f
                                                                for k, f in enumerate(fs)]))

    # nouns made of verbs
    noms = [k for k, f in enumerate(facts) if f.nominalisations]
    if noms:
        from eenvoudig.checks import _nominalisations

        rule = _rule("stijl.naamwoord", config)
        # one example per place: two sentences on one line (or in one Word paragraph) are one place
        places: dict[str, list[str]] = {}
        for k in noms:
            words = [scored[k].tokens[i].text for i in _nominalisations(scored[k], rule, analysis.backend != "regex")]
            places.setdefault(where(k), []).extend(words)
        examples = tuple(f"{place}: " + ", ".join(f"'{w}'" + (f" ({c} keer)" if c > 1 else "")
                                                  for w, c in Counter(words).items())
                         for place, words in list(places.items())[:3])
        n = sum(facts[k].nominalisations for k in noms)
        candidates.append(("stijl.naamwoord", f"Schrijf met werkwoorden in plaats van {n} "
                           f"{'zelfstandig naamwoord' if n == 1 else 'zelfstandige naamwoorden'} "
                           "(wij beoordelen, niet: de beoordeling).", examples,
                           lambda fs, ks=set(noms): [replace(f, nominalisations=0) if k in ks else f
                                                     for k, f in enumerate(fs)]))

    items: list[tuple[float, Advice, Callable]] = []
    for kind, title, examples, change in candidates:
        if kind == "vervangen" and exact is not None:
            advice = exact
        else:
            sc = _score(change(facts), config)
            advice = Advice(kind, title, examples, sc.difficulty, sc.level, sc.label, True)
        if base - advice.difficulty >= MIN_DROP:
            items.append((base - advice.difficulty, advice, change))
    items.sort(key=lambda x: -x[0])
    chosen = items[:limit]
    together = None
    if len(chosen) > 1:
        all_facts = facts
        for _, advice, change in sorted(chosen, key=lambda x: x[1].kind == "zin.lang"):  # split last: it renumbers
            all_facts = change(all_facts)
        sc = _score(all_facts, config)
        together = Advice("samen", "Alles hierboven samen.", (), sc.difficulty, sc.level, sc.label, True)
    return BeginHier(tuple(a for _, a, _ in chosen), together)


def _covered(report: Report, edits: Sequence[Edit]) -> set[tuple[int, int, int]]:
    """Return (block, start, end) of the findings that an applied edit of the same rule takes away."""
    out = set()
    blocks = report.analysis.document.blocks
    by_rule: dict[str, tuple[list[int], list[Edit]]] = {}
    for e in sorted(edits, key=lambda e: e.start):
        starts, same = by_rule.setdefault(e.rule, ([], []))
        starts.append(e.start)
        same.append(e)
    for f in report.findings:
        if f.block < 0 or f.rule not in by_rule:
            continue
        b = blocks[f.block]
        start, end = b.source_offset(f.start), b.source_offset(max(f.start, f.end - 1)) + 1
        starts, same = by_rule[f.rule]
        # only the edits of the same rule that start inside the finding: not findings × edits
        if any(e.end <= end for e in same[bisect_left(starts, start):bisect_right(starts, end)]):
            out.add((f.block, f.start, f.end))
    return out


def _words(analysis: Analysis, finding) -> str:
    """Return the words a finding is about, as «…», shortened when long."""
    text = analysis.document.blocks[finding.block].text[finding.start:finding.end]
    return quote(text, 6)


def _split_sentences(facts: list[SentenceFacts], which: set[int]) -> list[SentenceFacts]:
    """Return the facts with each chosen sentence cut into two halves (one comma less)."""
    out: list[SentenceFacts] = []
    for k, f in enumerate(facts):
        if k not in which:
            out.append(f)
            continue

        def half(x: int, first: bool) -> int:
            return x // 2 if first else x - x // 2

        commas = max(0, f.commas - 1)
        for first in (True, False):
            out.append(SentenceFacts(
                words=half(f.words, first), syllables=half(f.syllables, first),
                long_words=half(f.long_words, first), content=half(f.content, first), hard=half(f.hard, first),
                lexicon=half(f.lexicon, first), passive=f.passive and first, commas=half(commas, first),
                nominalisations=half(f.nominalisations, first)))
    return out

