"""Which files `eenvoudig lint` reads: template files found in folders or given by name, includes and sample files.

One rule decides for all of them (`Selection`): a file is a template when it lies inside the tree that is
linted, no part of its path is hidden (.git, .env, .github), it is not excluded, and it matches `include`.
Templates include only such files, so no output can quote a file that is not a template.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from eenvoudig.checks.text import printable
from eenvoudig.errors import DataError
from eenvoudig.lint.data import DEFAULT_EXCLUDE, LintOptions, hidden, inside

# control characters (escape sequences that clear the screen, set the window title or hide links; XML 1.0
# cannot hold them) and direction overrides; the same set as `check` output uses


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def display_path(path: str | Path) -> str:
    """Return the path as shown to users and stored in a baseline: relative to the current folder."""
    absolute = Path(os.path.abspath(path))
    return _rel(absolute, Path.cwd()) if absolute.is_relative_to(Path.cwd()) else absolute.as_posix()


def os_reason(exc: OSError) -> str:
    """Say in Dutch why a file or folder cannot be read."""
    if exc.errno == errno.ELOOP:
        return "een symbolische link die naar zichzelf wijst (een lus)"
    if isinstance(exc, PermissionError):
        return "geen toegang"
    if isinstance(exc, FileNotFoundError):
        return "een symbolische link naar iets dat niet bestaat"
    from eenvoudig.files import os_reason as system_reason

    return system_reason(exc)


def _spec(patterns: Iterable[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


class Selection:
    """Decide which files are templates: include/exclude patterns anchored like .gitignore files.

    Patterns of the configuration start at the folder of the configuration file, `--exclude` patterns at
    the current folder, a linted folder's own .gitignore and the built-in excludes (README, node_modules…) at
    that folder. Patterns without a slash
    (`*.j2`, `README*`) match at any depth, so where they start does not matter.
    """

    def __init__(self, options: LintOptions, extra_exclude: Sequence[str] = ()) -> None:
        self.base = Path(os.path.abspath(options.anchor))
        self.cwd = Path.cwd()
        self.include = _spec(options.include)
        self.patterns = ", ".join(options.include)
        self.defaults = _spec(DEFAULT_EXCLUDE)
        self.exclude = _spec(options.exclude)
        self.extra = _spec(extra_exclude)
        self._ignores: dict[Path, tuple[int | None, Any]] = {}   # folder -> (mtime of .gitignore, patterns)

    def _gitignore(self, root: Path) -> Any:
        try:
            stamp = (root / ".gitignore").stat().st_mtime_ns
        except OSError:
            stamp = None
        if root not in self._ignores or self._ignores[root][0] != stamp:
            try:
                lines = (root / ".gitignore").read_text("utf-8").splitlines() if stamp is not None else []
            except (OSError, UnicodeDecodeError):
                lines = []
            self._ignores[root] = (stamp, _spec(lines))
        return self._ignores[root][1]

    def why_not(self, path: Path, root: Path, *, folder: bool = False) -> str | None:
        """Return why `path` (inside `root`) is not a template file or a folder to search; None if it is."""
        path = Path(os.path.abspath(path))
        in_root = _rel(path, root)
        if hidden(in_root):
            return "het is een verborgen bestand of map (de naam begint met een punt)"
        tail = "/" if folder else ""
        anchored = _rel(path, self.base) if path.is_relative_to(self.base) else in_root
        if (self.defaults.match_file(in_root + tail) or self.exclude.match_file(anchored + tail)
                or self._gitignore(root).match_file(in_root + tail)
                or self.extra.match_file((_rel(path, self.cwd) if path.is_relative_to(self.cwd) else in_root) + tail)):
            return "het valt onder exclude (of is geen brief, zoals README of LICENSE)"
        if not folder and not self.include.match_file(anchored):
            return f"het past niet bij include ({self.patterns})"
        return None


_SELECTIONS: dict[tuple, Selection] = {}


def selection_for(options: LintOptions, extra_exclude: Sequence[str] = ()) -> Selection:
    """Return the Selection of these settings, made once per process (the patterns are compiled once)."""
    key = (options.include, options.exclude, options.anchor, tuple(extra_exclude), Path.cwd())
    if key not in _SELECTIONS:
        if len(_SELECTIONS) > 16:
            _SELECTIONS.clear()
        _SELECTIONS[key] = Selection(options, extra_exclude)
    return _SELECTIONS[key]


# ======================================================================================= discovery


@dataclass(frozen=True)
class Target:
    """A file to lint and the tree it belongs to (templates may read files only inside that tree)."""

    path: Path
    root: Path


@dataclass(frozen=True)
class Found:
    """What `discover` found: the files to lint, notes about skipped files, errors, and skips by name."""

    targets: tuple[Target, ...]
    notes: tuple[str, ...]
    errors: tuple[str, ...]
    named_skipped: int           # files given by name that include/exclude skipped on purpose


def discover(paths: Sequence[str | Path], options: LintOptions, extra_exclude: Sequence[str] = ()) -> Found:
    """Find the template files under `paths`; files given by name obey include and exclude too."""
    selection = selection_for(options, extra_exclude)
    targets: list[Target] = []
    notes: list[str] = []
    errors: list[str] = []
    named_skipped = 0
    seen: set[Path] = set()
    cwd = Path.cwd()
    for raw in paths or (".",):
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            exists = path.exists() or path.is_symlink()
        except OSError as exc:
            errors.append(f"{printable(str(raw))}: kan dit pad niet lezen ({os_reason(exc)}).")
            continue
        if not exists:
            errors.append(f"{printable(str(raw))}: dit bestand of deze map bestaat niet.")
            continue
        if is_dir:
            root = Path(os.path.abspath(path))
            for file, note in _walk(root, selection):
                if note:
                    notes.append(note)
                    continue
                key = Path(os.path.abspath(file))
                if key not in seen:
                    seen.add(key)
                    targets.append(Target(file, root))
            continue
        absolute = Path(os.path.abspath(path))
        root = cwd if absolute.is_relative_to(cwd) else absolute.parent
        shown = printable(display_path(path))
        why = selection.why_not(absolute, root)
        if why:
            notes.append(f"{shown}: overgeslagen, want {why}.")
            named_skipped += 1
            continue
        if path.is_symlink() and not inside(path, root):
            notes.append(f"{shown}: overgeslagen, want deze symbolische link wijst naar buiten de map {_folder(root)}.")
            continue
        if absolute not in seen:
            seen.add(absolute)
            targets.append(Target(path, root))
    return Found(tuple(targets), tuple(notes), tuple(errors), named_skipped)


def _folder(root: Path) -> str:
    shown = display_path(root)
    return "die u controleert" if shown in ("", ".") else printable(shown)


def _walk(root: Path, selection: Selection) -> Iterator[tuple[Path, str | None]]:
    """Yield (file, None) for template files and (path, note) for what is skipped and why."""
    real_root = Path(os.path.realpath(root))
    visited: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        shown = printable(display_path(folder))
        try:
            st = folder.stat()
        except OSError as exc:
            yield folder, f"{shown}: map overgeslagen ({os_reason(exc)})."
            continue
        if (st.st_dev, st.st_ino) in visited:
            real = Path(os.path.realpath(folder))
            why = ("deze symbolische link wijst naar een map erboven (een lus)" if folder.is_relative_to(real)
                   else "deze symbolische link wijst naar een map die al gecontroleerd is")
            yield folder, f"{shown}: map overgeslagen: {why}."
            continue
        visited.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield folder, f"{shown}: map overgeslagen ({os_reason(exc)})."
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows symbolic links
            except OSError:
                is_dir = False
            if selection.why_not(path, root, folder=is_dir) is not None:
                continue
            if entry.is_symlink():
                try:
                    real = Path(os.path.realpath(path, strict=True))
                except (OSError, RuntimeError):
                    yield path, None  # lint_file reports the broken link or the loop
                    continue
                if not real.is_relative_to(real_root):
                    yield path, (f"{printable(display_path(path))}: overgeslagen, want deze symbolische link wijst "
                                 f"naar buiten de map {_folder(root)}.")
                    continue
            if is_dir:
                subfolders.append(path)
            else:
                yield path, None
        stack.extend(reversed(subfolders))


# ==================================================================================== sample files


def load_fixtures(path: Path, template: Path) -> dict[str, Any]:
    """Read a TOML file of sample values: top-level values for every template, [\"glob\"] tables per template."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: het bestand met voorbeeldgegevens bestaat niet.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise DataError(f"{path}: het bestand met voorbeeldgegevens kan niet gelezen worden ({exc}).") from None
    globs = [k for k, v in data.items() if isinstance(v, dict) and any(c in k for c in "*?/.[")]
    values = {k: v for k, v in data.items() if k not in globs}
    rel = _rel(Path(os.path.abspath(template)), Path(os.path.abspath(path)).parent)
    for pattern in globs:
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(template.name, pattern):
            values.update(data[pattern])
    return values


def samples_for(path: Path, root: Path, options: LintOptions, inline: dict[str, str]) -> dict[str, Any]:
    """Return the sample values of a template: config, fixtures file, `<name>.voorbeeld.toml`, comments."""
    values: dict[str, Any] = dict(options.samples)
    if options.fixtures is not None:
        values.update(load_fixtures(options.fixtures, path))
    sibling = path.with_name(path.name.split(".")[0] + ".voorbeeld.toml")
    if sibling != path and sibling.is_file() and inside(sibling, root) and not hidden(sibling.name):
        values.update(load_fixtures(sibling, path))
    values.update(inline)
    return values
