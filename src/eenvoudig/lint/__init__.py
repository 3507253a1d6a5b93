"""`eenvoudig lint`: check the prose in template repositories and point at the template's own line.

How one template is linted:

1. Jinja2's own parser reads the template. Every piece of text (`TemplateData`) and every `{{ … }}`
   gets an invisible marker, every `{% if %}` test is replaced by a call that chooses the branch, and
   `{% include %}`, `{% extends %}`, imports and macros are followed inside the linted tree.
2. The template is rendered in Jinja2's `SandboxedEnvironment` with sample values: from a
   `{# eenvoudig: voorbeeld naam="…" #}` comment, a `<naam>.voorbeeld.toml` file next to the template,
   the fixtures in the config, or else inferred from the variable name (lexicon/sjablonen.toml).
   It is rendered again until every branch of every `{% if %}` was shown once (bounded).
3. The markers give a map from every character of the rendered letter back to the template's offset;
   `eenvoudig.check` runs on each rendering and its findings are mapped back to line and column.
4. A template Jinja2 cannot read (Django syntax, unknown tags) is masked instead: tags are dropped,
   `{{ … }}` becomes a sample value, and the prose is still checked.
5. Suppression comments (`{# eenvoudig: negeer zin.lang #}`, `<!-- eenvoudig: negeer … -->`),
   a baseline and `--changed-since` filter the findings.
"""

from __future__ import annotations

import bisect
import fnmatch
import hashlib
import json
import os
import re
import stat
import subprocess
import tomllib
from collections import defaultdict, deque
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from jinja2 import BaseLoader, TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.lexer import TokenStream
from jinja2.loaders import split_template_path
from jinja2.runtime import Undefined
from jinja2.sandbox import SandboxedEnvironment

from eenvoudig.config import Config
from eenvoudig.errors import DataError, InputError

SCHEMA_VERSION = 1
SEVERITIES = ("info", "warning", "error")
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".tpl")
JINJA_SUFFIXES = (".j2", ".jinja", ".jinja2")
DEFAULT_INCLUDE = ("*.j2", "*.jinja", "*.jinja2", "*.html", "*.txt", "*.md", "*.tpl")
DEFAULT_EXCLUDE = (".git/", ".hg/", ".svn/", "node_modules/", ".venv/", "venv/", "__pycache__/", ".tox/",
                   ".mypy_cache/", ".pytest_cache/", ".ruff_cache/", "site-packages/",
                   # files that are not letters
                   "README*", "CHANGELOG*", "CHANGES*", "LICENSE*", "LICENCE*", "COPYING*", "CONTRIBUTING*",
                   "CODE_OF_CONDUCT*", "SECURITY*", "AUTHORS*", "requirements*.txt", "constraints*.txt",
                   "robots.txt", "CMakeLists.txt", "*.min.html")
LINT_KEYS = {"include", "exclude", "fixtures", "samples", "template-dirs", "trim-blocks", "lstrip-blocks",
             "max-renders"}
MAX_RENDER_CHARS = 200_000  # a letter is far shorter; a runaway loop is cut off here

# Invisible markers in the rendered text (Unicode private use area): OPEN id MID … CLOSE.
MARK_OPEN, MARK_MID, MARK_CLOSE = "\ue000", "\ue001", "\ue002"
MARK_RE = re.compile("\ue000([\ue010-\ue01f]+)\ue001|\ue002")
PRIVATE_RE = re.compile("[\ue000-\ue01f]")
CHOOSER = "_eenvoudig_tak"


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
        raise DataError(f"{where}: fout in de TOML-opmaak ({exc}).") from None

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


@dataclass(frozen=True)
class LintOptions:
    """The `[tool.eenvoudig.lint]` settings."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fixtures: Path | None = None
    samples: tuple[tuple[str, Any], ...] = ()
    template_dirs: tuple[Path, ...] = ()
    trim_blocks: bool = False
    lstrip_blocks: bool = False
    max_renders: int = 16

    @classmethod
    def from_config(cls, config: Config) -> LintOptions:
        """Read and check the lint table of a Config; wrong values raise a DataError."""
        data = dict(config.lint)
        where = f"{config.path}: [lint]" if config.path else "[lint]"
        base = config.path.parent if config.path else Path.cwd()
        unknown = sorted(set(data) - LINT_KEYS)
        if unknown:
            raise DataError(f"{where}: onbekende instelling '{unknown[0]}'. Bekend zijn: {', '.join(sorted(LINT_KEYS))}.")

        def strings(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
            value = data.get(key, list(default))
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise DataError(f"{where}: {key} moet een lijst met patronen zijn, zoals [\"*.j2\"].")
            return tuple(value)

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
        if fixtures and not (base / fixtures).is_file():
            raise DataError(f"{where}: het bestand met voorbeeldgegevens '{base / fixtures}' bestaat niet.")
        return cls(
            include=strings("include", DEFAULT_INCLUDE),
            exclude=strings("exclude", ()),
            fixtures=(base / fixtures) if fixtures else None,
            samples=tuple(samples.items()),
            template_dirs=tuple(base / d for d in strings("template-dirs", ())),
            trim_blocks=flags["trim-blocks"],
            lstrip_blocks=flags["lstrip-blocks"],
            max_renders=renders,
        )


# ======================================================================================== findings


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One finding in a template file, located in that file."""

    path: str
    rule: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    why: str = ""
    sentence: str = ""
    suggestions: tuple[str, ...] = ()
    fingerprint: str = ""

    def to_dict(self) -> dict:
        return {"path": self.path, "rule": self.rule, "severity": self.severity, "line": self.line,
                "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
                "message": self.message, "why": self.why, "sentence": self.sentence,
                "suggestions": list(self.suggestions), "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class FileResult:
    """The result of linting one file: findings, or the reason it was not linted."""

    path: str
    findings: tuple[LintFinding, ...] = ()
    mode: str = "jinja"          # jinja, masker (read without Jinja2), overgeslagen (skipped)
    renders: int = 0             # how many renderings were checked (one per branch choice)
    note: str | None = None      # why the file was skipped (binary), shown as a note
    error: str | None = None     # why the file could not be read: counts as bad input (exit 3)

    def to_dict(self) -> dict:
        return {"path": self.path, "mode": self.mode, "renders": self.renders, "note": self.note,
                "error": self.error, "findings": [f.to_dict() for f in self.findings]}


@dataclass(frozen=True)
class LintRun:
    """The result of `lint_paths`: one result per file, plus notes about the run."""

    files: tuple[FileResult, ...]
    notes: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    baseline_known: int = 0      # findings hidden because the baseline has them

    @property
    def findings(self) -> tuple[LintFinding, ...]:
        return tuple(f for r in self.files for f in r.findings)

    def counts(self) -> dict[str, int]:
        found = self.findings
        return {s: sum(f.severity == s for f in found) for s in SEVERITIES}

    def fails(self, fail_on: str) -> bool:
        """Return whether a finding is at or above `fail_on` (info, warning, error; never: False)."""
        if fail_on == "never":
            return False
        floor = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(f.severity) >= floor for f in self.findings)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(r.error for r in self.files)


# ======================================================================================= discovery


@dataclass(frozen=True)
class Target:
    """A file to lint and the tree it belongs to (templates may read files only inside that tree)."""

    path: Path
    root: Path


