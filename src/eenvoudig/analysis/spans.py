"""Protected spans: facts in a letter that no later step may change.

Amounts, dates, times, phone numbers, postcodes, BSN, IBAN, e-mail addresses, URLs, legal references,
template syntax and names. Found with regular expressions and checksums (python-stdnum for BSN and
IBAN); no spaCy needed, so the speech normaliser and the privacy guard use the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

SpanKind = Literal["bedrag", "datum", "tijd", "telefoon", "postcode", "bsn", "iban", "email", "url",
                   "wetsartikel", "sjabloon", "picto", "naam", "kenmerk", "getal"]

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
MONTH_ABBR = ("jan", "febr", "feb", "mrt", "apr", "jun", "jul", "aug", "sept", "sep", "okt", "nov", "dec")
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DAY_ABBR = ("ma", "di", "wo", "do", "vr", "za", "zo")

_month = "|".join(MONTHS) + "|(?:" + "|".join(MONTH_ABBR) + r")\.?"
_day = "|".join(DAYS + DAY_ABBR)
_article = r"\d{1,6}[a-z]?(?:[:.]\d{1,6}[a-z]?){0,6}"
_ordinal = "eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde"

PATTERNS: tuple[tuple[SpanKind, re.Pattern[str]], ...] = (
    ("sjabloon", re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)),
    ("picto", re.compile(r"\[picto:[^\]\s]*\]")),
    ("email", re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,24}\b", re.I)),
    ("url", re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']{0,2000}[^\s<>()\"'.,;:!?]"
                       r"|\b[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.(?:nl|com|org|eu|be|net|info)"
                       r"(?:/[^\s<>()\"']{0,2000}[^\s<>()\"'.,;:!?])?(?![\w@])",
                       re.I)),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}[ ]?[A-Z]{4}(?:[ ]?\d{4}){2}[ ]?\d{2}\b|\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b")),
    ("bedrag", re.compile(r"(?:€|EUR)\s?-?\d{1,3}(?:\.\d{3}){0,6}(?:,(?:\d{1,2}|-{1,2}))?(?![\d])"
                          r"|(?:€|EUR)\s?\d{1,18}(?:,(?:\d{1,2}|-{1,2}))?(?![\d])"
                          r"|\b\d{1,3}(?:\.\d{3}){0,6}(?:,\d{2})?\s(?:euro|eurocent)\b")),
    ("wetsartikel", re.compile(
        # article numbers 35, 35a, 4:8, 2.3.5; then parts (lid 1, derde lid, onder a); then the law, whose
        # name starts with a capital even though the rest of the pattern ignores case.
        rf"\b(?:artikel(?:en)?|art\.)\s+{_article}(?:\s*(?:,|en|tot en met|t/m)\s*{_article}){{0,10}}"
        rf"(?:,?\s+(?:(?:lid|leden|sub|onder(?:deel)?)\s+(?:\d{{1,4}}[a-z]?|[a-z])\b(?:\s*(?:en|,)\s*\d{{1,4}}[a-z]?\b){{0,10}}"
        rf"|(?:{_ordinal})\s+lid)){{0,6}}"
        r"(?:,?\s+(?:van\s+(?:de|het)\s+)?(?:(?-i:[A-Z])[\w-]*(?:\s+[a-z][\w-]*){0,3}\s+[a-z]*(?:wet|recht|besluit|regeling|verordening)\b"
        r"(?:\s+\d{4})?|(?-i:[A-Z])[\w-]*(?:\s+\d{4})?))?",
        re.I)),
    ("datum", re.compile(
        rf"\b(?:(?:{_day})\.?\s+)?\d{{1,2}}\s+(?:{_month})(?:\s+\d{{4}})?(?![\w])"
        r"|\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b", re.I)),
    # (not the "5 uur" of "3,5 uur": that is a number of hours, a getal)
    ("tijd", re.compile(r"\b(?:[01]?\d|2[0-3])[.:][0-5]\d(?:\s?uur)?\b(?!,\d)|(?<!\d[.,])\b(?:[01]?\d|2[0-3])\s?uur\b")),
    ("telefoon", re.compile(
        r"(?<![\w+])(?:\+31[\s-]?(?:\(0\)[\s-]?)?\d(?:[\s-]?\d){8}"
        r"|14[\s-]?0\d{2,3}(?!\d)"
        r"|0[1-9]\d{0,2}[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)"
        r"|06[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}(?!\d)"
        r"|0[89]00[\s-]?\d{4}(?:\d{3})?(?!\d)"
        r"|0\d{2,3}[\s-]\d{6,7}(?!\d))")),
    ("postcode", re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")),
    ("bsn", re.compile(r"(?<![\d.])\d{4}\.?\d{2}\.?\d{3}(?![\d])|(?<![\d.])\d{3}\.\d{3}\.\d{3}(?![\d])")),
    ("kenmerk", re.compile(r"\b(?=[\w/.-]{0,80}\d)(?=[\w/.-]{0,80}[A-Za-z])[A-Za-z0-9]{1,40}(?:[/-][A-Za-z0-9]{1,40}){1,8}\b")),
    ("getal", re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")),
)

_ORDER = {kind: i for i, (kind, _) in enumerate(PATTERNS)}


@dataclass(frozen=True, slots=True)
class Span:
    """A protected stretch of text: [start, end) in the text it was found in."""

    start: int
    end: int
    kind: SpanKind
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text}


def _valid(kind: str, text: str) -> bool:
    if kind == "bsn":
        from stdnum.nl import bsn

        return bsn.is_valid(text)
    if kind == "iban":
        from stdnum import iban

        return iban.is_valid(text)
    if kind == "kenmerk":
        # 'B1-route', 'A4-formaat', '18-jarige': a word with a number in front, not a code. Codes are numbers
        # and capitals ('AB-123', 'Z-2027-001', 'WI/2027/01234'); a lower-case word part of 3+ letters is not.
        return not any(re.fullmatch(r"[a-z]{3,}", part) for part in re.split(r"[/-]", text))
    if kind == "datum":
        nums = re.findall(r"\d+", text)
        if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}", text):
            d, m = int(nums[0]), int(nums[1])
            return 1 <= d <= 31 and 1 <= m <= 12
    return True


def find_spans(text: str, *, names: tuple[str, ...] = (), kinds: tuple[str, ...] | None = None) -> list[Span]:
    """Return the protected spans in `text`, longest-first without overlaps, sorted by start.

    `names` are known names (e.g. from the salutation) to protect wherever they occur.
    """
    found: list[Span] = []
    for kind, pattern in PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        matches = _template_matches(text) if kind == "sjabloon" else (
            (m.start(), m.group()) for m in pattern.finditer(text))
        for start, value in matches:
            value = value.rstrip()
            if value and _valid(kind, value):
                found.append(Span(start, start + len(value), kind, value))
    if names:
        for m in _names_pattern(names).finditer(text):
            found.append(Span(m.start(), m.end(), "naam", m.group()))
    # Longest span wins; on equal length the kind listed first in PATTERNS wins. Each match of a kind
    # covers other text, so marking the taken characters costs at most (kinds × text length).
    found.sort(key=lambda s: (-(s.end - s.start), _ORDER.get(s.kind, 99), s.start))
    taken = bytearray(len(text))
    out: list[Span] = []
    for span in found:
        if taken.find(1, span.start, span.end) >= 0:
            continue
        taken[span.start:span.end] = b"\x01" * (span.end - span.start)
        out.append(span)
    out.sort(key=lambda s: s.start)
    return out


_TEMPLATE_CLOSE = {"{": "}}", "%": "%}", "#": "#}"}


def _template_matches(text: str) -> list[tuple[int, str]]:
    """Return template syntax {{ … }}, {% … %}, {# … #} (what the 'sjabloon' pattern means), in linear time:
    an opener without a closer after it means no later opener of that kind has one either."""
    out: list[tuple[int, str]] = []
    pos = 0
    unclosed: set[str] = set()
    for m in re.finditer(r"\{[{%#]", text):
        kind = m.group()[1]
        if m.start() < pos or kind in unclosed:
            continue
        close = text.find(_TEMPLATE_CLOSE[kind], m.end())
        if close < 0:
            unclosed.add(kind)
            continue
        pos = close + 2
        out.append((m.start(), text[m.start():pos]))
    return out


@lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True) if len(n) >= 2)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if alternatives else r"(?!)")


GREETING = re.compile(r"\s*(?:geachte|beste|lieve|hallo|dag|goedendag|goedemorgen|goedemiddag|goedenavond|hoi)\b[ \t]*",
                      re.I)
# Words between the greeting and the name: forms of address, titles, and the words that join them.
_TITLES = {"heer", "heren", "mevrouw", "meneer", "mevr", "mw", "dhr", "hr", "familie", "fam", "en", "of", "dr",
           "mr", "ir", "ing", "drs", "prof", "ds", "mgr", "bc", "ms", "ma", "bsc", "msc"}
# Lower-case parts of surnames: 'van der', 'el', 'bin'.
NAME_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "op", "in", "'t", "la", "le", "du", "da", "di",
                  "el", "al", "von", "zu", "bin", "ben", "ibn", "abu", "dos", "das", "del", "della", "d'", "vd", "v/d"}
_NOT_NAMES = {"heer", "mevrouw", "meneer", "lezer", "lezers", "bewoner", "bewoners", "heren", "dames", "klant", "cliënt",
              "aanvrager", "inwoner", "inwoners", "allen", "ouders", "ouder", "verzorger", "verzorgers", "familie",
              "college", "burgemeester", "wethouder", "wethouders", "raad", "collega", "collega's", "directie",
              "buren", "buurtbewoners", "deelnemer", "deelnemers", "relatie", "huurder", "huurders"}
# Words that end the name when the text goes on after it on the same line ('Geachte heer Bakker Wij …').
_AFTER_NAME = {"wij", "we", "u", "ik", "hierbij", "graag", "met", "dit", "deze", "uw", "naar", "namens", "dank",
               "bedankt", "welkom", "hartelijk", "op", "in"}
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?")


def salutation_names(salutation: str) -> tuple[str, ...]:
    """Return the names in a salutation ('Geachte mevrouw De Vries,' → ('De Vries',)).

    Titles, initials and forms of address are left out: 'Geachte heer/mevrouw dr. A.B. Bakker' → ('Bakker',),
    'Beste Jan en Piet' → ('Jan', 'Piet'). Only the salutation up to the first comma or line end counts,
    so 'Geachte heer Bakker, wij schrijven u …' works too.
    """
    m = GREETING.match(salutation)
    if not m:
        return ()
    head = re.split(r"[,\n:;!?(]", salutation[m.end():], maxsplit=1)[0]
    names: list[str] = []
    current: list[str] = []

    def flush() -> None:
        while current and current[-1].lower() in NAME_PARTICLES:
            current.pop()
        if any(t[:1].isupper() and t.lower() not in NAME_PARTICLES for t in current):
            name = " ".join(current)
            if name.lower() not in _NOT_NAMES and name not in names:
                names.append(name)
        current.clear()

    for token in re.findall(r"[^\s/]+|/", head):
        low = token.lower().rstrip(".")
        if not current and (low in _TITLES or token == "/" or (_INITIALS.fullmatch(token) and token[:1].isupper())):
            continue
        if current and low in ("en", "of", "/", "&"):
            flush()
            continue
        if low in NAME_PARTICLES and (current or token[:1].islower() or token[:1].isupper()):
            if current and low in _AFTER_NAME:
                break
            current.append(token)
            continue
        if not token[:1].isupper() or low in _AFTER_NAME or low in _NOT_NAMES or len(current) >= 5 \
                or not re.fullmatch(r"[^\W\d_][\w'’-]*", token):
            break
        current.append(token)
    flush()
    return tuple(names)
