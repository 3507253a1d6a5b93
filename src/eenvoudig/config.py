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

    [tool.eenvoudig.thresholds."zin.lengte"]
    warning = 15
    error = 25
"""

from __future__ import annotations

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
                if "eenvoudig" in tomllib.loads(py.read_text("utf-8")).get("tool", {}):
                    return py
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
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
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: het configuratiebestand bestaat niet.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: fout in de TOML-opmaak ({exc}).") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise DataError(f"{path}: het configuratiebestand kan niet gelezen worden ({exc.__class__.__name__}).") from None
    if path.name == "pyproject.toml" or isinstance(data.get("tool", {}).get("eenvoudig"), dict):
        data = data.get("tool", {}).get("eenvoudig", {})  # [tool.eenvoudig] also works in eenvoudig.toml
    return parse_config(data, path)


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
    try:
        max_mb = float(data.get("max-file-mb", 10))
    except (TypeError, ValueError):
        raise DataError(f"{where}: max-file-mb moet een getal zijn.") from None
    snel = data.get("snel", False)
    if not isinstance(snel, bool):
        raise DataError(f"{where}: snel moet true of false zijn.")
    lint = data.get("lint", {})
    speech = data.get("speech", {})
    if not isinstance(speech, dict):
        raise DataError(f"{where}: [speech] moet een tabel met instellingen voor de stem zijn.")
    return Config(
        target=target,
        fail_on=fail_on,
        lexicons=tuple((base / p) for p in lexicons),
        max_file_mb=max_mb,
        snel=snel,
        rules=tuple(rules.items()),
        thresholds=tuple((k, tuple(v.items())) for k, v in thresholds.items()),
        lint=tuple(lint.items()) if isinstance(lint, dict) else (),
        speech=tuple(speech.items()),
        path=path,
        warnings=tuple(warnings),
    )
