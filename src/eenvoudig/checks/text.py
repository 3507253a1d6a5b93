"""The report as text for people: the level, "Begin hier" (what helps most), then the details per sentence."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

import click

from eenvoudig.checks.advice import place_of

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.checks import Report
    from eenvoudig.checks.advice import Advice, BeginHier

SEVERITY_NL = {"info": "tip", "warning": "waarschuwing", "error": "fout"}
SEVERITY_COLOR = {"info": "cyan", "warning": "yellow", "error": "red"}
LEVEL_WORDS = {1: "eenvoudig", 2: "redelijk eenvoudig", 3: "moeilijk", 4: "erg moeilijk"}
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Return `text` safe for a terminal or an XML file: control characters (ESC sequences that clear the
    screen, set the window title or hide links) and direction overrides become '\ufffd', one for one."""
    return _UNPRINTABLE.sub("\ufffd", text)


def nl_number(x: float | None, digits: int = 1) -> str:
    """Return a number written the Dutch way (8,5), or '-' when there is none."""
    return "-" if x is None else f"{x:.{digits}f}".replace(".", ",")


def level_line(report: Report) -> str:
    """Return 'Niveau 4 van 4: … Moeilijkheid 84 van 100: nog niet goed voor B1.' without colour."""
    sc = report.score
    verdict = f"goed voor {sc.target}" if sc.passed else f"nog niet goed voor {sc.target}"
    return f"Niveau {sc.level} van 4: {sc.label}. Moeilijkheid {sc.difficulty:.0f} van 100: {verdict}."


def format_report(report: Report, *, color: bool = False, advice: BeginHier | None = None,
                  kort: bool = False) -> str:
    """Return a report as text for people: the level, then "Begin hier" (when given), then the details.

    With `kort` only the level and "Begin hier" are shown.
    """
    from eenvoudig.checks import SEVERITIES

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    sc = report.score
    m = sc.metrics
    lines = [style(printable(report.path), bold=True)]
    verdict = style(f"goed voor {sc.target}", fg="green", bold=True) if sc.passed else style(
        f"nog niet goed voor {sc.target}", fg="red", bold=True)
    lines.append(f"  Niveau {sc.level} van 4: {sc.label}. Moeilijkheid {sc.difficulty:.0f} van 100: {verdict}.")
    if advice is not None:
        lines += ["", *begin_hier_lines(advice, report, style)]
    if kort:
        return "\n".join(lines)
    if advice is not None:
        lines += ["", style("  Details", bold=True)]
    nl = nl_number
    if m.get("words"):
        lines.append(f"  {m['sentences']} {'zin' if m['sentences'] == 1 else 'zinnen'}, {m['words']} "
                     f"{'woord' if m['words'] == 1 else 'woorden'}. Woorden per zin: gemiddeld "
                     f"{nl(m['words_per_sentence'])}, 90% heeft er hooguit {m['words_per_sentence_p90']:.0f}, "
                     f"de langste {m['words_per_sentence_max']}.")
        lines.append(f"  Moeilijke woorden: {nl(m['difficult_words_pct'])}%. Lijdende vorm: {nl(m['passive_pct'], 0)}% van de zinnen.")
        lines.append(f"  Klassieke formules (alleen ter vergelijking): Flesch-Douma {nl(m['flesch_douma'], 0)}, "
                     f"Brouwer {nl(m['brouwer'], 0)}, LIX {nl(m['lix'], 0)}.")
    counts = report.counts()
    lines.append("  " + ", ".join(f"{counts[s]} {SEVERITY_NL[s]}{'en' if counts[s] != 1 and s != 'info' else ('s' if counts[s] != 1 else '')}"
                                  for s in reversed(SEVERITIES)))
    analysis = report.analysis
    explained: set[str] = set()

    def finding_lines(f) -> list[str]:
        label = style(SEVERITY_NL[f.severity], fg=SEVERITY_COLOR[f.severity], bold=True)
        out = [f"    {label}  {printable(f.message)}  [{f.rule}]"]
        if f.suggestions and not f.rule.startswith("lexicon."):
            out.append(f"      Voorstel: {printable(', '.join(f.suggestions))}")
        if f.why and f.rule not in explained:
            explained.add(f.rule)
            out.append(style(f"      Waarom: {f.why}", dim=True))
        return out

    whole = [f for f in report.findings if f.block < 0]
    if whole:
        lines += ["", "  Hele tekst"]
        for f in whole:
            lines += finding_lines(f)
    sentences = analysis.sentences
    levels = {id(s): lvl for s, lvl in zip(analysis.scored, sc.sentence_levels)}
    groups: dict[int, list] = {}
    by_block: dict[int, tuple[list[int], list[int]]] = {}   # block → (sentence starts, sentence indexes)
    for i, s in enumerate(sentences):
        starts, indexes = by_block.setdefault(s.block, ([], []))
        starts.append(s.start)
        indexes.append(i)
    for f in report.findings:
        if f.block < 0:
            continue
        starts, indexes = by_block.get(f.block, ([], []))
        j = bisect.bisect_right(starts, f.start) - 1
        k = indexes[j] if j >= 0 and f.start < sentences[indexes[j]].end + 1 else -1
        groups.setdefault(k, []).append(f)
    for k in sorted(groups):
        fs = groups[k]
        first = fs[0]
        place = place_of(analysis, sentences[k].block, sentences[k].start) if k >= 0 else \
            place_of(analysis, first.block, first.start)
        level = levels.get(id(sentences[k])) if k >= 0 else None
        if level is not None:
            place += f"  (zin: {LEVEL_WORDS[level]})"
        lines += ["", style(f"  {place}", bold=True)]
        if k >= 0:
            lines.append(f"    > {marked(sentences[k], [f for f in fs if f.end - f.start < sentences[k].end - sentences[k].start], color)}")
        for f in sorted(fs, key=lambda f: (-["info", "warning", "error"].index(f.severity), f.start)):
            lines += finding_lines(f)
    return "\n".join(lines)


