"""Many letters at once: find them in folders, run a job per letter (in several processes), name outputs.

`find_letters` turns the command line's files and folders into a list of letters: folders are searched
recursively by suffix, hidden files and folders, Word's lock files (`~$brief.docx`) and `--exclude`
patterns (as in .gitignore, relative to the folder given) are skipped. `run_jobs` runs one function per
letter, in this process or in `jobs` processes, and yields the results in input order; the function
itself turns a failing letter into a result, so one bad file never stops the run. `output_names` gives
every letter its own output, named after it, never the same as another's or an input's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

LETTER_SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".html", ".htm")

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Letter:
    """A letter to work on: its path as given or found, and its path inside the folder it was found in."""

    path: str
    relative: Path

    @property
    def name(self) -> str:
        return self.path


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
    full = [r for r in rows if len(r) >= len(header)]  # a shorter row's last cell runs on (a message)
    widths = [max([len(h), *(len(r[i]) for r in full)]) for i, h in enumerate(header)]
    right = set(right)

    def line(cells: Sequence[str]) -> str:
        last = len(cells) - 1 if len(cells) < len(header) else len(cells)
        parts = [c if i == last else c.rjust(w) if i in right else c.ljust(w)
                 for i, (c, w) in enumerate(zip(cells, widths))]
        parts += list(cells[len(widths):])
        return "  ".join(parts).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]
