"""Fuzz every public entry point with Hypothesis: any text, every Unicode category, lone surrogates.

    python benchmarks/fuzz.py                    # 10,000 examples per entry point (about half an hour)
    python benchmarks/fuzz.py --examples 500     # a quick run
    python benchmarks/fuzz.py --only speech_text

Entry points: `analyze`, `check`, `rewrite` (safe and unsafe), `speech_text` (also with redact) and
`lint_source`. Each may refuse bad input with a Dutch InputError (or SpeechError "nothing to say", or a
TemplateError for a template); anything else is a failure, and so is a broken promise:

* analyze: every sentence and token lies inside its block; the blocks lie inside the source;
* check: the difficulty is 0-100 and every finding points into the file (line and column from 1);
* rewrite: the new text is the source with exactly the applied edits, nothing else changed;
* speech_text with redact: what would go online holds no personal data the guard knows;
* lint_source: a result, never an exception.

The suite runs the same properties with a few examples each (tests/test_properties.py).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
import unicodedata
from typing import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# All 30 Unicode general categories; lone surrogates (Cs) included on purpose.
CATEGORIES = ("Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf",
              "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn")

PIECES = [
    "Geachte mevrouw De Vries,", "Geachte heer/mevrouw Ömer-Yıldız,", "Met vriendelijke groet,", "artikel 4:8 Awb",
    "€ 1.250,50", "3 maart 2027", "03-03-1980", "geboren", "14 020", "NL91 ABNA 0417 1643 00", "nl91abna0417164300",
    "111 222 333", "111222333", "06-12345678", "+31 (0)30 123 4567", "1234 ab", "jan [at] gemeente.nl",
    "info@voorbeeldstad.nl", "www.voorbeeldstad.nl/a.", "Kerkstraat 12", "- ", "* ", "1. ", "# ", "**", "[a](b)",
    "<p>", "</p>", "<li>", "<br>", "&amp;", "&#0;", "{{ naam }}", "{%", "{#", "d.d.", "enz.", "t/m", "wordt",
    "beoordeeld", "het", "indienen", "van", "niet", "onmogelijk", "men", "verstrekken", "beschikking", "inzake",
    ",", ".", "?", "!", ";", ":", "\n", "\n\n", " ", "\t", "\r", "\r\n", "é", "ß", "İ", "\u200b", "\ufeff", "😀",
    "²", "٣", "ﬁ", "\u0301", "\uf0b7 ", "\x1b[2J", "\u202e", "\ud800", "\udfff", "a" * 60, "*" * 50, "(" * 30,
]

any_char = st.sampled_from(CATEGORIES).flatmap(
    lambda cat: st.characters(categories=[cat]) if cat != "Cn" else st.characters(min_codepoint=0x0378,
                                                                                   max_codepoint=0x0379))
texts = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=200),          # any code point, surrogates too
    st.text(any_char, max_size=80),                                        # every category, evenly
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(any_char, max_size=3)), max_size=40).map("".join),
)
kinds = st.sampled_from(["txt", "md", "html"])


def _document(text: str, kind: str):
    """Return the Document, or None when the text is refused with a Dutch InputError (allowed)."""
    from eenvoudig.document import read_text
    from eenvoudig.errors import InputError

    try:
        return read_text(text, kind=kind)
    except InputError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return None


def prop_analyze(text: str, kind: str) -> None:
    from eenvoudig import analyze

    doc = _document(text, kind)
    if doc is None:
        return
    analysis = analyze(doc)
    for s in analysis.sentences:
        block = doc.blocks[s.block].text
        assert 0 <= s.start <= s.end <= len(block) and block[s.start:s.end] == s.text
        for t in s.tokens:
            assert s.start <= t.start <= t.end <= s.end and block[t.start:t.end] == t.text
    for b in doc.blocks:
        for off, src in b.segments:
            assert 0 <= off <= len(b.text) and 0 <= src <= len(doc.source)


def prop_check(text: str, kind: str) -> None:
    from eenvoudig import analyze, check

    doc = _document(text, kind)
    if doc is None:
        return
    report = check(analyze(doc))
    assert 0 <= report.score.difficulty <= 100
    for f in report.findings:
        assert f.line >= 1 and f.column >= 1 and f.end_line >= f.line


def _prop_rewrite(unsafe: bool) -> Callable[[str, str], None]:
    def prop(text: str, kind: str) -> None:
        from eenvoudig import analyze, rewrite

        doc = _document(text, kind)
        if doc is None:
            return
        result = rewrite(analyze(doc), unsafe=unsafe)
        pos, out = 0, []
        for e in sorted(result.applied, key=lambda e: (e.start, e.end)):
            assert pos <= e.start <= e.end <= len(doc.source) and doc.source[e.start:e.end] == e.before
            out += [doc.source[pos:e.start], e.after]
            pos = e.end
        out.append(doc.source[pos:])
        if doc.kind != "docx":
            assert result.text == "".join(out)
    return prop


def prop_speech_text(text: str, kind: str) -> None:
    from eenvoudig import analyze
    from eenvoudig.errors import PrivacyError, SpeechError
    from eenvoudig.speech import find_personal_data, letter_names, speech_text

    doc = _document(text, kind)
    if doc is None:
        return
    analysis = analyze(doc)
    try:
        spoken = speech_text(analysis)
    except SpeechError as exc:
        assert "niets om voor te lezen" in str(exc)
        return
    assert isinstance(spoken, str) and spoken.strip()
    try:
        online = speech_text(analysis, redact=True)
    except PrivacyError:
        return          # refused because redaction could not clean it: allowed, nothing is sent
    names = letter_names(analysis)
    for line in online.splitlines():
        assert find_personal_data(line, names) == [], line


def prop_lint_source(text: str, kind: str) -> None:
    from eenvoudig.errors import InputError
    from eenvoudig.lint import lint_source

    suffix = {"txt": "brief.txt.j2", "md": "brief.md.j2", "html": "brief.html.j2"}[kind]
    try:
        result = lint_source(text, suffix, root=".")
    except InputError as exc:      # lone surrogates: a Dutch message, like every other entry point
        assert "surrogaten" in str(exc)
        return
    assert result is not None


PROPERTIES: dict[str, Callable[[str, str], None]] = {
    "analyze": prop_analyze,
    "check": prop_check,
    "rewrite": _prop_rewrite(False),
    "rewrite_unsafe": _prop_rewrite(True),
    "speech_text": prop_speech_text,
    "lint_source": prop_lint_source,
}


def run(name: str, examples: int, seed: int | None = None) -> tuple[int, str | None]:
    """Run one property with `examples` examples; return (examples tried, failure or None)."""
    count = [0]
    prop = PROPERTIES[name]

    def counted(text: str, kind: str) -> None:
        count[0] += 1
        prop(text, kind)

    test = settings(max_examples=examples, deadline=None, database=None, derandomize=seed is not None,
                    suppress_health_check=list(HealthCheck))(given(text=texts, kind=kinds)(counted))
    try:
        test()
    except Exception:  # noqa: BLE001 - a failure is reported, with the shrunk example
        return count[0], traceback.format_exc(limit=6)
    return count[0], None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--only", help="comma-separated entry points")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(PROPERTIES)
    failures = 0
    print(f"Unicode {unicodedata.unidata_version}; {args.examples} examples per entry point")
    for name in names:
        start = time.perf_counter()
        tried, failure = run(name, args.examples)
        failures += failure is not None
        print(f"{name:16s} {tried:6d} examples  {time.perf_counter() - start:7.1f} s  "
              f"{'FAILED' if failure else '0 failures'}", flush=True)
        if failure:
            print(failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
