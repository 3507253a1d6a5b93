"""Mutation testing per core module: how many small deliberate bugs do the tests catch?

Not part of CI (it is slow: every mutant reruns the tests that reach it). For each module it copies the
repository to a scratch folder, runs mutmut (configured in pyproject.toml, [tool.mutmut]) on that one module
with only the test files that belong to it, and prints killed / survived / total per module.

    PYTHONPATH=$PWD/src:/path/to/mutmut nice python benchmarks/mutation.py [module ...] [--jobs 1] [--survivors]

mutmut is not a dependency of eenvoudig: install it anywhere (`pip install --target DIR mutmut`) and put DIR
last on PYTHONPATH. A mutant counts as killed when a test fails or the tests time out; 'no tests' mutants
(code no selected test reaches) count as survived. The score is killed / total.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    source: str                      # the file mutmut mutates
    tests: tuple[str, ...]           # the test files (or test ids) run against each mutant
    functions: tuple[str, ...] = ("*",)   # fnmatch on mutmut's mutant names: only these functions
    args: tuple[str, ...] = ()            # extra pytest arguments (e.g. -k to leave out slow tests)
    note: str = ""


TARGETS: dict[str, Target] = {
    "spans": Target("src/eenvoudig/analysis/spans.py", ("tests/test_spans.py",)),
    "files": Target("src/eenvoudig/files.py", ("tests/test_files.py", "tests/test_files_atomic.py")),
    "formats": Target("src/eenvoudig/lint/formats.py", ("tests/test_lint_ci.py", "tests/test_lint.py")),
    "exitcodes": Target("src/eenvoudig/batch.py", ("tests/test_mutation_gaps.py", "tests/test_cli.py"),
                        functions=("eenvoudig.batch.x_exit_code__mutmut_*",),
                        note="the exit-code precedence the CLI uses (batch.exit_code)"),
    # the privacy guard's decisions (about 1000 mutants in the whole file: hours on a shared machine)
    "privacy": Target("src/eenvoudig/speech/privacy.py", ("tests/test_speech_privacy.py",
                                                         "tests/test_speech_privacy_exact.py",
                                                         "tests/test_mut_privacy.py"),
                      functions=tuple(f"eenvoudig.speech.privacy.x_{f}__mutmut_*" for f in (
                          "personal_spans", "find_personal_data", "redact", "privacy_message", "guarded_text",
                          "_is_service", "name_variants", "_postcodes", "_emails", "_birth_dates", "_find")),
                      note="the guard's decisions: personal_spans, redact, guarded_text and the detectors they call"),
    # reading files: decoding, limits and the Dutch messages, and the reading order of a .docx
    "document": Target("src/eenvoudig/document.py", ("tests/test_document.py", "tests/test_document_exact.py",
                                                   "tests/test_docx_tables.py"),
                       functions=tuple(f"eenvoudig.document.x_{f}__mutmut_*" for f in (
                           "decode", "_looks_binary", "read", "read_bytes", "_check_size", "_size", "read_text",
                           "docx_places", "_docx_cell", "read_docx_bytes", "_check_unpacked_size")),
                       note="decoding, limits, messages, .docx reading order"),
    # the Word writer: tracked changes, comments, ids, plain edits; test_mut_docx calls the writer in every
    # test (mutmut only reruns the tests that reach a function, and a module fixture reaches it only once)
    "docx": Target("src/eenvoudig/rewriting/docx.py", ("tests/test_docx.py", "tests/test_docx_tables.py",
                                                     "tests/test_mut_docx.py")),
    # lexicon matching: the functions that find words in a sentence (loading and validating files are
    # tested by test_lexicon's schema tests and left out here to keep the run feasible)
    "lexicon": Target("src/eenvoudig/lexicon.py", ("tests/test_lexicon.py", "tests/test_lexicon_pins.py",
                                                "tests/test_mutation_gaps.py", "tests/test_mut_lexicon.py"),
                      functions=tuple(f"eenvoudig.lexicon.x_{f}__mutmut_*" for f in (
                          "find_matches", "_match_expression", "_is_particle", "_clause_end", "_starts_phrase",
                          "_first_person_or_imperative", "_match_head")),
                      note="lexicon matching (find_matches and its helpers)"),
    # rewriting: applying edits, overlaps, the sentence split, capitals; without the hypothesis and
    # subprocess tests (one mutant would take minutes)
    "rewriting": Target("src/eenvoudig/rewriting/__init__.py", ("tests/test_rewrite.py", "tests/test_rewrite_pins.py",
                                                             "tests/test_mutation_gaps.py"),
                        functions=tuple(f"eenvoudig.rewriting.x_{f}__mutmut_*" for f in (
                            "apply_edits", "_without_overlaps", "_split_long", "_cap", "_edit", "_clause")),
                        args=("-k", "not applying_edits and not every_protected and not rewriting_the_result "
                              "and not arbitrary and not cli and not docx_in_docx"),
                        note="edits, overlaps, sentence split, capitals"),
    # checks: the functions that decide whether a sentence gets a finding (about 2000 mutants in the whole
    # file, 356 of them in _sentence_rules, which mostly formats messages; hours on a shared machine)
    "checks": Target("src/eenvoudig/checks/__init__.py", ("tests/test_checks.py", "tests/test_syntax_checks.py",
                                                         "tests/test_mutation_gaps.py", "tests/test_mut_checks.py"),
                     functions=tuple(f"eenvoudig.checks.x_{f}__mutmut_*" for f in (
                         "_severity", "_clauses", "_is_participle", "_heuristic_passives", "_parsed_passives",
                         "_nominalisations", "_prefix_negation")),
                     note="rule decisions: thresholds (_severity: sentence length, commas, paragraphs), "
                          "passives with and without a parse, nominalisations, negative prefixes"),
    # the lemma dictionary of our Dutch pipeline: look-ups, storage on disk, and the registry speed-up
    "lemmas": Target("src/eenvoudig/analysis/pipeline.py", ("tests/test_pipeline.py",),
                     functions=(*(f"eenvoudig.analysis.pipeline.xǁLemmaDictionaryǁ{f}__mutmut_*" for f in (
                         "_record", "lemma", "word_class", "_set", "from_disk", "to_disk")),
                                "eenvoudig.analysis.pipeline.x__group_entry_points__mutmut_*"),
                     args=("-k", "dictionary or entry_points or open_words"),
                     note="the lemma dictionary (sorted lines, bisect) and grouped entry points"),
    # number words to digits in the structural rewrite
    "numbers": Target("src/eenvoudig/rewriting/structure.py", ("tests/test_structure.py", "tests/test_structure3.py"),
                      functions=tuple(f"eenvoudig.rewriting.structure.x_{f}__mutmut_*" for f in (
                          "number_words", "small_number_words", "number_value", "t_number")),
                      note="Dutch number words and their values; which become digits"),
    # abbreviations a letter introduces with their full form (no longer flagged from there on)
    "abbreviations": Target("src/eenvoudig/checks/__init__.py", ("tests/test_checks.py",),
                            functions=tuple(f"eenvoudig.checks.x_{f}__mutmut_*" for f in (
                                "_spells", "_abbreviation_like", "introduced_abbreviations")),
                            args=("-k", "abbreviation or introduction"),
                            note="abbreviations introduced with their full form"),
    # verb forms the structural rewrite makes when a passive gets a doer or a condition becomes a question
    "verbforms": Target("src/eenvoudig/rewriting/structure.py", ("tests/test_structure4.py",),
                        functions=tuple(f"eenvoudig.rewriting.structure.x_{f}__mutmut_*" for f in (
                            "_weak_fits", "_third_forms", "_je_form", "_named_agent")),
                        note="verb forms for a named doer and for 'je' questions"),
}

COPY = ("src", "tests", "lexicon", "templates", "pictograms", "pyproject.toml", "action.yml", ".pre-commit-hooks.yaml",
        "README.md", "LICENSE", "Dockerfile")
STATUS = re.compile(r"^\s*(\S+__mutmut_\d+): (.+)$")


def _scratch(name: str, target: Target, base: Path) -> Path:
    """Copy the repository to base/name and point [tool.mutmut] at the one module and its tests."""
    work = base / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for item in COPY:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, work / item, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.is_file():
            shutil.copy2(src, work / item)
    pyproject = (work / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = re.sub(r"(?ms)^\[tool\.mutmut\].*?(?=^\[|\Z)", "", pyproject)
    tests = [t for t in target.tests if (ROOT / t.split("::")[0]).exists()]
    import tomllib

    own = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    own["only_mutate"] = [target.source]
    own["pytest_add_cli_args_test_selection"] = tests
    own["pytest_add_cli_args"] = [*own.get("pytest_add_cli_args", []), *target.args]
    pyproject += "\n[tool.mutmut]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in own.items())
    (work / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return work


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = "1"
    # mutmut puts mutants/src first on sys.path and removes ./src; the original source must not win
    env["PYTHONPATH"] = os.pathsep.join(p for p in env.get("PYTHONPATH", "").split(os.pathsep)
                                        if p and Path(p).resolve() != (ROOT / "src").resolve())
    return env


def _watchdog(parent: int, limit: float, stop: threading.Event) -> None:
    """Kill a mutant's test process that hangs longer than `limit` seconds (wall clock).

    mutmut's own timeout counts CPU time, so a mutant that blocks (opening a FIFO without O_NONBLOCK, a lock
    that is never released) would wait forever. A killed process counts as a killed mutant, as a timeout does.
    """
    first_seen: dict[int, float] = {}
    while not stop.wait(5):
        now = time.monotonic()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) != parent:
                    continue
            except (OSError, IndexError, ValueError):
                continue
            pid = int(entry.name)
            try:   # only a mutant's own test process (mutmut names it 'mutmut: <mutant>')
                if not (entry / "cmdline").read_bytes().startswith(b"mutmut: "):
                    continue
            except OSError:
                continue
            if now - first_seen.setdefault(pid, now) > limit:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass


def run(name: str, target: Target, base: Path, jobs: int, survivors: bool, diffs_too: bool,
        hang: float = 600) -> dict:
    work = _scratch(name, target, base)
    started = time.monotonic()
    cmd = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *target.functions]
    proc = subprocess.Popen(cmd, cwd=work, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()
    watch = threading.Thread(target=_watchdog, args=(proc.pid, hang, stop), daemon=True)
    watch.start()
    out, err = proc.communicate()
    stop.set()
    if proc.returncode != 0:
        sys.stderr.write(out[-3000:] + err[-3000:])
    res = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=work, env=_env(),
                         capture_output=True, text=True)
    import fnmatch

    statuses: dict[str, str] = {}
    for line in res.stdout.splitlines():
        m = STATUS.match(line)
        if m and any(fnmatch.fnmatch(m.group(1), f) for f in target.functions):
            statuses[m.group(1)] = m.group(2).strip()
    unchecked = sum(s == "not checked" for s in statuses.values())
    statuses = {k: s for k, s in statuses.items() if s != "not checked"}
    killed = sum(s in ("killed", "timeout", "segfault") for s in statuses.values())
    left = sorted(k for k, s in statuses.items() if s not in ("killed", "timeout", "segfault"))
    row = {"module": name, "source": target.source, "killed": killed, "survived": len(left),
           "total": len(statuses), "unchecked": unchecked, "seconds": round(time.monotonic() - started)}
    if survivors:
        row["survivors"] = {k: statuses[k] for k in left}
    if diffs_too:
        diffs = []
        for k in left:
            shown = subprocess.run([sys.executable, "-m", "mutmut", "show", k], cwd=work, env=_env(),
                                   capture_output=True, text=True).stdout
            diffs.append(shown)
        (base / f"{name}-survivors.diff").write_text("\n".join(diffs), encoding="utf-8")
    return row


KILLED_CODES = {1, 3, 36, 24, -24, 152, 255, -9, -11}   # test failed, timeout, or killed by the watchdog


def _meta(base: Path, name: str) -> dict[str, int | None]:
    """Return {mutant: exit code or None (not run yet)} of one module's scratch run, read from mutmut's files."""
    target = TARGETS[name]
    path = base / name / "mutants" / (target.source + ".meta")
    import fnmatch

    codes = json.loads(path.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {k: v for k, v in codes.items() if any(fnmatch.fnmatch(k, f) for f in target.functions)}


def compare(before: Path, after: Path, names: list[str]) -> None:
    """Print before/after scores per module over the mutants that were run in both (runs may be unfinished)."""
    print("Measures: mutation score before and after new tests, over the same mutants (those run in both runs).")
    print(f"{'module':<10} {'before':>15} {'after':>15}  {'run in both':>11} {'of':>5}")
    for name in names:
        try:
            b, a = _meta(before, name), _meta(after, name)
        except (OSError, KeyError, ValueError):
            print(f"{name:<10} (no run to compare)")
            continue
        both = [k for k in b if b[k] is not None and a.get(k) is not None]
        kb = sum(b[k] in KILLED_CODES for k in both)
        ka = sum(a[k] in KILLED_CODES for k in both)
        n = len(both) or 1
        print(f"{name:<10} {kb:>5}/{len(both):<4} {100 * kb / n:4.1f}% {ka:>5}/{len(both):<4} {100 * ka / n:4.1f}%  "
              f"{len(both):>11} {len(b):>5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"some of: {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--jobs", type=int, default=1, help="mutmut worker processes (default 1)")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--hang", type=float, default=600,
                        help="kill a mutant's tests after this many seconds of wall time (default 600)")
    parser.add_argument("--diffs", action="store_true", help="write the survivors' diffs to SCRATCH/MODULE-survivors.diff")
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "eenvoudig-mutation")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"),
                        help="do not run: compare two scratch folders of earlier runs (unfinished runs too)")
    args = parser.parse_args()
    names = args.modules or list(TARGETS)
    if args.compare:
        compare(*args.compare, names)
        return
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}")
    print("Measures: mutation score per module = mutants killed by that module's own tests / all mutants "
          "(mutmut, fresh run, no cached results).")
    print(f"{'module':<10} {'killed':>6} {'surv.':>6} {'total':>6} {'score':>7} {'time':>6}  source")
    for name in names:
        row = run(name, TARGETS[name], args.scratch, args.jobs, args.survivors, args.diffs, args.hang)
        pct = 100 * row["killed"] / row["total"] if row["total"] else 0.0
        print(f"{name:<10} {row['killed']:>6} {row['survived']:>6} {row['total']:>6} {pct:>6.1f}% "
              f"{row['seconds']:>5}s  {row['source']}"
              + (f" ({TARGETS[name].note})" if TARGETS[name].note else "")
              + (f"  [{row['unchecked']} mutants not run]" if row["unchecked"] else ""), flush=True)
        for k, s in row.get("survivors", {}).items():
            print(f"    {k}: {s}")


if __name__ == "__main__":
    main()
