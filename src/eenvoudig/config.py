"""Configuration: `[tool.eenvoudig]` in pyproject.toml, or an `eenvoudig.toml` file.

Example::

    [tool.eenvoudig]
    target = "B1"                          # A2, B1 or B2
    fail-on = "error"                      # info, warning, error or never
    lexicons = ["woorden-gemeente.tsv"]    # extra lexicon files; they override ours
    max-file-mb = 10
    snel = false                           # true: no sentence parse (faster, for bulk scoring)

    [tool.eenvoudig.rules]                 # switch rules on/off by id prefix; the longest prefix wins
    "stijl" = false
    "stijl.lijdend" = true

    [tool.eenvoudig.thresholds."zin.lang"]
    warning = 15
    error = 25
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eenvoudig.errors import DataError

TARGETS = ("A2", "B1", "B2")
FAIL_ON = ("info", "warning", "error", "never")
# The report says tip, waarschuwing and fout: those words work too.
FAIL_ON_NL = {"tip": "info", "waarschuwing": "warning", "fout": "error", "nooit": "never"}
KNOWN_KEYS = {"target", "fail-on", "lexicons", "max-file-mb", "snel", "rules", "thresholds", "lint", "speech",
              "pictograms"}


@dataclass(frozen=True)
class Config:
    """Settings for a run; every field has a sensible default."""

    target: str = "B1"
    fail_on: str = "error"
    lexicons: tuple[Path, ...] = ()
    max_file_mb: float = 10.0
    snel: bool = False                          # fast mode: the blank tokenizer, no parse
    rules: tuple[tuple[str, bool], ...] = ()
    thresholds: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    lint: tuple[tuple[str, Any], ...] = ()
    speech: tuple[tuple[str, Any], ...] = ()   # [speech] table, checked by eenvoudig.speech
    path: Path | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def enabled(self, rule_id: str) -> bool:
        """Return whether a rule is on: the longest matching prefix in `rules` decides; default on."""
        best, on = -1, True
        for prefix, value in self.rules:
            if (rule_id == prefix or rule_id.startswith(prefix + ".")) and len(prefix) > best:
                best, on = len(prefix), value
        return on

    def threshold_overrides(self, rule_id: str) -> dict[str, Any]:
        """Return the user's threshold overrides for one rule id."""
        return dict(next((v for k, v in self.thresholds if k == rule_id), ()))

    @property
    def backend(self) -> str:
        """Return the name of the analysis backend: the trained pipeline, or the fast blank one."""
        return "spacy-blank-nl" if self.snel else "nl-pipeline"

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def with_options(self, **changes: Any) -> Config:
        """Return a copy with the given fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find_config(start: Path | None = None) -> Path | None:
    """Return the nearest eenvoudig.toml or pyproject.toml with [tool.eenvoudig], from `start` upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "eenvoudig.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                raw = _read_config(py)
                tool = tomllib.loads(raw.decode("utf-8")).get("tool")
                if isinstance(tool, dict) and "eenvoudig" in tool:
                    return py
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
                # a broken pyproject.toml of another tool is not ours; one that names our table is, and
                # `load_config` then says what is wrong instead of silently using the defaults
                if b"tool.eenvoudig" in raw:
                    return py
            except (OSError, DataError):
                pass
        if (folder / ".git").exists():
            break
    return None


