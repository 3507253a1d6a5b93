"""The data and settings of `eenvoudig lint`: the rules and sample values of lexicon/sjablonen.toml, and the
`[tool.eenvoudig.lint]` table of the configuration."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eenvoudig.config import Config
from eenvoudig.errors import DataError

SCHEMA_VERSION = 1
SEVERITIES = ("info", "warning", "error")
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".tpl")
JINJA_SUFFIXES = (".j2", ".jinja", ".jinja2")
DEFAULT_INCLUDE = ("*.j2", "*.jinja", "*.jinja2", "*.html", "*.txt", "*.md", "*.tpl")
DEFAULT_EXCLUDE = ("node_modules/", "venv/", "__pycache__/", "site-packages/",
                   # files that are not letters (hidden files and folders are never read at all)
                   "README*", "CHANGELOG*", "CHANGES*", "LICENSE*", "LICENCE*", "COPYING*", "CONTRIBUTING*",
                   "CODE_OF_CONDUCT*", "SECURITY*", "AUTHORS*", "requirements*.txt", "constraints*.txt",
                   "robots.txt", "CMakeLists.txt", "*.min.html")
LINT_KEYS = {"include", "exclude", "fixtures", "samples", "template-dirs", "trim-blocks", "lstrip-blocks",
             "max-renders"}


# ============================================================================================ data


@lru_cache(maxsize=1)
def template_data() -> dict[str, Any]:
    """Return lexicon/sjablonen.toml (lint rules, sample values, name patterns), validated."""
    f = resources.files("eenvoudig") / "lexicon" / "sjablonen.toml"
    return validate_template_data(f.read_text("utf-8"), "lexicon/sjablonen.toml")


def validate_template_data(text: str, where: str) -> dict[str, Any]:
    """Parse and check the template data file; raise a DataError that names the line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from eenvoudig.config import toml_problem

        raise DataError(f"{where}: {toml_problem(exc)}") from None

    def fail(key: str, message: str) -> DataError:
        line = next((i for i, row in enumerate(text.splitlines(), 1) if key in row), 1)
        return DataError(f"{where}:{line}: {message}")

    if data.get("schema_version") != 1:
        raise fail("schema_version", "schema_version moet 1 zijn.")
    for name, rule in data.get("regels", {}).items():
        for key in ("titel", "bericht", "waarom", "ernst", "bron"):
            if not isinstance(rule.get(key), str) or not rule[key].strip():
                raise fail(f"[regels.{name}]", f"regel '{name}' mist '{key}'.")
        if rule["ernst"] not in SEVERITIES:
            raise fail(f"[regels.{name}]", f"regel '{name}': ernst moet info, warning of error zijn.")
    samples = data.get("voorbeelden", {})
    if "standaard" not in samples or not all(isinstance(v, str) and v for v in samples.values()):
        raise fail("[voorbeelden]", "[voorbeelden] moet 'standaard' en alleen tekst bevatten.")
    for i, row in enumerate(data.get("herkenning", [])):
        try:
            re.compile(row["patroon"])
        except (KeyError, re.error) as exc:
            raise fail(str(row.get("patroon", "[[herkenning]]")), f"herkenning {i + 1}: geen geldig patroon ({exc}).") from None
        if row.get("type") not in samples:
            raise fail(str(row["patroon"]), f"herkenning {i + 1}: type '{row.get('type')}' staat niet in [voorbeelden].")
        if not row.get("bron"):
            raise fail(str(row["patroon"]), f"herkenning {i + 1}: 'bron' ontbreekt.")
    return data


def lint_rule_ids() -> list[str]:
    """Return the ids of the rules that only `lint` reports (sjabloon.*)."""
    return sorted(f"sjabloon.{name}" for name in template_data()["regels"])


def lint_rule(rule_id: str) -> dict[str, str]:
    """Return the data of one lint rule (sjabloon.*)."""
    return template_data()["regels"][rule_id.split(".", 1)[1]]


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = template_data()
    return tuple((re.compile(row["patroon"]), data["voorbeelden"][row["type"]]) for row in data["herkenning"])


