"""The work of `check`, `rewrite` and `render` on one letter, and on many at once.

`find_letters` turns the command line's files and folders into a list of letters: folders are searched
recursively by suffix, hidden files and folders, Word's lock files (`~$brief.docx`) and `--exclude`
patterns (as in .gitignore, relative to the folder given) are skipped. `run_letters` runs the work on each
letter (`check_letter`, `rewrite_letter`, `render_letter`), in this process or in `jobs` processes, and
yields an `Outcome` per letter in input order; a letter that fails becomes an Outcome that says why, so
one bad file never stops the run. `output_names` gives every letter its own output, named after it, never
the same as another's or an input's. The command line prints the Outcomes (cli.py).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from eenvoudig.config import Config
from eenvoudig.errors import EenvoudigError, InputError
from eenvoudig.files import make_folder

LETTER_SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".html", ".htm")
FINE, FINDINGS, BAD_INPUT, INTERNAL = 0, 1, InputError.exit_code, EenvoudigError.exit_code  # as the CLI's exit codes
LONG_TEXT = 300_000  # characters: from here on `check` says it may take a while (once the file could be read)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Letter:
    """A letter to work on: its path as given or found, and its path inside the folder it was found in."""

    path: str
    relative: Path


def find_letters(args: Sequence[str], *, exclude: Sequence[str] = (), suffixes: Sequence[str] = LETTER_SUFFIXES,
                 skip: Sequence[Path] = ()) -> tuple[list[Letter], list[str]]:
    """Return the letters named by `args` (files, folders, "-") and notes about what was left out.

    A file named on the command line is always taken (unless an --exclude pattern matches its name);
    in a folder only files with one of `suffixes` are. Folders in `skip` (the output folder) are not searched.
    """
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(list(exclude))
    skipped = {Path(os.path.abspath(s)) for s in skip}
    letters: list[Letter] = []
    notes: list[str] = []
    seen: set[str] = set()

    def add(path: str, relative: Path) -> None:
        key = os.path.abspath(path) if path != "-" else "-"
        if key not in seen:
            seen.add(key)
            letters.append(Letter(path, relative))

    for arg in args:
        if arg != "-" and os.path.isdir(arg):
            found = 0
            for root, dirs, files in os.walk(arg):
                rel_root = Path(os.path.relpath(root, arg))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and Path(os.path.abspath(os.path.join(root, d))) not in skipped
                                 and not spec.match_file((rel_root / d).as_posix() + "/"))
                for f in sorted(files):
                    rel = rel_root / f if str(rel_root) != "." else Path(f)
                    if f.startswith((".", "~$")) or Path(f).suffix.lower() not in suffixes:
                        continue
                    if spec.match_file(rel.as_posix()):
                        continue
                    add(os.path.join(root, f), rel)
                    found += 1
            if not found:
                notes.append(f"{arg}: in deze map staan geen brieven ({', '.join(suffixes)}).")
        elif arg != "-" and spec.match_file(Path(arg).name):
            notes.append(f"{arg}: overgeslagen, want het valt onder --exclude.")
        else:
            add(arg, Path(Path(arg).name if arg != "-" else "invoer.txt"))
    return letters, notes


def output_names(letters: Sequence[Letter], folder: Path, name: Callable[[Path], str]) -> list[Path]:
    """Return one output path per letter in `folder`: `name(relative path)` in the letter's own subfolder.

    Two letters never get the same output, and no output is one of the letters: a second one with the
    same name gets "-2", "-3" … before its suffix.
    """
    taken = {os.path.abspath(x.path) for x in letters if x.path != "-"}
    out: list[Path] = []
    for letter in letters:
        wanted = folder / letter.relative.parent / name(letter.relative)
        path, n = wanted, 1
        while os.path.abspath(path) in taken:
            n += 1
            path = wanted.with_name(f"{_stem(wanted)}-{n}{_suffix(wanted)}")
        taken.add(os.path.abspath(path))
        out.append(path)
    return out


def _suffix(path: Path) -> str:
    return path.suffix if path.suffix and not path.name.startswith(".") else ""


def _stem(path: Path) -> str:
    return path.name[: len(path.name) - len(_suffix(path))]


def run_jobs(func: Callable[[T], R], items: Sequence[T], jobs: int = 1,
             progress: Callable[[int], None] | None = None) -> Iterator[R]:
    """Yield func(item) for every item, in input order; `jobs` > 1 runs them in that many processes.

    0 jobs means one per processor. Each finished item calls `progress(number done)`.
    """
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if jobs == 1 or len(items) < 2:
        for i, item in enumerate(items, 1):
            yield func(item)
            if progress:
                progress(i)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        _warm()  # the workers inherit spaCy and the word tables instead of loading them each
    workers = min(jobs, len(items))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for i, result in enumerate(pool.map(func, items, chunksize=1), 1):
            yield result
            if progress:
                progress(i)


def _warm() -> None:
    """Load spaCy, the word tables and the lexicon once, before the workers are forked."""
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.document import read_text

    check(analyze(read_text("Indien u vragen heeft, kunt u ons bellen.\n")))


def table(header: Sequence[str], rows: Iterable[Sequence[str]], *, right: Iterable[int] = ()) -> list[str]:
    """Return a plain-text table: a header, a rule and the rows, columns padded to their widest cell."""
    rows = [list(map(str, r)) for r in rows]
    # a shorter row's last cell runs on (a message); its other cells (the letter's name) count for the widths
    fixed = [r if len(r) >= len(header) else r[:-1] for r in rows]
    widths = [max([len(h), *(len(r[i]) for r in fixed if i < len(r))]) for i, h in enumerate(header)]
    right = set(right)

    def line(cells: Sequence[str]) -> str:
        last = len(cells) - 1 if len(cells) < len(header) else len(cells)
        parts = [c if i == last else c.rjust(w) if i in right else c.ljust(w)
                 for i, (c, w) in enumerate(zip(cells, widths))]
        parts += list(cells[len(widths):])
        return "  ".join(parts).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


# --------------------------------------------------------------------------------------------- work


def run_letters(work: Callable[..., Outcome], tasks: Sequence[tuple], jobs: int = 1,
                progress: Callable[[int], None] | None = None) -> Iterator[Outcome]:
    """Yield guarded(work, *task) for every task (the letter's name first), in input order."""
    return run_jobs(partial(_call, work), tasks, jobs, progress)


def _call(work: Callable[..., Outcome], task: tuple) -> Outcome:
    return guarded(work, *task)


@dataclass(frozen=True)
class Outcome:
    """What the work on one letter gives the command: text for stdout, lines for stderr, a summary row,
    a JSON value, and a code (0 fine, 1 findings at or above --fail-on, 3 bad input, 4 internal error)."""

    name: str
    out: str = ""
    notes: tuple[str, ...] = ()
    row: tuple[str, ...] = ()
    data: Any = None
    code: int = FINE


def guarded(work: Callable[..., Outcome], name: str, *args: Any) -> Outcome:
    """Run the work on one letter; a letter that fails becomes an Outcome that says why."""
    try:
        return work(name, *args)
    except EenvoudigError as exc:
        why = str(exc).removeprefix(f"{name}: ")
        return Outcome(name, notes=(f"eenvoudig: {exc}",), row=(name, f"niet gelukt: {why}"), code=exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - one broken letter must not stop a run over a folder
        if os.environ.get("EENVOUDIG_DEBUG"):
            raise
        why = f"interne fout ({exc.__class__.__name__}: {exc})"
        return Outcome(name, notes=(f"eenvoudig: {name}: {why}. Dit is een fout in eenvoudig; meld het alstublieft.",),
                       row=(name, f"niet gelukt: {why}"), code=INTERNAL)


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """Return the exit code of a run: an internal error, else bad input, else findings, else 0."""
    codes = {o.code for o in outcomes}
    for code in (INTERNAL, BAD_INPUT, FINDINGS):
        if code in codes:
            return code
    return FINE

def check_letter(name: str, config: Config, fmt: str, kort: bool, color: bool, encoding: str | None,
                 html_path: Path | None, notify: Callable[[str], None] | None) -> Outcome:
    """Check one letter: its report as text, an HTML page (written to `html_path` when given) or JSON."""
    import eenvoudig

    notes: list[str] = []
    doc = eenvoudig.read(name, encoding=encoding, max_bytes=config.max_bytes)
    if len(doc.source) > LONG_TEXT:  # the text, not the file: a short Word letter with a big logo is quick
        words = f"{len(doc.source.split()):,}".replace(",", ".")
        note = f"eenvoudig: {name} is een lange tekst ({words} woorden); dat kan een minuut duren."
        notify(note) if notify else notes.append(note)
    report = eenvoudig.check(eenvoudig.analyze(doc, config.backend), config)
    counts = report.counts()
    sc = report.score
    row = (name, f"{sc.level}", f"{sc.difficulty:.0f}", "ja" if sc.passed else "nee", str(counts["error"]),
           str(counts["warning"]), str(counts["info"]))
    code = FINDINGS if report.fails(config.fail_on) else FINE
    if fmt == "json":
        return Outcome(name, notes=tuple(notes), row=row, data=report.to_dict(), code=code)
    from eenvoudig.checks.advice import begin_hier

    advice = begin_hier(report, config)
    if fmt == "html":
        from eenvoudig.checks.html import report_html

        page = report_html(report, advice)
        if html_path is None:
            return Outcome(name, out=page, notes=tuple(notes), row=row, code=code)
        from eenvoudig.files import write_atomic

        make_folder(html_path.parent, option="-o")
        write_atomic(html_path, page)
        return Outcome(name, notes=(*notes, f"eenvoudig: {name}: rapport geschreven naar {html_path}."),
                       row=(*row, str(html_path)), code=code)
    from eenvoudig.checks.text import format_report

    return Outcome(name, out=format_report(report, color=color, advice=advice, kort=kort) + "\n", notes=tuple(notes),
                   row=row, code=code)


def without_suppressed(result, kind: str):
    """Return the rewrite without the edits a suppression comment switches off, as `lint` honours them:
    `{# eenvoudig: negeer lexicon.ambtelijk #}` on (or just above) a line, `negeer-bestand` for the file."""
    from dataclasses import replace

    from eenvoudig.lint.mask import directives
    from eenvoudig.rewriting import apply_edits

    if kind == "docx" or "eenvoudig" not in result.source:
        return result
    found, _, _ = directives(result.source, kind)
    edits = tuple(e for e in result.edits if not any(
        (d.scope == "file" or d.target == e.line) and d.matches(e.rule) for d in found))
    if len(edits) == len(result.edits):
        return result
    return replace(result, edits=edits, text=apply_edits(result.source, [e for e in edits if e.applied]))


def rewrite_letter(file: str, config: Config, output: Path | None, show_diff: bool, fix: bool, backup: bool,
                   unsafe: bool, fmt: str, encoding: str | None, review: bool, many: bool, folder: bool) -> Outcome:
    """Rewrite one letter: print it, write it to `output`, into the file itself (`fix`), or review it (Word).

    With `folder` the output goes into a folder of outputs, which is made when it is not there.
    """
    import eenvoudig
    from eenvoudig.document import read_bytes
    from eenvoudig.files import edit_source_bytes, locked, numbered_backup, replace_file, write_atomic
    from eenvoudig.rewriting import rewrite

    target = Path(file) if fix else output
    if folder and target is not None:
        make_folder(target.parent, option="-o")
    skipped: tuple = ()
    after = None
    saved: Path | None = None
    with locked(file) if fix else contextlib.nullcontext():   # one --fix at a time on the same file
        doc = eenvoudig.read(file, encoding=encoding, max_bytes=config.max_bytes)
        raw = read_bytes(file, max_bytes=config.max_bytes) if target is not None and file != "-" else None
        analysis = eenvoudig.analyze(doc, config.backend)
        if review:
            from eenvoudig.rewriting.docx import review_letter

            if doc.kind != "docx" or raw is None:
                raise InputError(f"{file}: --review werkt alleen met een Word-bestand (.docx).")
            done = review_letter(raw, analysis, config, unsafe=unsafe)
            result, written, skipped, after = done.rewrite, done.docx.written, done.docx.skipped, done.after
            write_atomic(target, done.docx.data)
        else:
            result = without_suppressed(rewrite(analysis, config, unsafe=unsafe), doc.kind)
            written = result.applied
            if fix and not os.access(file, os.W_OK):
                raise InputError(f"{file}: het bestand is alleen-lezen; er is niets veranderd.")
            if target is not None and (result.applied or not fix):   # with 0 edits --fix touches nothing
                if raw is None:
                    data = result.text.encode(encoding or "utf-8")
                elif doc.kind == "docx" and target.suffix.lower() == ".docx":
                    from eenvoudig.rewriting.docx import edit_docx

                    edited = edit_docx(raw, result.applied)
                    data, written, skipped = edited.data, edited.written, edited.skipped
                elif doc.kind == "docx":
                    data = result.text.encode("utf-8")
                else:   # the file's own bytes with the edits: line endings, BOM and encoding stay
                    data = edit_source_bytes(raw, result.applied, encoding, file)
                if fix:
                    if read_bytes(file, max_bytes=config.max_bytes) != raw:
                        raise InputError(f"{file}: het bestand is veranderd terwijl eenvoudig werkte; "
                                         "er is niets veranderd.")
                    if backup:
                        saved = numbered_backup(file, raw)
                    replace_file(file, data)
                else:
                    write_atomic(target, data)
    out = ""
    payload = None
    if fmt == "json":
        payload = {"schema_version": 1, **result.to_dict()}
        if target is not None:
            payload["not_written"] = [s.edit.to_dict() | {"place": s.place, "why": s.why} for s in skipped]
    elif show_diff:
        out = result.diff(Path(file).name if file != "-" else "invoer")
    elif target is None:
        out = result.text if result.text.endswith("\n") else result.text + "\n"
    n_applied, n_suggested = len(written), len(result.suggested)
    who = f"{file}: " if many else ""
    msg = f"eenvoudig: {who}{n_applied} {'verandering' if n_applied == 1 else 'veranderingen'} " \
          f"{'als bijgehouden wijziging' if review else 'uitgevoerd'}"
    if written:
        from eenvoudig.rewriting import kind_summary

        msg += f" ({kind_summary(written)})"
    if n_suggested:
        msg += (f"; {n_suggested} {'voorstel' if n_suggested == 1 else 'voorstellen'} niet automatisch "
                + ("(als opmerking in Word" if review else "(zie 'eenvoudig check'")
                + (", of gebruik --unsafe)" if not unsafe else ")"))
    if fix and not review and not written:
        msg += "; het bestand is niet veranderd"
    elif target is not None:
        msg += f"; geschreven naar {target}"
    if saved is not None:
        msg += f"; het origineel staat in {saved}"
    notes = [msg + "."]
    places: dict[tuple[str, str], int] = {}
    for s in skipped:
        places[(s.place, s.why)] = places.get((s.place, s.why), 0) + 1
    for (place, why), n in places.items():
        notes.append(f"eenvoudig: {who}{n} {'verandering' if n == 1 else 'veranderingen'} niet gedaan in {place} "
                     f"({why}); doe {'die' if n == 1 else 'ze'} zelf.")
    if review and after is not None:
        notes.append(f"eenvoudig: {who}moeilijkheid {done.report.score.difficulty:.0f} → "
                     f"{after.score.difficulty:.0f} van 100 als u alle wijzigingen accepteert; "
                     f"{done.docx.comments} {'opmerking' if done.docx.comments == 1 else 'opmerkingen'} in Word.")
    row = (file, str(n_applied), str(len(skipped)), str(n_suggested), str(target) if target is not None else "-")
    return Outcome(file, out=out, notes=tuple(notes), row=row, data=payload)


def render_letter(file: str, fmt: str, out_dir: Path | None, config: Config, online: bool, redact: bool, slow: bool,
                  simplify: bool, encoding: str | None, header: bool, wav: bool = False) -> Outcome:
    """Render one letter in one format; text to show goes to `out` (headed by the file name with `header`)."""
    from eenvoudig.render import Notice, render_file

    out, notes = [], []
    for line in render_file(file, fmt, out_dir=out_dir, config=config, online=online, redact=redact, slow=slow,
                            simplify=simplify, encoding=encoding, wav=wav):
        (notes if isinstance(line, Notice) else out).append(str(line))
    if header and out and out_dir is None:
        out.insert(0, f"==> {file} <==")
    return Outcome(file, out="\n".join(out) + "\n" if out else "", notes=tuple(notes),
                   row=(file, str(out_dir) if out_dir is not None else "-"))