def load_config(path: Path | str | None = None, *, search: bool = True) -> Config:
    """Load the configuration from `path`, or find it from the current folder; defaults otherwise."""
    if path is None:
        path = find_config() if search else None
        if path is None:
            return Config()
    path = Path(path)
    try:
        data = tomllib.loads(_read_config(path).decode("utf-8-sig"))
    except FileNotFoundError:
        raise DataError(f"{path}: het configuratiebestand bestaat niet.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: {toml_problem(exc)}") from None
    except RecursionError:
        raise DataError(f"{path}: de TOML is veel te diep genest (lijsten of tabellen in elkaar).") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: het configuratiebestand is geen UTF-8-tekst.") from None
    except OSError as exc:
        raise DataError(f"{path}: het configuratiebestand kan niet gelezen worden ({exc.strerror or exc}).") from None
    tool = data.get("tool")
    if path.name == "pyproject.toml" or (isinstance(tool, dict) and isinstance(tool.get("eenvoudig"), dict)):
        if tool is not None and not isinstance(tool, dict):
            raise DataError(f"{path}: 'tool' moet een tabel zijn ([tool]), niet {_kind(tool)}.")
        data = (tool or {}).get("eenvoudig", {})  # [tool.eenvoudig] also works in eenvoudig.toml
        if not isinstance(data, dict):
            raise DataError(f"{path}: [tool.eenvoudig] moet een tabel met instellingen zijn, niet {_kind(data)}.")
    return parse_config(data, path)


MAX_CONFIG_BYTES = 1024 * 1024


def _read_config(path: Path) -> bytes:
    """Return the bytes of a config file: a regular file of at most 1 MB, else a Dutch DataError."""
    from eenvoudig.files import NotAFile, TooBig, read_regular

    try:
        return read_regular(path, MAX_CONFIG_BYTES)
    except NotAFile as exc:
        raise DataError(f"{path}: dit is geen configuratiebestand maar {exc.kind}.") from None
    except TooBig:
        raise DataError(f"{path}: het configuratiebestand is groter dan 1 MB; dat is geen configuratie.") from None


def toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    """Return a TOML syntax error in Dutch, with its place: tomllib's own message is English."""
    m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    where = f"op regel {m.group(1)}, kolom {m.group(2)}" if m else "aan het eind van het bestand" \
        if "end of document" in str(exc) else ""
    return (f"fout in de TOML-opmaak{' ' + where if where else ''}. Kijk daar naar de haakjes [ ], de "
            "aanhalingstekens en het =-teken.")


def _kind(value: Any) -> str:
    """Return what a TOML value is, in Dutch."""
    if isinstance(value, bool):
        return f"de waarde {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        return f"de tekst '{value}'"
    if isinstance(value, list):
        return "een lijst"
    return "een tabel" if isinstance(value, dict) else "iets anders"


MAX_FILE_MB = 1024
# Rule ids of `lint` (the template checks); the others come from lexicon/regels.toml.
LINT_RULE_FAMILY = "sjabloon"