@lru_cache(maxsize=4096)
def sample_for(name: str) -> str:
    """Return a realistic Dutch sample value for a variable name (naam → 'Jan Jansen')."""
    key = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", str(name)).lower().rsplit(".", 1)[-1]
    for pattern, value in _patterns():
        if pattern.search(key):
            return value
    return template_data()["voorbeelden"]["standaard"]


# ========================================================================================= options


def hidden(relative: str | Path) -> bool:
    """Return whether a relative path has a hidden part (.git, .env, .github/…): never a template."""
    return any(part.startswith(".") and part not in (".", "..") for part in Path(relative).parts)


def inside(path: Path, folder: Path) -> bool:
    """Return whether `path` really lies inside `folder` (both with symbolic links resolved)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class LintOptions:
    """The `[tool.eenvoudig.lint]` settings.

    `base` is the folder of the configuration file: include and exclude patterns with a slash start there
    (like a .gitignore file), and `template-dirs` and `fixtures` must lie inside it. The configuration of a
    repository is untrusted in CI (a pull request can change it), so it can never point outside.
    """

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fixtures: Path | None = None
    samples: tuple[tuple[str, Any], ...] = ()
    template_dirs: tuple[Path, ...] = ()
    trim_blocks: bool = False
    lstrip_blocks: bool = False
    max_renders: int = 16
    base: Path | None = None     # None: the current folder

    @property
    def anchor(self) -> Path:
        return self.base if self.base is not None else Path.cwd()

    @classmethod
    def from_config(cls, config: Config) -> LintOptions:
        """Read and check the lint table of a Config; wrong values raise a DataError."""
        data = dict(config.lint)
        where = f"{config.path}: [lint]" if config.path else "[lint]"
        base = Path(os.path.abspath(config.path.parent)) if config.path else Path.cwd()
        unknown = sorted(set(data) - LINT_KEYS)
        if unknown:
            raise DataError(f"{where}: onbekende instelling '{unknown[0]}'. Bekend zijn: {', '.join(sorted(LINT_KEYS))}.")

        def strings(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
            value = data.get(key, list(default))
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise DataError(f"{where}: {key} moet een lijst met patronen zijn, zoals [\"*.j2\"].")
            return tuple(value)

        def within(key: str, value: str) -> Path:
            path = base / value
            if not inside(path, base) or hidden(Path(os.path.abspath(path)).relative_to(base)):
                raise DataError(f"{where}: {key} '{value}' ligt niet in de map {base} of is een verborgen map. "
                                f"eenvoudig leest alleen sjablonen en voorbeeldgegevens in de map van de instellingen.")
            return path

        samples = data.get("samples", {})
        if not isinstance(samples, dict):
            raise DataError(f"{where}: samples moet een tabel zijn: naam = \"voorbeeld\".")
        fixtures = data.get("fixtures")
        if fixtures is not None and not isinstance(fixtures, str):
            raise DataError(f"{where}: fixtures moet de naam van een TOML-bestand zijn.")
        renders = data.get("max-renders", 16)
        if not isinstance(renders, int) or isinstance(renders, bool) or not 1 <= renders <= 256:
            raise DataError(f"{where}: max-renders moet een heel getal van 1 tot en met 256 zijn.")
        flags = {}
        for key in ("trim-blocks", "lstrip-blocks"):
            flags[key] = data.get(key, False)
            if not isinstance(flags[key], bool):
                raise DataError(f"{where}: {key} moet true of false zijn.")
        fixture_path = None
        if fixtures:
            fixture_path = within("fixtures", fixtures)
            if not fixture_path.is_file():
                raise DataError(f"{where}: het bestand met voorbeeldgegevens '{fixture_path}' bestaat niet.")
            if fixture_path.suffix.lower() != ".toml":
                raise DataError(f"{where}: fixtures moet een TOML-bestand zijn (naam eindigt op .toml).")
        return cls(
            include=strings("include", DEFAULT_INCLUDE),
            exclude=strings("exclude", ()),
            fixtures=fixture_path,
            samples=tuple(samples.items()),
            template_dirs=tuple(within("template-dirs", d) for d in strings("template-dirs", ())),
            trim_blocks=flags["trim-blocks"],
            lstrip_blocks=flags["lstrip-blocks"],
            max_renders=renders,
            base=base if config.path else None,
        )