def _spec(patterns: Iterable[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _gitignore(root: Path) -> list[str]:
    try:
        return (root / ".gitignore").read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def display_path(path: Path) -> str:
    """Return the path as shown to users and stored in a baseline: relative to the current folder."""
    absolute = Path(os.path.abspath(path))
    return _rel(absolute, Path.cwd()) if absolute.is_relative_to(Path.cwd()) else absolute.as_posix()


def discover(paths: Sequence[str | Path], options: LintOptions, extra_exclude: Sequence[str] = ()) -> tuple[list[Target], list[str], list[str]]:
    """Find the template files under `paths`; return (targets, notes, errors)."""
    include = _spec(options.include)
    targets: list[Target] = []
    notes: list[str] = []
    errors: list[str] = []
    seen: set[Path] = set()
    cwd = Path.cwd()
    for raw in paths or (".",):
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = path.exists() or path.is_symlink()
        except OSError as exc:
            errors.append(f"{raw}: kan dit pad niet lezen ({exc.strerror or exc}).")
            continue
        if not exists:
            errors.append(f"{raw}: dit bestand of deze map bestaat niet.")
            continue
        if is_dir:
            root = Path(os.path.abspath(path))
            exclude = _spec([*DEFAULT_EXCLUDE, *_gitignore(root), *options.exclude, *extra_exclude])
            for file, note in _walk(root, include, exclude):
                if note:
                    notes.append(note)
                    continue
                key = Path(os.path.abspath(file))
                if key not in seen:
                    seen.add(key)
                    targets.append(Target(file, root))
        else:
            absolute = Path(os.path.abspath(path))
            root = cwd if absolute.is_relative_to(cwd) else absolute.parent
            exclude = _spec([*DEFAULT_EXCLUDE, *_gitignore(root), *options.exclude, *extra_exclude])
            if exclude.match_file(_rel(absolute, root)):
                notes.append(f"{display_path(path)}: overgeslagen, want het bestand valt onder exclude "
                             f"(of is geen brief, zoals README of LICENSE).")
                continue
            if absolute not in seen:
                seen.add(absolute)
                targets.append(Target(path, root))
    return targets, notes, errors


def _walk(root: Path, include, exclude) -> Iterator[tuple[Path, str | None]]:
    """Yield (file, None) for template files and (path, note) for what is skipped and why."""
    real_root = Path(os.path.realpath(root))
    visited: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            yield folder, f"{display_path(folder)}: map overgeslagen ({_os_reason(exc)})."
            continue
        if (st.st_dev, st.st_ino) in visited:
            real = Path(os.path.realpath(folder))
            why = ("deze symbolische link wijst naar een map erboven (een lus)" if folder.is_relative_to(real)
                   else "deze symbolische link wijst naar een map die al gecontroleerd is")
            yield folder, f"{display_path(folder)}: map overgeslagen: {why}."
            continue
        visited.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield folder, f"{display_path(folder)}: map overgeslagen ({_os_reason(exc)})."
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            rel = _rel(path, root)
            try:
                is_dir = entry.is_dir()  # follows symbolic links
            except OSError:
                is_dir = False
            if exclude.match_file(rel + "/" if is_dir else rel):
                continue
            if entry.is_symlink():
                try:
                    real = Path(os.path.realpath(path, strict=True))
                except (OSError, RuntimeError):
                    if include.match_file(rel):
                        yield path, None  # lint_file reports the broken link or the loop
                    continue
                if not real.is_relative_to(real_root):
                    yield path, f"{display_path(path)}: overgeslagen, want deze symbolische link wijst naar buiten de map {display_path(root)}."
                    continue
            if is_dir:
                subfolders.append(path)
            elif include.match_file(rel):
                yield path, None
        stack.extend(reversed(subfolders))


def _os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "een symbolische link die naar zichzelf wijst (een lus)"
    if isinstance(exc, PermissionError):
        return "geen toegang"
    if isinstance(exc, FileNotFoundError):
        return "een symbolische link naar iets dat niet bestaat"
    return exc.strerror or str(exc)


# ===================================================================================== offset map


@dataclass
class _Piece:
    file: int
    start: int
    end: int
    linear: bool  # text: character i maps to start + i; a {{ value }}: every character maps to the tag


class _Registry:
    """Everything the instrumented templates of one lint share: files, pieces, branch choices."""

    def __init__(self) -> None:
        self.files: list[tuple[str, str]] = []     # (name, source)
        self.pieces: list[_Piece] = []
        self.branches = _Branches()
        self.refs: dict[str, list[tuple[int, str]]] = defaultdict(list)  # main file: name → (line, tag)
        self.tags: list[list[tuple[int, int, int, str]]] = []  # per file: (start, end, line, tag)

    def piece(self, file: int, start: int, end: int, linear: bool) -> str:
        self.pieces.append(_Piece(file, start, end, linear))
        pid = len(self.pieces) - 1
        return MARK_OPEN + "".join(chr(0xE010 + int(d, 16)) for d in f"{pid:x}") + MARK_MID


class _Map:
    """Map offsets in a rendered (clean) text back to (file, offset) in the template sources."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.rows: list[tuple[int, int, int, bool]] = []  # (file, src_start, src_end, linear)

    def add(self, clean: int, file: int, start: int, end: int, linear: bool) -> None:
        if self.starts and self.starts[-1] == clean:
            self.starts.pop()
            self.rows.pop()
        self.starts.append(clean)
        self.rows.append((file, start, end, linear))

    def map(self, i: int, *, end: bool = False) -> tuple[int, int]:
        """Return (file, source offset) of clean character `i`; with end=True the offset just after it."""
        if not self.starts:
            return -1, 0
        k = max(0, bisect.bisect_right(self.starts, i) - 1)
        file, start, stop, linear = self.rows[k]
        if linear:
            return file, min(start + (i - self.starts[k]) + (1 if end else 0), max(stop, start))
        return file, (stop if end else start)


def _unmark(rendered: str, registry: _Registry) -> tuple[str, _Map]:
    """Remove the markers from a rendering; return the clean text and its map to the sources."""
    out: list[str] = []
    n = 0
    m = _Map()
    stack: list[list[int]] = []   # [piece id, characters of the piece consumed]
    last = (0, 0)
    pos = 0

    def emit(chunk: str) -> None:
        nonlocal n, last
        if not chunk:
            return
        if stack:
            pid, used = stack[-1]
            p = registry.pieces[pid]
            if p.linear:
                m.add(n, p.file, p.start + used, p.end, True)
                stack[-1][1] += len(chunk)
                last = (p.file, min(p.start + used + len(chunk), p.end))
            else:
                m.add(n, p.file, p.start, p.end, False)
                last = (p.file, p.end)
        else:
            source = registry.files[last[0]][1] if last[0] < len(registry.files) else ""
            at = source.find(chunk, last[1], last[1] + 4000) if len(chunk.strip()) >= 3 else -1
            if at >= 0:  # literal text Jinja2 passed on without a marker, e.g. inside {% trans %}
                m.add(n, last[0], at, at + len(chunk), True)
                last = (last[0], at + len(chunk))
            else:
                m.add(n, last[0], last[1], last[1], False)
        out.append(chunk)
        n += len(chunk)

    for mark in MARK_RE.finditer(rendered):
        emit(rendered[pos:mark.start()])
        pos = mark.end()
        if mark.group(1) is not None:
            pid = int("".join(f"{ord(c) - 0xE010:x}" for c in mark.group(1)), 16)
            if pid < len(registry.pieces):
                stack.append([pid, 0])
        elif stack:
            stack.pop()
    emit(rendered[pos:])
    return "".join(out), m


# ================================================================================ sample undefined


JINJA_PROBES = {"unsafe_callable", "alters_data", "jinja_pass_arg", "jinja_async_variant"}


class SampleUndefined(Undefined):
    """An undefined variable that renders as a realistic sample value for its name."""

    __slots__ = ()

    def __str__(self) -> str:
        return sample_for(self._undefined_name or "")

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __iter__(self) -> Iterator[SampleUndefined]:
        for _ in range(2):
            yield SampleUndefined(name=self._undefined_name)

    def __len__(self) -> int:
        return 2

    def __bool__(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        if name[:1] == "_" or name in JINJA_PROBES:
            raise AttributeError(name)  # Jinja2 and its sandbox ask these; a sample has none of them
        if hasattr(str, name):
            return getattr(str(self), name)  # naam.upper() works on the sample value
        return SampleUndefined(name=name)

    def __getitem__(self, key: Any) -> SampleUndefined:
        return SampleUndefined(name=str(key) if isinstance(key, str) else self._undefined_name)

    def __call__(self, *args: Any, **kwargs: Any) -> SampleUndefined:
        return self

    def __int__(self) -> int:
        return 2

    __index__ = __int__

    def __float__(self) -> float:
        return 2.0

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else format(2.0, spec)

    def _same(self, *args: Any, **kwargs: Any) -> SampleUndefined:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _same
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pos__ = __neg__ = __pow__ = __rpow__ = _same

    def _false(self, other: Any) -> bool:
        return False

    __lt__ = __le__ = __gt__ = __ge__ = _false

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, SampleUndefined) and other._undefined_name == self._undefined_name

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self._undefined_name)


def _passthrough(value: Any = "", *args: Any, **kwargs: Any) -> Any:
    return value


def _always(*args: Any, **kwargs: Any) -> bool:
    return True


class _Permissive(dict):
    """Filters or tests: the real ones, and a harmless stand-in for custom ones we do not know."""

    def __init__(self, base: dict, fallback: Callable) -> None:
        super().__init__(base)
        self.fallback = fallback

    def __missing__(self, key: str) -> Callable:
        return self.fallback

    def get(self, key: str, default: Any = None) -> Any:
        return self[key]

    def __contains__(self, key: object) -> bool:
        return True


class _Branches:
    """Choose a branch for every `{% if %}` so that, over the renderings, each branch is shown once."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.nested: dict[tuple[int, int], set[int]] = {}
        self.covered: set[tuple[int, int]] = set()
        self.chosen: dict[int, int] = {}
        self.seen: set[int] = set()
        self.new = False

    def add(self, size: int) -> int:
        self.sizes.append(size)
        return len(self.sizes) - 1

    def start(self) -> None:
        self.chosen = {}
        self.new = False

    def _open(self, k: int) -> bool:
        return any((k, b) not in self.covered for b in range(self.sizes[k])) or any(
            self._open(c) for b in range(self.sizes[k]) for c in self.nested.get((k, b), ()))

    def __call__(self, k: int, j: int) -> bool:
        if k not in self.chosen:
            n = self.sizes[k]
            c = next((b for b in range(n) if (k, b) not in self.covered), None)
            if c is None:
                c = next((b for b in range(n) if any(self._open(x) for x in self.nested.get((k, b), ()))), 0)
            self.chosen[k] = c
            self.seen.add(k)
            if (k, c) not in self.covered:
                self.covered.add((k, c))
                self.new = True
        return self.chosen[k] == j

    def done(self) -> bool:
        return not self.new or not any(self._open(k) for k in self.seen)


# ========================================================================================= loader


class _TreeLoader(BaseLoader):
    """Load included templates only from inside the allowed folders (no file access outside the tree)."""

    def __init__(self, search: Sequence[Path], allowed: Sequence[Path], max_bytes: int) -> None:
        self.search = [Path(os.path.abspath(p)) for p in search]
        self.allowed = [Path(os.path.realpath(p)) for p in allowed]
        self.max_bytes = max_bytes
        self.missing: list[str] = []

    def get_source(self, environment: Any, template: Any) -> tuple[str, str, Callable[[], bool]]:
        if not isinstance(template, str):
            self.missing.append(str(template))
            raise TemplateNotFound(str(template))
        try:
            pieces = split_template_path(template)  # refuses '..'
        except TemplateNotFound:
            self.missing.append(template)
            raise
        for folder in self.search:
            candidate = folder.joinpath(*pieces)
            try:
                real = Path(os.path.realpath(candidate, strict=True))
            except (OSError, RuntimeError):
                continue
            if not any(real.is_relative_to(a) for a in self.allowed) or not real.is_file():
                continue
            try:
                if real.stat().st_size > self.max_bytes:
                    continue
                text = real.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            text = PRIVATE_RE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
            return text, str(candidate), lambda: True
        self.missing.append(template)
        raise TemplateNotFound(template)


# ==================================================================================== environment


class _LintEnvironment(SandboxedEnvironment):
    """A sandboxed Jinja2 environment that instruments every template it parses."""

    def __init__(self, loader: BaseLoader, options: LintOptions, kind: str) -> None:
        super().__init__(
            loader=loader, undefined=SampleUndefined, autoescape=(kind == "html"),
            trim_blocks=options.trim_blocks, lstrip_blocks=options.lstrip_blocks, keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n", "jinja2.ext.loopcontrols", "jinja2.ext.do"],
        )
        self.install_null_translations(newstyle=False)  # type: ignore[attr-defined]
        self.filters = _Permissive(self.filters, _passthrough)
        self.tests = _Permissive(self.tests, _always)
        self.registry = _Registry()
        self.globals[CHOOSER] = self.registry.branches

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """Refuse unsafe attributes loudly (the template then gets `sjabloon.invullen`), not as a sample."""
        from jinja2 import StrictUndefined
        from jinja2.exceptions import SecurityError

        return StrictUndefined(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.",
                               name=attribute, obj=obj, exc=SecurityError)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        reg = self.registry
        file_id = len(reg.files)
        reg.files.append((name or "", source))
        try:
            raw = list(self.lexer.tokeniter(source, name, filename))
            self._raw = (source, raw)  # the parser reuses these tokens (see _tokenize): lexed once
            tree = super()._parse(source, name, filename)
        except TemplateSyntaxError:
            if file_id == 0:
                raise
            reg.tags.append([])  # a broken included file adds no text; it reports its own error
            return nodes.Template([], lineno=1)
        finally:
            self._raw = None
        _instrument(self, tree, source, file_id, _scan(source, raw))
        return tree

    def _tokenize(self, source: str, name: str | None, filename: str | None = None,
                  state: str | None = None) -> TokenStream:
        raw = getattr(self, "_raw", None)
        if raw is None or state is not None or raw[0] != source:
            return super()._tokenize(source, name, filename, state)
        stream = TokenStream(self.lexer.wrap(iter(raw[1]), name, filename), name, filename)
        for ext in self.iter_extensions():
            stream = ext.filter_stream(stream)  # type: ignore[assignment]
            if not isinstance(stream, TokenStream):
                stream = TokenStream(stream, name, filename)  # type: ignore[arg-type]
        return stream


@dataclass
class _Tokens:
    data: dict[tuple[int, str], deque[int]]
    exprs: dict[int, deque[tuple[int, int]]]
    tags: list[tuple[int, int, int, str]]  # (start, end, line, tag name)


def _scan(source: str, raw: Sequence[tuple[int, str, str]]) -> _Tokens:
    """Find the offsets of text, `{{ … }}` and `{% … %}` in the source, from Jinja2's own lexer."""
    data: dict[tuple[int, str], deque[int]] = defaultdict(deque)
    exprs: dict[int, deque[tuple[int, int]]] = defaultdict(deque)
    tags: list[tuple[int, int, int, str]] = []
    cursor = 0
    open_at: tuple[str, int, int] | None = None  # kind, start, line
    tag_name = ""
    first_line = 0
    for lineno, kind, value in raw:
        if source.startswith(value, cursor):
            at = cursor
        else:
            at = source.find(value, cursor)
            if at < 0 or source[cursor:at].strip():
                break  # the lexer changed the text; what we mapped so far stays valid
        cursor = at + len(value)
        if kind == "data":
            data[(lineno, value)].append(at)
        elif kind in ("variable_begin", "block_begin"):
            open_at, tag_name, first_line = (kind, at, lineno), "", 0
        elif kind == "raw_begin":
            tags.append((at, cursor, lineno, "raw"))
        elif kind in ("variable_end", "block_end") and open_at is not None:
            end = at + value.find("}") + 2
            if kind == "variable_end":
                exprs[first_line or open_at[2]].append((open_at[1], end))
            else:
                tags.append((open_at[1], end, open_at[2], tag_name))
            open_at = None
        elif open_at is not None and kind != "whitespace":
            if not first_line:
                first_line = lineno
            if kind == "name" and not tag_name:
                tag_name = value
    return _Tokens(data, exprs, tags)


def _pop_expr(exprs: dict[int, deque[tuple[int, int]]], line: int) -> tuple[int, int] | None:
    if exprs.get(line):
        return exprs[line].popleft()
    for other in sorted(k for k, q in exprs.items() if q and k <= line)[::-1]:
        return exprs[other].popleft()
    return None


def _instrument(env: _LintEnvironment, tree: nodes.Template, source: str, file_id: int, toks: _Tokens) -> None:
    """Add markers to text and values, branch choosers to ifs, and calls to macros nobody calls."""
    reg = env.registry
    reg.tags.append(toks.tags)
    outputs: list[nodes.Output] = []
    ifs: list[tuple[nodes.If, tuple[tuple[int, int], ...]]] = []  # each if with its (if, branch) ancestors
    refs: list[nodes.Node] = []

    def visit(node: nodes.Node, chain: tuple[tuple[int, int], ...]) -> None:
        # statements only: text and {{ values }} sit in Output statements, never inside expressions
        if isinstance(node, nodes.If):
            ifs.append((node, chain))
            for j, body in enumerate([node.body, *[e.body for e in node.elif_], node.else_]):
                for child in body:
                    visit(child, (*chain, (id(node), j)))
            return
        if isinstance(node, nodes.Output):
            outputs.append(node)
            return
        if isinstance(node, (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
            refs.append(node)
        for name in BODY_FIELDS:
            for child in getattr(node, name, None) or ():
                if isinstance(child, nodes.Node):
                    visit(child, chain)

    visit(tree, ())
    for out in outputs:
        new: list[nodes.Expr] = []
        pending = ""  # a close marker waiting for the next piece of text (fewer nodes: faster to compile)
        for child in out.nodes:
            if isinstance(child, nodes.TemplateData):
                q = toks.data.get((child.lineno, child.data))
                if q:
                    start = q.popleft()
                    child.data = reg.piece(file_id, start, start + len(child.data), True) + child.data + MARK_CLOSE
                child.data = pending + child.data
                pending = ""
                new.append(child)
                continue
            span = _pop_expr(toks.exprs, child.lineno)
            if span is None:
                new.append(child)
                continue
            mark = reg.piece(file_id, span[0], span[1], False)
            if new and isinstance(new[-1], nodes.TemplateData) and not pending:
                new[-1].data += mark
            else:
                new.append(nodes.TemplateData(pending + mark))
            pending = ""
            new.append(child)
            pending = MARK_CLOSE
        if pending:
            new.append(nodes.TemplateData(pending))
        out.nodes = new
    # branches: every if/elif/else gets a number; the chooser decides at render time
    ids: dict[int, int] = {}
    for node, chain in ifs:
        k = ids[id(node)] = reg.branches.add(2 + len(node.elif_))
        node.test = _choose(k, 0)
        for j, e in enumerate(node.elif_, 1):
            e.test = _choose(k, j)
        for parent, j in chain:
            reg.branches.nested.setdefault((ids[parent], j), set()).add(k)
    # includes never abort the rendering; remember what the main file refers to
    for node in refs:
        if isinstance(node, nodes.Include):
            node.ignore_missing = True
        if file_id == 0 and isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
            tag = {nodes.Include: "include", nodes.Extends: "extends", nodes.Import: "import",
                   nodes.FromImport: "from"}[type(node)]
            reg.refs[node.template.value].append((node.lineno, tag))
    # macros that this file defines but never calls: call them with sample arguments
    for macro in [n for n in tree.body if isinstance(n, nodes.Macro)]:
        if len(re.findall(rf"\b{re.escape(macro.name)}\s*\(", source)) > 1:
            continue  # the definition and at least one call
        call = nodes.Call(nodes.Name(macro.name, "load"), [nodes.Name(a.name, "load") for a in macro.args],
                          [], None, None)
        tree.body.append(nodes.Output([nodes.TemplateData("\n\n"), call, nodes.TemplateData("\n\n")]))


BODY_FIELDS = ("body", "else_")  # the statements inside Template, For, Macro, Block, With, CallBlock…


def _choose(k: int, j: int) -> nodes.Call:
    return nodes.Call(nodes.Name(CHOOSER, "load"), [nodes.Const(k), nodes.Const(j)], [], None, None)


# ========================================================================================= masking

JINJA_CONSTRUCT = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
TAG_OR_COMMENT = re.compile(r"\{#.*?#\}|\{%.*?%\}")
TAG_NAME = re.compile(r"\{%[-+]?\s*(\w+)(.*?)[-+]?%\}", re.S)
DJANGO_HINTS = re.compile(
    r"\{%-?\s*(?:load|url|csrf_token|blocktrans|blocktranslate|translate|now|cycle|firstof|ifequal|ifnotequal|"
    r"ifchanged|templatetag|widthratio|spaceless|verbatim|comment|empty)\b|\{%-?\s*trans\s+[\"']|\|\s*\w+:")
MIDDLE_TAGS = {"else", "elif", "empty", "plural", "pluralize"}
BLOCK_TAGS = {"if", "for", "block", "macro", "call", "filter", "with", "autoescape", "raw", "trans", "set",
              "blocktrans", "blocktranslate", "comment", "spaceless", "verbatim", "ifchanged", "ifequal",
              "ifnotequal"}


def _line_starts(source: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", source))]


def _position(starts: Sequence[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def structure_error(source: str) -> tuple[int, str] | None:
    """Return (offset, Dutch message) of the first unclosed tag or block, or None if the structure is fine."""
    masked = re.sub(r"\{#.*?#\}", lambda c: " " * len(c.group()), source, flags=re.S)
    if (at := masked.find("{#")) >= 0:
        return at, "'{#' wordt niet afgesloten met '#}'."
    for m in re.finditer(r"\{\{|\{%", masked):
        closer = "}}" if m.group() == "{{" else "%}"
        end = masked.find(closer, m.end())
        nxt = re.compile(r"\{\{|\{%").search(masked, m.end())
        if end < 0 or (nxt is not None and nxt.start() < end):
            return m.start(), f"'{m.group()}' wordt niet afgesloten met '{closer}'."
    tags = [(t.start(), t.group(1), t.group(2)) for t in TAG_NAME.finditer(masked)]
    names = {name for _, name, _ in tags}
    blocks = {name[3:] for name in names if name.startswith("end")} | (BLOCK_TAGS - {"set", "trans"})
    blocks |= {name for name in ("set", "trans") if "end" + name in names}
    stack: list[tuple[int, str]] = []
    for at, name, rest in tags:
        if name.startswith("end") and name[3:] in blocks:
            if not stack or stack[-1][1] != name[3:]:
                want = f"'{{% end{stack[-1][1]} %}}'" if stack else "niets"
                return at, f"'{{% {name} %}}' staat hier niet goed: eenvoudig verwacht {want}."
            stack.pop()
        elif name in blocks and not (name == "set" and "=" in rest):
            stack.append((at, name))
        elif name in MIDDLE_TAGS and not stack:
            return at, f"'{{% {name} %}}' staat buiten een '{{% if %}}' of '{{% for %}}'."
    if stack:
        at, name = stack[-1]
        return at, f"'{{% {name} %}}' wordt niet afgesloten met '{{% end{name} %}}'."
    return None


def _mask(source: str, samples: dict[str, Any], kind: str) -> tuple[str, _Map]:
    """Return the prose of a template without Jinja2: tags dropped, {{ values }} as samples, with a map."""
    out: list[str] = []
    m = _Map()
    n = 0
    pos = 0
    skip_until = -1
    starts = _line_starts(source)

    def keep(a: int, b: int) -> None:
        nonlocal n
        if b > a:
            m.add(n, 0, a, b, True)
            out.append(source[a:b])
            n += b - a

    constructs = list(JINJA_CONSTRUCT.finditer(source))
    for c in constructs:
        if c.start() < max(skip_until, pos):
            continue
        text = c.group()
        a, b = c.start(), c.end()
        if text.startswith("{%"):
            tag = TAG_NAME.match(text)
            if tag and tag.group(1) == "comment":
                close = re.compile(r"\{%-?\s*endcomment\s*-?%\}").search(source, b)
                if close:
                    b = skip_until = close.end()
        line_start = starts[bisect.bisect_right(starts, a) - 1]
        line_end = source.find("\n", b)
        line_end = len(source) if line_end < 0 else line_end
        alone = not text.startswith("{{") and not TAG_OR_COMMENT.sub("", source[line_start:line_end]).strip()
        if alone:
            keep(pos, line_start)
            pos = max(pos, min(len(source), line_end + 1))
            continue
        keep(pos, a)
        pos = b
        if text.startswith("{{"):
            name = re.search(r"[A-Za-z_][\w.]*", text[2:])
            key = name.group().split(".")[0] if name else ""
            value = samples.get(key) if key in samples and isinstance(samples.get(key), (str, int, float)) else None
            value = str(value) if value is not None else sample_for(name.group() if name else "")
            if kind == "html":
                import html

                value = html.escape(value)
            m.add(n, 0, a, b, False)
            out.append(value)
            n += len(value)
        elif out and out[-1][-1:].strip() and source[b:b + 1].strip():
            m.add(n, 0, a, b, False)
            out.append(" ")
            n += 1
    keep(pos, len(source))
    return "".join(out), m


# ==================================================================================== suppressions

DIRECTIVE_JINJA = re.compile(r"\{#-?\s*eenvoudig\s*:(.*?)-?#\}", re.S)
DIRECTIVE_HTML = re.compile(r"<!--\s*eenvoudig\s*:(.*?)-->", re.S)
LINE_WORDS = {"negeer", "ignore"}
FILE_WORDS = {"negeer-bestand", "ignore-file"}
SAMPLE_WORDS = {"voorbeeld", "voorbeelden", "example", "sample"}
SAMPLE_PAIR = re.compile(r"([A-Za-z_][\w.]*)\s*=\s*(\"([^\"]*)\"|'([^']*)'|(\S+))")


@dataclass
class _Directive:
    start: int
    end: int
    scope: str                 # line or file
    rules: tuple[str, ...]     # empty: every rule
    target: int = 0            # the line a line directive applies to
    used: set[str] = field(default_factory=set)

    def matches(self, rule: str) -> str | None:
        if not self.rules:
            return "*" if rule != "sjabloon.onnodig" else None
        return next((p for p in self.rules if rule == p or rule.startswith(p + ".")), None)


def _directives(source: str, kind: str) -> tuple[list[_Directive], dict[str, str], list[tuple[int, int, str]]]:
    """Return (suppressions, sample values, unknown directives as (start, end, word)) in a source."""
    found = [(m.start(), m.end(), m.group(1)) for m in DIRECTIVE_JINJA.finditer(source)]
    if kind in ("html", "md"):
        found += [(m.start(), m.end(), m.group(1)) for m in DIRECTIVE_HTML.finditer(source)]
    starts = _line_starts(source)
    directives: list[_Directive] = []
    samples: dict[str, str] = {}
    unknown: list[tuple[int, int, str]] = []
    for a, b, body in sorted(found):
        body = re.split(r"\s--\s|\s—\s", body.strip(), maxsplit=1)[0].strip()
        word, rest = (re.split(r"\s+", body, maxsplit=1) + [""])[:2]
        word = word.lower()
        if word in SAMPLE_WORDS:
            for pair in SAMPLE_PAIR.finditer(rest):
                samples[pair.group(1)] = next(g for g in pair.groups()[2:] if g is not None)
            continue
        if word not in LINE_WORDS | FILE_WORDS:
            unknown.append((a, b, word or body))
            continue
        rules = tuple(r for r in re.split(r"[\s,]+", rest.strip()) if r)
        d = _Directive(a, b, "file" if word in FILE_WORDS else "line", rules)
        line, _ = _position(starts, a)
        end_line, _ = _position(starts, max(a, b - 1))
        before = source[starts[line - 1]:a]
        after_end = source.find("\n", b)
        after = source[b:len(source) if after_end < 0 else after_end]
        if not before.strip() and not after.strip():
            nxt = end_line + 1
            while nxt <= len(starts) and not source[starts[nxt - 1]:(starts[nxt] if nxt < len(starts) else len(source))].strip():
                nxt += 1
            d.target = nxt
        else:
            d.target = line
        directives.append(d)
    return directives, samples, unknown


# ==================================================================================== one template


def template_kind(path: str | Path) -> str:
    """Return the reader kind of a template file: html, md or txt (from the suffix before .j2)."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    while suffixes and suffixes[-1] in TEMPLATE_SUFFIXES:
        suffixes.pop()
    last = suffixes[-1] if suffixes else ""
    return {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "md", ".markdown": "md"}.get(last, "txt")


def _load_fixtures(path: Path, template: Path) -> dict[str, Any]:
    """Read a TOML file of sample values: top-level values for every template, [\"glob\"] tables per template."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: het bestand met voorbeeldgegevens bestaat niet.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise DataError(f"{path}: het bestand met voorbeeldgegevens kan niet gelezen worden ({exc}).") from None
    values = {k: v for k, v in data.items() if not isinstance(v, dict) or k not in _glob_keys(data)}
    rel = _rel(Path(os.path.abspath(template)), Path(os.path.abspath(path)).parent)
    for pattern in _glob_keys(data):
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(template.name, pattern):
            values.update(data[pattern])
    return values


def _glob_keys(data: dict[str, Any]) -> list[str]:
    return [k for k, v in data.items() if isinstance(v, dict) and any(c in k for c in "*?/.[")]


def _samples(path: Path, options: LintOptions, inline: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = dict(options.samples)
    if options.fixtures is not None:
        values.update(_load_fixtures(options.fixtures, path))
    sibling = path.with_name(path.name.split(".")[0] + ".voorbeeld.toml")
    if sibling != path and sibling.is_file():
        values.update(_load_fixtures(sibling, path))
    values.update(inline)
    return values


def _search_dirs(path: Path, root: Path, options: LintOptions) -> list[Path]:
    here = Path(os.path.abspath(path)).parent
    dirs = [here]
    top = Path(os.path.abspath(root))
    while here != top and here.is_relative_to(top) and here.parent != here:
        here = here.parent
        dirs.append(here)
    return [*dirs, *options.template_dirs]


def _jinja_message(exc: TemplateSyntaxError) -> str:
    """Say a Jinja2 syntax error in plain Dutch where we know it; otherwise quote Jinja2."""
    msg = exc.message or ""
    if m := re.search(r"innermost block that needs to be closed is '(\w+)'", msg):
        return f"het sjabloon houdt op, maar '{{% {m.group(1)} %}}' is niet afgesloten met '{{% end{m.group(1)} %}}'."
    if m := re.search(r"Encountered unknown tag '(\w+)'", msg):
        return f"de opdracht '{{% {m.group(1)} %}}' is onbekend"
    if "expected token 'end of print statement'" in msg:
        return "de opdracht tussen '{{' en '}}' is niet goed."
    if "unexpected end of template" in msg:
        return "het sjabloon houdt op midden in een opdracht."
    return f"melding van Jinja2: {msg}"


@dataclass
class _Raw:
    """A finding before suppressions: located by source offsets in the main template."""

    rule: str
    severity: str
    start: int
    end: int
    message: str
    why: str = ""
    sentence: str = ""
    context: str = ""      # template text of the sentence, for the fingerprint
    suggestions: tuple[str, ...] = ()
    whole: bool = False    # about the whole text (no place)


def _lint_raw(rule_id: str, start: int, end: int, **fields: str) -> _Raw:
    rule = lint_rule(rule_id)
    fields = {k: v.rstrip(". ") for k, v in fields.items()}  # the message data ends the sentence itself
    return _Raw(rule_id, rule["ernst"], start, end, rule["bericht"].format(**fields), rule["waarom"])


class _Renderer:
    """Render a template with every branch choice and collect its renderings as (clean text, map)."""

    def __init__(self, source: str, name: str, path: Path, root: Path, options: LintOptions, config: Config,
                 kind: str, samples: dict[str, Any]) -> None:
        allowed = [root, *options.template_dirs]
        self.loader = _TreeLoader(_search_dirs(path, root, options), allowed, config.max_bytes)
        self.env = _LintEnvironment(self.loader, options, kind)
        self.source, self.name, self.options, self.samples = source, name, options, samples
        self.raws: list[_Raw] = []
        self.failed: Exception | None = None  # a later branch could not be rendered

    def _tag_offset(self, line: int, tag: str | None = None) -> tuple[int, int]:
        tags = self.env.registry.tags[0] if self.env.registry.tags else []
        for start, end, tline, tname in tags:
            if tline == line and (tag is None or tname == tag):
                return start, end
        starts = _line_starts(self.source)
        a = starts[max(1, min(line, len(starts))) - 1]
        b = self.source.find("\n", a)
        b = len(self.source) if b < 0 else b
        row = self.source[a:b]
        tag = re.search(r"\{[{%#]", row)
        if tag:
            end = self.source.find("}", a + tag.start() + 2)
            return a + tag.start(), (end + 1) if 0 <= end < b else b
        lead = len(row) - len(row.lstrip())
        return a + lead, max(a + lead + 1, b)

    def renderings(self) -> list[tuple[str, _Map]]:
        """Return the renderings (raises TemplateSyntaxError for the main file, RuntimeError on failure)."""
        reg = self.env.registry
        tree = self.env._parse(self.source, self.name, self.name)
        out: list[tuple[str, _Map]] = []
        removed: set[str] = set()
        for _attempt in range(4):
            template = self.env.from_string(tree)
            reg.branches.covered.clear()
            out = []
            try:
                for _ in range(self.options.max_renders):
                    reg.branches.start()
                    try:
                        text = template.render(self.samples)
                    except TemplateNotFound:
                        raise
                    except Exception as exc:  # noqa: BLE001 - keep the branches that did render
                        if not out:
                            raise
                        self.failed = exc
                        break
                    if len(text) > MAX_RENDER_CHARS:
                        text = text[:MAX_RENDER_CHARS]
                    out.append(_unmark(text, reg))
                    if reg.branches.done():
                        break
            except TemplateNotFound as exc:
                name = exc.name if isinstance(exc.name, str) else str(exc.name)
                if name in removed or name not in reg.refs:
                    raise RuntimeError(f"sjabloon '{name}' niet gevonden") from None
                removed.add(name)
                tree.body = [n for n in tree.body if not (
                    isinstance(n, (nodes.Extends, nodes.Import, nodes.FromImport))
                    and isinstance(n.template, nodes.Const) and n.template.value == name)]
                continue
            break
        for name in dict.fromkeys([*self.loader.missing, *removed]):
            for line, tag in self.env.registry.refs.get(name, ()):
                a, b = self._tag_offset(line, tag)
                self.raws.append(_lint_raw("sjabloon.ontbreekt", a, b, naam=name))
        return out


def _render_reason(exc: Exception) -> str:
    from jinja2.exceptions import SecurityError

    detail = str(exc).split("\n")[0][:200] or exc.__class__.__name__
    if isinstance(exc, SecurityError):
        return f"de sandbox weigert een onveilige opdracht: {detail}"
    if isinstance(exc, RecursionError):
        return "het sjabloon roept zichzelf steeds opnieuw aan"
    return f"{exc.__class__.__name__}: {detail}"


def lint_source(source: str, path: str | Path, config: Config | None = None, *, root: str | Path | None = None,
                options: LintOptions | None = None, kind: str | None = None) -> FileResult:
    """Lint one template given as text; `path` names it (and finds includes and sample files)."""
    config = config or Config()
    options = options or LintOptions.from_config(config)
    path = Path(path)
    root = Path(root) if root is not None else Path(os.path.abspath(path)).parent
    kind = kind or template_kind(path)
    shown = display_path(path)
    source = PRIVATE_RE.sub("\ufffd", source.replace("\r\n", "\n").replace("\r", "\n"))
    directives, inline, unknown = _directives(source, kind)
    samples = _samples(path, options, inline)
    raws: list[_Raw] = [_lint_raw("sjabloon.opdracht", a, b, opdracht=w) for a, b, w in unknown]
    mode = "jinja"
    renderer = _Renderer(source, shown, path, root, options, config, kind, samples)
    renderings: list[tuple[str, _Map]] = []
    try:
        renderings = renderer.renderings()
        raws += renderer.raws
        if renderer.failed is not None:
            raws.append(_lint_raw("sjabloon.invullen", 0, 1, fout=_render_reason(renderer.failed)))
            raws[-1].whole = True
    except TemplateSyntaxError as exc:
        mode = "masker"
        problem = structure_error(source)
        if problem is not None:
            at, message = problem
            end = next((m.end() for m in JINJA_CONSTRUCT.finditer(source, at)), at + 2)
            raws.append(_lint_raw("sjabloon.syntaxis", at, end, fout=message))
        else:
            at, end = renderer._tag_offset(exc.lineno or 1)
            if DJANGO_HINTS.search(source) or not str(path).lower().endswith(JINJA_SUFFIXES):
                raws.append(_lint_raw("sjabloon.gemaskeerd", at, end, fout=_jinja_message(exc)))
            else:
                raws.append(_lint_raw("sjabloon.syntaxis", at, end, fout=_jinja_message(exc)))
    except Exception as exc:  # noqa: BLE001 - a template that fails with sample data still gets its prose checked
        if os.environ.get("EENVOUDIG_DEBUG"):
            raise
        mode = "masker"
        raws.append(_lint_raw("sjabloon.invullen", 0, 1, fout=_render_reason(exc)))
        raws[-1].whole = True
    if mode == "masker":
        renderings = [_mask(source, samples, kind)]
    raws += _check_renderings(renderings, kind, shown, config, source)
    return _finish(raws, directives, source, shown, mode, len(renderings), config)


def _check_renderings(renderings: list[tuple[str, _Map]], kind: str, path: str, config: Config,
                      source: str) -> list[_Raw]:
    """Run `check` on every rendering (only on blocks not seen before) and map findings to the template."""
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.document import Document, read_text

    raws: list[_Raw] = []
    seen_blocks: set[tuple[str, str]] = set()
    for number, (text, mapping) in enumerate(renderings):
        if kind == "md":
            text = re.sub(r"<!--.*?-->", lambda c: re.sub(r"[^\n]", " ", c.group()), text, flags=re.S)
        if not text.strip():
            continue
        doc = read_text(text, kind=kind, path=path)  # type: ignore[arg-type]
        if number:
            blocks = tuple(b for b in doc.blocks if (b.text, b.scope) not in seen_blocks)
            if not blocks:
                continue
            doc = Document(doc.path, doc.kind, doc.source, blocks, doc.subject, doc._line_starts)
        seen_blocks.update((b.text, b.scope) for b in doc.blocks)
        report = check(analyze(doc, config.backend), config)  # analyze and check cache paragraphs and sentences seen before
        sentences = report.analysis.sentences
        for f in report.findings:
            if f.block < 0:
                if number == 0:
                    raws.append(_Raw(f.rule, f.severity, 0, 0, f.message, f.why, whole=True))
                continue
            block = doc.blocks[f.block]
            file, start = mapping.map(block.source_offset(f.start))
            efile, end = mapping.map(block.source_offset(max(f.start, f.end - 1)), end=True)
            if file != 0:
                continue  # the text comes from an included template; that file is linted itself
            if efile != 0 or end <= start:
                end = start + 1
            s = next((s for s in sentences if s.block == f.block and s.start <= f.start <= s.end), None)
            context = f.sentence
            if s is not None:
                sf, ss = mapping.map(block.source_offset(s.start))
                ef, se = mapping.map(block.source_offset(max(s.start, s.end - 1)), end=True)
                if sf == ef == 0 and se > ss:
                    context = source[ss:se]
            raws.append(_Raw(f.rule, f.severity, start, end, f.message, f.why, f.sentence, context, f.suggestions))
    return raws


def _finish(raws: list[_Raw], directives: list[_Directive], source: str, path: str, mode: str, renders: int,
            config: Config) -> FileResult:
    """Deduplicate, apply suppressions, report unused ones, locate and fingerprint the findings."""
    starts = _line_starts(source)
    best: dict[tuple, _Raw] = {}
    for r in raws:
        if not config.enabled(r.rule):
            continue
        key = (r.rule, "whole") if r.whole else (r.rule, r.start, r.end)
        old = best.get(key)
        if old is None or SEVERITIES.index(r.severity) > SEVERITIES.index(old.severity):
            best[key] = r
    kept: list[tuple[_Raw, tuple[int, int, int, int]]] = []
    for r in best.values():
        line, col = (1, 1) if r.whole else _position(starts, r.start)
        end_line, end_col = (1, 1) if r.whole else _position(starts, max(r.start, r.end - 1))
        where = (line, col, end_line, end_col + (0 if r.whole else 1))
        hidden = False
        for d in directives:
            pattern = d.matches(r.rule)
            if pattern is None:
                continue
            if d.scope == "file" or (not r.whole and line <= d.target <= end_line) or (r.whole and d.target == 1):
                d.used.add(pattern)
                hidden = True
        if not hidden:
            kept.append((r, where))
    for d in directives:
        unused = [p for p in (d.rules or ("*",)) if p not in d.used]
        if unused and config.enabled("sjabloon.onnodig"):
            names = ", ".join("alle regels" if p == "*" else p for p in unused)
            raw = _lint_raw("sjabloon.onnodig", d.start, d.end, regels=names)
            raw.context = source[d.start:d.end]
            line, col = _position(starts, d.start)
            end_line, end_col = _position(starts, max(d.start, d.end - 1))
            kept.append((raw, (line, col, end_line, end_col + 1)))
    kept.sort(key=lambda x: (x[1], x[0].rule))
    findings = []
    occurrences: dict[str, int] = defaultdict(int)
    for r, (line, col, end_line, end_col) in kept:
        snippet = "" if r.whole else source[r.start:r.end]
        base = hashlib.sha256("\0".join([r.rule, " ".join(r.context.split()), " ".join(snippet.split())])
                              .encode("utf-8")).hexdigest()[:16]
        occurrences[base] += 1
        findings.append(LintFinding(path, r.rule, r.severity, line, col, end_line, end_col, r.message, r.why,
                                    " ".join(r.sentence.split()), tuple(r.suggestions),
                                    f"{base}:{occurrences[base]}"))
    return FileResult(path, tuple(findings), mode, renders)


# ======================================================================================= one file

BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")


def lint_file(path: str | Path, config: Config | None = None, *, root: str | Path | None = None,
              options: LintOptions | None = None) -> FileResult:
    """Lint one template file; unreadable and binary files give a result with an error or a note."""
    config = config or Config()
    path = Path(path)
    shown = display_path(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return FileResult(shown, mode="overgeslagen", note=f"{shown}: overgeslagen, want dit is geen gewoon bestand.")
        size = st.st_size
        if size > config.max_bytes:
            return FileResult(shown, mode="overgeslagen", error=(
                f"{shown}: het bestand is te groot ({size / 1048576:.1f} MB; de grens is "
                f"{config.max_bytes / 1048576:.0f} MB)."))
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(shown, mode="overgeslagen", error=f"{shown}: kan het bestand niet lezen ({_os_reason(exc)}).")
    if b"\x00" in data[:8192] or data.startswith(BINARY_MAGIC):
        return FileResult(shown, mode="overgeslagen", note=f"{shown}: overgeslagen, want dit is geen tekst maar een binair bestand.")
    if not data.strip():
        return FileResult(shown, mode="jinja")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return FileResult(shown, mode="overgeslagen", error=(
            f"{shown}: de tekst is niet opgeslagen als UTF-8. Sla het bestand op als UTF-8."))
    return lint_source(text, path, config, root=root, options=options)


def _lint_target(job: tuple[str, str, LintOptions, Config]) -> FileResult:
    path, root, options, config = job
    try:
        return lint_file(path, config, root=root, options=options)
    except (InputError, DataError) as exc:
        return FileResult(display_path(Path(path)), mode="overgeslagen", error=str(exc))


def _warm() -> None:
    """Load spaCy and the word tables once, so that forked workers share them."""
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.document import read_text

    check(analyze(read_text("Wij sturen u een brief.\n")))


# ========================================================================================= running


def lint_paths(paths: Sequence[str | Path], config: Config | None = None, *, jobs: int = 1,
               exclude: Sequence[str] = (), changed_since: str | None = None,
               progress: Callable[[int, int], None] | None = None) -> LintRun:
    """Lint every template under `paths`; `jobs` > 1 lints files in parallel processes."""
    config = config or Config()
    options = LintOptions.from_config(config)
    targets, notes, errors = discover(paths, options, exclude)
    changed: dict[Path, set[int] | None] | None = None
    if changed_since:
        changed = changed_lines(changed_since, [t.path for t in targets])
        targets = [t for t in targets if Path(os.path.realpath(t.path)) in changed]
    jobs_list = [(str(t.path), str(t.root), options, config) for t in targets]
    results = list(_run(jobs_list, jobs, progress))
    if changed is not None:
        results = [_only_changed(r, changed) for r in results]
    results.sort(key=lambda r: r.path)
    notes += [r.note for r in results if r.note]
    return LintRun(tuple(results), tuple(notes), tuple(errors))


def _run(jobs_list: list, jobs: int, progress: Callable[[int, int], None] | None) -> Iterator[FileResult]:
    total = len(jobs_list)
    if progress:
        progress(0, total)  # show the bar before spaCy loads
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if jobs == 1 or total < 2:
        for i, job in enumerate(jobs_list, 1):
            yield _lint_target(job)
            if progress:
                progress(i, total)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        _warm()  # the workers inherit the loaded tables
    workers = min(jobs, total)
    chunk = max(1, min(16, total // (workers * 8) or 1))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for i, result in enumerate(pool.map(_lint_target, jobs_list, chunksize=chunk), 1):
            yield result
            if progress:
                progress(i, total)


# ==================================================================================== changed-since


def changed_lines(ref: str, paths: Sequence[Path]) -> dict[Path, set[int] | None]:
    """Return the lines changed since git `ref` per file (None: a new file, every line counts)."""
    if not paths:
        return {}
    folder = Path(os.path.abspath(paths[0])).parent

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise InputError("--changed-since werkt alleen als git geïnstalleerd is.") from None
        if done.returncode != 0:
            detail = (done.stderr.strip().splitlines() or [""])[0]
            raise InputError(f"--changed-since {ref}: git kan de wijzigingen niet geven ({detail}).")
        return done.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    try:
        git("rev-parse", "--verify", "--quiet", ref + "^{commit}")
    except InputError:
        raise InputError(f"--changed-since {ref}: deze versie (ref) bestaat niet in git.") from None
    diff = git("-C", str(top), "diff", "--no-color", "--no-ext-diff", "--unified=0", ref, "--", ".")
    result: dict[Path, set[int] | None] = {}
    current: set[int] | None = None
    for row in diff.splitlines():
        if row.startswith("+++ "):
            name = row[4:]
            current = None
            if name != "/dev/null":
                name = name[2:] if name.startswith("b/") else name
                current = result.setdefault(Path(os.path.realpath(top / name)), set())
        elif row.startswith("@@") and current is not None:
            m = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", row)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or 1)
                current.update(range(start, start + count))
    for name in git("-C", str(top), "ls-files", "--others", "--exclude-standard").splitlines():
        result[Path(os.path.realpath(top / name))] = None
    return result


def _only_changed(result: FileResult, changed: dict[Path, set[int] | None]) -> FileResult:
    lines = changed.get(Path(os.path.realpath(result.path)), set())
    if lines is None:
        return result
    kept = tuple(f for f in result.findings
                 if (f.line == f.end_line == 1 and f.column == f.end_column == 1 and lines)
                 or any(n in lines for n in range(f.line, f.end_line + 1)))
    return replace(result, findings=kept)


# ========================================================================================= baseline


def write_baseline(run: LintRun, path: str | Path) -> int:
    """Write the findings of a run to a baseline file; return how many were written."""
    from eenvoudig import __version__
    from eenvoudig.files import write_atomic

    rows = sorted(({"path": f.path, "rule": f.rule, "fingerprint": f.fingerprint, "line": f.line,
                    "message": f.message} for f in run.findings), key=lambda r: (r["path"], r["line"], r["rule"]))
    data = {"schema_version": SCHEMA_VERSION, "tool": {"name": "eenvoudig", "version": __version__},
            "findings": rows}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(rows)


def read_baseline(path: str | Path) -> set[tuple[str, str]]:
    """Return the (path, fingerprint) pairs of a baseline file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: de baseline bestaat niet. Maak hem eerst met --baseline {path} --write-baseline.") from None
    except (json.JSONDecodeError, UnicodeDecodeError, OSError):
        raise InputError(f"{path}: de baseline is beschadigd en kan niet gelezen worden. "
                         f"Maak hem opnieuw met --baseline {path} --write-baseline.") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: dit is geen baseline van eenvoudig (schema_version {SCHEMA_VERSION} ontbreekt).")
    try:
        return {(str(r["path"]), str(r["fingerprint"])) for r in data["findings"]}
    except (KeyError, TypeError):
        raise InputError(f"{path}: de baseline is beschadigd (elke melding heeft path en fingerprint).") from None


def apply_baseline(run: LintRun, known: set[tuple[str, str]]) -> LintRun:
    """Return the run with only the findings that are not in the baseline."""
    files = []
    hidden = 0
    for r in run.files:
        kept = tuple(f for f in r.findings if (f.path, f.fingerprint) not in known)
        hidden += len(r.findings) - len(kept)
        files.append(replace(r, findings=kept))
    return replace(run, files=tuple(files), baseline_known=hidden)