def _check_rules(rules: dict[str, Any], thresholds: dict[str, Any], where: str) -> list[str]:
    """Return warnings for unknown rule ids; raise DataError for a threshold of the wrong type."""
    import math

    from eenvoudig.checks import rule_data, rule_ids

    known = set(rule_ids())
    # the structural edits of `rewrite` (rewriting/structure.py) can be switched off too
    known |= {"structuur.lijdend", "structuur.splitsen", "structuur.formule", "structuur.wij", "structuur.u",
              "structuur.getal"}
    prefixes = {p for rid in known for p in (rid.split(".")[0],)} | {LINT_RULE_FAMILY}

    def is_known(rule_id: str) -> bool:
        return (rule_id in known or rule_id in prefixes or rule_id.split(".")[0] == LINT_RULE_FAMILY
                or any(r.startswith(rule_id + ".") for r in known))

    warnings = [f"{where}: de regel '{r}' in [rules] bestaat niet en wordt genegeerd." for r in rules if not is_known(r)]
    data = rule_data()
    for rule_id, table in thresholds.items():
        family, _, name = rule_id.partition(".")
        defaults = data.get(family, {}).get(name) if isinstance(data.get(family), dict) else None
        if not isinstance(defaults, dict):
            warnings.append(f"{where}: [thresholds] voor '{rule_id}': die regel bestaat niet; dit wordt genegeerd.")
            continue
        for key, value in table.items():
            default = defaults.get(key)
            if default is None or key in ("titel", "bericht", "waarom", "basis", "voorbeelden"):
                warnings.append(f"{where}: [thresholds.\"{rule_id}\"] kent '{key}' niet; dit wordt genegeerd.")
                continue
            if isinstance(default, (int, float)) and not isinstance(default, bool):
                ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
                want = "een getal"
            elif isinstance(default, list):
                ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
                want = "een lijst met woorden"
            else:
                ok = isinstance(value, type(default))
                want = "een tekst" if isinstance(default, str) else "hetzelfde soort waarde als in regels.toml"
            if not ok:
                raise DataError(f"{where}: [thresholds.\"{rule_id}\"] {key} moet {want} zijn, niet {_kind(value)}.")
    return warnings


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Turn a config table into a Config; unknown keys become warnings, wrong values errors."""
    where = str(path) if path else "configuratie"
    warnings = [f"{where}: onbekende instelling '{k}' wordt genegeerd." for k in data if k not in KNOWN_KEYS]
    target = str(data.get("target", "B1")).upper()
    if target not in TARGETS:
        raise DataError(f"{where}: target moet A2, B1 of B2 zijn, niet '{data.get('target')}'.")
    fail_on = str(data.get("fail-on", "error")).lower()
    fail_on = FAIL_ON_NL.get(fail_on, fail_on)
    if fail_on not in FAIL_ON:
        raise DataError(f"{where}: fail-on moet info, warning, error of never zijn, niet '{fail_on}'.")
    base = path.parent if path else Path.cwd()
    lexicons = data.get("lexicons", [])
    if not isinstance(lexicons, list) or not all(isinstance(x, str) for x in lexicons):
        raise DataError(f"{where}: lexicons moet een lijst met bestandsnamen zijn.")
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, bool) for v in rules.values()):
        raise DataError(f"{where}: [rules] moet regel-id's met true of false bevatten.")
    thresholds = data.get("thresholds", {})
    if not isinstance(thresholds, dict) or not all(isinstance(v, dict) for v in thresholds.values()):
        raise DataError(f"{where}: [thresholds] moet per regel-id een tabel met grenzen bevatten.")
    if rules or thresholds:
        warnings += _check_rules(rules, thresholds, where)
    max_mb = data.get("max-file-mb", 10)
    if isinstance(max_mb, bool) or not isinstance(max_mb, (int, float)) or not (0 < max_mb <= MAX_FILE_MB):
        raise DataError(f"{where}: max-file-mb moet een getal groter dan 0 en hooguit {MAX_FILE_MB} zijn, "
                        f"niet {_kind(max_mb)}.")
    max_mb = float(max_mb)
    snel = data.get("snel", False)
    if not isinstance(snel, bool):
        raise DataError(f"{where}: snel moet true of false zijn, niet {_kind(snel)}.")
    lint = data.get("lint", {})
    if not isinstance(lint, dict):
        raise DataError(f"{where}: [lint] moet een tabel met instellingen zijn, niet {_kind(lint)}.")
    speech = data.get("speech", {})
    if not isinstance(speech, dict):
        raise DataError(f"{where}: [speech] moet een tabel met instellingen voor de stem zijn.")
    if speech.get("online") is True:
        warnings.append(f"{where}: online = true in [speech] wordt genegeerd. De online stem gaat alleen aan met "
                        "--online op de opdrachtregel, zodat een configuratiebestand een brief nooit online stuurt.")
    return Config(
        target=target,
        fail_on=fail_on,
        lexicons=tuple((base / p) for p in lexicons),
        max_file_mb=max_mb,
        snel=snel,
        rules=tuple(rules.items()),
        thresholds=tuple((k, tuple(v.items())) for k, v in thresholds.items()),
        lint=tuple(lint.items()),
        speech=tuple(speech.items()),
        path=path,
        warnings=tuple(warnings),
    )
