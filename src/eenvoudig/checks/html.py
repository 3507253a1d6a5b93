"""The report as one self-contained web page: the letter with each sentence coloured by its level and the
findings beside it (Hemingway-style), "Begin hier" at the top. No scripts, no external files, lang="nl";
colour is never the only signal (each level also has its own underline and a text for screen readers).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from eenvoudig.checks.advice import place_of
from eenvoudig.checks.text import LEVEL_WORDS, SEVERITY_NL, expected, nl_number

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.checks import Finding, Report
    from eenvoudig.checks.advice import BeginHier


def report_html(report: Report, advice: BeginHier | None = None) -> str:
    """Return the report of one letter as an HTML page."""
    from eenvoudig import __version__

    analysis = report.analysis
    doc = analysis.document
    sc = report.score
    levels = {id(s): lvl for s, lvl in zip(analysis.scored, sc.sentence_levels)}
    by_block: dict[int, list[Finding]] = {}
    for f in report.findings:
        if f.block >= 0:
            by_block.setdefault(f.block, []).append(f)
    number = 0
    blocks = []
    explained: set[str] = set()  # "Waarom?" once per rule, as in the text report
    for bi, block in enumerate(doc.blocks):
        sentences = sorted((s for s in analysis.sentences if s.block == bi), key=lambda s: s.start)
        found = sorted(by_block.get(bi, []), key=lambda f: (f.start, -f.end))
        numbered = []
        for f in found:
            number += 1
            numbered.append((number, f))
        pieces = []  # ("text", str) | ("sentence", dict) | ("refs", [n])
        pos = 0
        for s in sentences:
            if s.start > pos:
                pieces.append({"kind": "text", "text": block.text[pos:s.start]})
            mine = [(n, f) for n, f in numbered if s.start <= f.start < s.end + 1]
            pieces.append({"kind": "sentence", "level": levels.get(id(s)),
                           "level_words": LEVEL_WORDS.get(levels.get(id(s)) or 0, ""),
                           "parts": _parts(block.text, s.start, s.end, mine)})
            pos = s.end
        if pos < len(block.text):
            pieces.append({"kind": "text", "text": block.text[pos:]})
        outside = [n for n, f in numbered if not any(s.start <= f.start < s.end + 1 for s in sentences)]
        if outside:
            pieces.append({"kind": "refs", "numbers": outside})
        blocks.append({"scope": block.scope, "place": place_of(analysis, bi, 0), "pieces": pieces,
                       "findings": [_finding(n, f, explained) for n, f in numbered]})
    m = sc.metrics
    facts = []
    if m.get("words"):
        facts = [f"{m['sentences']} {'zin' if m['sentences'] == 1 else 'zinnen'}, {m['words']} woorden",
                 f"gemiddeld {nl_number(m['words_per_sentence'])} woorden per zin, de langste {m['words_per_sentence_max']}",
                 f"moeilijke woorden: {nl_number(m['difficult_words_pct'])}%",
                 f"lijdende vorm: {nl_number(m['passive_pct'], 0)}% van de zinnen"]
    counts = report.counts()
    whole = [_finding(None, f, explained) for f in report.findings if f.block < 0]
    items = [{"title": a.title, "expected": expected(a, report), "examples": a.examples}
             for a in (advice.items if advice else ())]
    return _template().render(
        name=report.path, title=Path(report.path).name if report.path != "-" else "invoer", score=sc, passed=sc.passed, facts=facts, counts=counts, items=items,
        together=expected(advice.together, report) if advice and advice.together else "",
        whole=whole, blocks=blocks, version=__version__,
        level_words=LEVEL_WORDS, severity=SEVERITY_NL)


@lru_cache(maxsize=1)
def _template():
    """Return the page template (compiled once per process)."""
    import jinja2

    folder = resources.files("eenvoudig") / "templates" / "uitvoer"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True)
    return env.get_template("rapport.html.j2")


def _parts(text: str, start: int, end: int, numbered: list[tuple[int, Finding]]) -> list[dict]:
    """Split a sentence into plain text and marked words; sentence-wide findings are numbered at its end."""
    spans = sorted((max(start, f.start), min(end, f.end), n) for n, f in numbered if f.end - f.start < end - start)
    whole = [n for n, f in numbered if f.end - f.start >= end - start]
    out: list[dict] = []
    pos = start
    for a, b, n in spans:
        if a < pos:  # overlaps a marked stretch: its number goes with that one
            if out and out[-1]["kind"] == "mark":
                out[-1]["numbers"] = sorted([*out[-1]["numbers"], n])
            continue
        if a > pos:
            out.append({"kind": "text", "text": text[pos:a]})
        out.append({"kind": "mark", "text": text[a:b], "numbers": [n]})
        pos = b
    if pos < end:
        out.append({"kind": "text", "text": text[pos:end]})
    if whole:
        out.append({"kind": "refs", "numbers": whole})
    return out


def _finding(n: int | None, f: Finding, explained: set[str]) -> dict:
    why = f.why if f.rule not in explained else ""
    explained.add(f.rule)
    return {"n": n, "severity": f.severity, "label": SEVERITY_NL[f.severity], "message": f.message, "rule": f.rule,
            "suggestions": list(f.suggestions) if not f.rule.startswith("lexicon.") else [], "why": why}
