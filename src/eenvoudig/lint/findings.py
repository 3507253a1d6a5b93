"""Findings of `eenvoudig lint`: the result values, suppressions applied, fingerprints, the baseline and
`--changed-since`."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from eenvoudig.config import Config
from eenvoudig.errors import InputError
from eenvoudig.lint.data import SCHEMA_VERSION, SEVERITIES, lint_rule
from eenvoudig.lint.files import printable
from eenvoudig.lint.mask import Directive
from eenvoudig.lint.render import line_starts, position


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One finding in a template file, located in that file (columns count from 1; end_column is just after)."""

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
    mode: str = "jinja"          # jinja, masker (read without Jinja2), overgeslagen (skipped), afgebroken (stopped)
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


# ======================================================================================= raw findings


@dataclass
class Raw:
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


def lint_raw(rule_id: str, start: int, end: int, *, whole: bool = False, **fields: str) -> Raw:
    """Return a finding of one of our own rules (sjabloon.*), its message filled in."""
    rule = lint_rule(rule_id)
    fields = {k: v.rstrip(". ") for k, v in fields.items()}  # the message data ends the sentence itself
    return Raw(rule_id, rule["ernst"], start, end, rule["bericht"].format(**fields), rule["waarom"], whole=whole)


def finish(raws: list[Raw], directives: list[Directive], source: str, path: str, mode: str, renders: int,
           config: Config) -> FileResult:
    """Deduplicate, apply suppressions, report unused ones, locate and fingerprint the findings."""
    starts = line_starts(source)
    best: dict[tuple, Raw] = {}
    for r in raws:
        if not config.enabled(r.rule):
            continue
        key = (r.rule, "whole") if r.whole else (r.rule, r.start, r.end)
        old = best.get(key)
        if old is None or SEVERITIES.index(r.severity) > SEVERITIES.index(old.severity):
            best[key] = r
    kept: list[tuple[Raw, tuple[int, int, int, int]]] = []
    for r in best.values():
        line, col = (1, 1) if r.whole else position(starts, r.start)
        end_line, end_col = (1, 1) if r.whole else position(starts, max(r.start, r.end - 1))
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
            raw = lint_raw("sjabloon.onnodig", d.start, d.end, regels=names)
            raw.context = source[d.start:d.end]
            line, col = position(starts, d.start)
            end_line, end_col = position(starts, max(d.start, d.end - 1))
            kept.append((raw, (line, col, end_line, end_col + 1)))
    kept.sort(key=lambda x: (x[1], x[0].rule))
    findings = []
    occurrences: dict[str, int] = defaultdict(int)
    for r, (line, col, end_line, end_col) in kept:
        snippet = "" if r.whole else source[r.start:r.end]
        base = hashlib.sha256("\0".join([r.rule, " ".join(r.context.split()), " ".join(snippet.split())])
                              .encode("utf-8")).hexdigest()[:16]
        occurrences[base] += 1
        findings.append(LintFinding(path, r.rule, r.severity, line, col, end_line, end_col, printable(r.message),
                                    printable(r.why), printable(" ".join(r.sentence.split())),
                                    tuple(printable(s) for s in r.suggestions), f"{base}:{occurrences[base]}"))
    return FileResult(path, tuple(findings), mode, renders)


# ==================================================================================== changed-since


def changed_lines(ref: str, paths: Sequence[Path]) -> dict[Path, set[int] | None]:
    """Return the lines changed since git `ref` per file (None: a new file, every line counts)."""
    if not paths:
        return {}
    folder = Path(os.path.abspath(paths[0])).parent

    english = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}   # git's own messages, to recognise them

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False,
                                  env=english)
        except FileNotFoundError:
            raise InputError("--changed-since werkt alleen als git geïnstalleerd is.") from None
        if done.returncode != 0:
            detail = (done.stderr.strip().splitlines() or [""])[0]
            if "not a git repository" in detail:
                raise InputError(f"--changed-since {ref}: deze map hoort niet bij een git-repository, dus er zijn "
                                 "geen wijzigingen om te vergelijken. Laat --changed-since weg, of lint in de map "
                                 "van de repository.")
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


def only_changed(result: FileResult, changed: dict[Path, set[int] | None]) -> FileResult:
    """Keep the findings on changed lines (and whole-text findings of a changed file)."""
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