def begin_hier_lines(advice: BeginHier, report: Report, style=lambda text, **kw: text) -> list[str]:
    """Return the "Begin hier" part of the text report."""
    sc = report.score
    if not advice.items:
        if sc.passed:
            return [style("  Begin hier:", bold=True) + f" deze tekst is al goed voor {sc.target}. "
                    "Kijk bij de details voor kleine verbeteringen."]
        return [style("  Begin hier:", bold=True) + " er is geen verandering die veel uitmaakt. Kijk bij de details."]
    out = [style("  Begin hier: wat het meest helpt", bold=True) + (
        f" (deze tekst is al goed voor {sc.target})" if sc.passed else "")]
    for n, a in enumerate(advice.items, 1):
        out.append(f"  {n}. {printable(a.title)}")
        out.append(f"     Dan: {expected(a, report)}")
        out += [f"     - {printable(x)}" for x in a.examples]
    if advice.together is not None:
        out.append(f"  Alles samen: {expected(advice.together, report)}")
    out.append(style("  (berekend: de brief is opnieuw gemeten; geschat: met dezelfde formule uitgerekend, "
                     "alsof alleen dat verandert)", dim=True))
    return out


def expected(a: Advice, report: Report) -> str:
    """Return 'moeilijkheid 84 → 61 van 100, niveau 4 → 3: moeilijk (ongeveer B2) (geschat).'"""
    sc = report.score
    level = f"niveau {sc.level} → {a.level}: {a.label}" if a.level != sc.level else f"nog steeds niveau {a.level}"
    return (f"moeilijkheid {sc.difficulty:.0f} → {a.difficulty:.0f} van 100, {level} "
            f"({'geschat' if a.estimated else 'berekend'}).")


def marked(sentence, findings: list, color: bool) -> str:
    """Quote a sentence with the words of its findings marked (underlined, or «…» without colour)."""
    text = printable(sentence.text)   # same length: the offsets still fit
    spans = sorted({(max(0, f.start - sentence.start), min(len(text), f.end - sentence.start)) for f in findings})
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out.append(re.sub(r"\s+", " ", text[pos:a]))
        mid = re.sub(r"\s+", " ", text[a:b])
        out.append(click.style(mid, underline=True, bold=True) if color else f"«{mid}»")
        pos = b
    out.append(re.sub(r"\s+", " ", text[pos:]))
    return "".join(out).strip()


def reports_to_json(reports: list[Report]) -> dict:
    """Return the JSON document for a list of reports (schema_version 1)."""
    from eenvoudig import __version__
    from eenvoudig.checks import SCHEMA_VERSION

    return {"schema_version": SCHEMA_VERSION, "tool": {"name": "eenvoudig", "version": __version__},
            "files": [r.to_dict() for r in reports]}
