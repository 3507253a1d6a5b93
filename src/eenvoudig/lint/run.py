"""Lint one template (`lint_source`, `lint_file`) or a whole tree (`lint_paths`), in parallel with `--jobs`.

With `--jobs`, every file is linted in a worker process that the main process watches: a worker that takes
longer than FILE_SECONDS on one file, or that stops (killed by the system when memory runs out, for
example), is replaced, its file gets a finding `sjabloon.zwaar`, and the run goes on with the other files.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from jinja2 import TemplateSyntaxError

from eenvoudig.config import Config
from eenvoudig.errors import DataError, InputError
from eenvoudig.lint.data import JINJA_SUFFIXES, TEMPLATE_SUFFIXES, LintOptions
from eenvoudig.lint.files import discover, display_path, os_reason, printable, samples_for, selection_for
from eenvoudig.lint.findings import FileResult, LintRun, Raw, changed_lines, finish, lint_raw, only_changed
from eenvoudig.lint.mask import DJANGO_HINTS, constructs, directives, mask, structure_error
from eenvoudig.lint.render import Map, Renderer, jinja_message, render_reason
from eenvoudig.lint.sandbox import PRIVATE_RE, TooHeavy

FILE_SECONDS = 120.0   # with --jobs: the most one file may take in a worker process
BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")


def template_kind(path: str | Path) -> str:
    """Return the reader kind of a template file: html, md or txt (from the suffix before .j2)."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    while suffixes and suffixes[-1] in TEMPLATE_SUFFIXES:
        suffixes.pop()
    last = suffixes[-1] if suffixes else ""
    return {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "md", ".markdown": "md"}.get(last, "txt")


# ==================================================================================== one template


def _failure(renderer: Renderer, exc: BaseException) -> Raw:
    """Return the finding for a template that could not be filled in (too heavy, or an error)."""
    if isinstance(exc, (TooHeavy, MemoryError)):
        reason = str(exc) if isinstance(exc, TooHeavy) else "het invullen vraagt te veel geheugen"
        line = renderer.line_of(exc)
        a, b = renderer.tag_offset(line) if line else (0, 1)
        return lint_raw("sjabloon.zwaar", a, b, whole=line is None,
                        fout=f"{reason}; eenvoudig heeft het invullen gestopt en de vaste tekst gecontroleerd")
    return lint_raw("sjabloon.invullen", 0, 1, whole=True, fout=render_reason(exc))


def lint_source(source: str, path: str | Path, config: Config | None = None, *, root: str | Path | None = None,
                options: LintOptions | None = None, kind: str | None = None, exclude: Sequence[str] = ()) -> FileResult:
    """Lint one template given as text; `path` names it (and finds includes and sample files).

    Includes are read only from template files inside `root` (default: the template's folder) and the
    configured template-dirs; `exclude` adds patterns like `--exclude`.
    """
    config = config or Config()
    options = options or LintOptions.from_config(config)
    path = Path(path)
    root = Path(os.path.abspath(root if root is not None else Path(os.path.abspath(path)).parent))
    kind = kind or template_kind(path)
    shown = display_path(path)
    source = PRIVATE_RE.sub("\ufffd", source.replace("\r\n", "\n").replace("\r", "\n"))
    found, inline, unknown = directives(source, kind)
    samples = samples_for(path, root, options, inline)
    raws: list[Raw] = [lint_raw("sjabloon.opdracht", a, b, opdracht=w) for a, b, w in unknown]
    mode = "jinja"
    renderer = Renderer(source, shown, path, root, options, config.max_bytes, kind, samples, selection_for(options, exclude))
    renderings: list[tuple[str, Map]] = []
    try:
        renderings = renderer.renderings()
        raws += [lint_raw("sjabloon.ontbreekt", a, b, naam=name) for name, a, b in renderer.missing]
        if renderer.failed is not None:
            raws.append(_failure(renderer, renderer.failed))
    except TemplateSyntaxError as exc:
        mode = "masker"
        problem = structure_error(source)
        if problem is not None:
            at, message = problem
            end = next((b for _, b in constructs(source, start=at)), at + 2)
            raws.append(lint_raw("sjabloon.syntaxis", at, end, fout=message))
        else:
            at, end = renderer.tag_offset(exc.lineno or 1)
            if DJANGO_HINTS.search(source) or not str(path).lower().endswith(JINJA_SUFFIXES):
                raws.append(lint_raw("sjabloon.gemaskeerd", at, end, fout=jinja_message(exc)))
            else:
                raws.append(lint_raw("sjabloon.syntaxis", at, end, fout=jinja_message(exc)))
    except Exception as exc:  # noqa: BLE001 - a template that fails with sample data still gets its prose checked
        if os.environ.get("EENVOUDIG_DEBUG"):
            raise
        mode = "masker"
        raws.append(_failure(renderer, exc))
    if mode == "masker":
        renderings = [mask(source, samples, kind)]
    raws += check_renderings(renderings, kind, shown, config, source)
    return finish(raws, found, source, shown, mode, len(renderings), config)


def check_renderings(renderings: list[tuple[str, Map]], kind: str, path: str, config: Config, source: str) -> list[Raw]:
    """Run `check` on every rendering (only on blocks not seen before) and map findings to the template."""
    from eenvoudig.analysis import analyze
    from eenvoudig.checks import check
    from eenvoudig.document import Document, read_text

    raws: list[Raw] = []
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
                    raws.append(Raw(f.rule, f.severity, 0, 0, f.message, f.why, whole=True))
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
            raws.append(Raw(f.rule, f.severity, start, end, f.message, f.why, f.sentence, context, f.suggestions))
    return raws


# ======================================================================================= one file


def lint_file(path: str | Path, config: Config | None = None, *, root: str | Path | None = None,
              options: LintOptions | None = None, exclude: Sequence[str] = ()) -> FileResult:
    """Lint one template file; unreadable and binary files give a result with an error or a note."""
    config = config or Config()
    path = Path(path)
    shown = display_path(path)
    said = printable(shown)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return FileResult(shown, mode="overgeslagen", note=f"{said}: overgeslagen, want dit is geen gewoon bestand.")
        size = st.st_size
        if size > config.max_bytes:
            return FileResult(shown, mode="overgeslagen", error=(
                f"{said}: het bestand is te groot ({size / 1048576:.1f} MB; de grens is "
                f"{config.max_bytes / 1048576:.0f} MB)."))
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(shown, mode="overgeslagen", error=f"{said}: kan het bestand niet lezen ({os_reason(exc)}).")
    if b"\x00" in data[:8192] or data.startswith(BINARY_MAGIC):
        return FileResult(shown, mode="overgeslagen", note=f"{said}: overgeslagen, want dit is geen tekst maar een binair bestand.")
    if not data.strip():
        return FileResult(shown, mode="jinja")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return FileResult(shown, mode="overgeslagen", error=(
            f"{said}: de tekst is niet opgeslagen als UTF-8. Sla het bestand op als UTF-8."))
    return lint_source(text, path, config, root=root, options=options, exclude=exclude)


Job = tuple[str, str, LintOptions, Config, tuple[str, ...]]


def _lint_target(job: Job) -> FileResult:
    path, root, options, config, exclude = job
    try:
        return lint_file(path, config, root=root, options=options, exclude=exclude)
    except (InputError, DataError) as exc:
        return FileResult(display_path(Path(path)), mode="overgeslagen", error=printable(str(exc)))


def _stopped(job: Job, reason: str) -> FileResult:
    """Return the result of a file whose worker process overran its time or stopped."""
    shown = display_path(Path(job[0]))
    raw = lint_raw("sjabloon.zwaar", 0, 1, whole=True, fout=f"{reason}; de tekst is niet gecontroleerd")
    return finish([raw], [], "", shown, "afgebroken", 0, job[3])


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
    """Lint every template under `paths`; `jobs` > 1 lints files in parallel processes.

    A run that finds nothing to check (an empty folder, include patterns that match nothing) has an error,
    so CI does not pass without checking anything; files given by name that include/exclude skip do not count.
    """
    config = config or Config()
    options = LintOptions.from_config(config)
    found = discover(paths, options, exclude)
    targets = list(found.targets)
    changed: dict[Path, set[int] | None] | None = None
    if changed_since:
        changed = changed_lines(changed_since, [t.path for t in targets])
        targets = [t for t in targets if Path(os.path.realpath(t.path)) in changed]
    jobs_list: list[Job] = [(str(t.path), str(t.root), options, config, tuple(exclude)) for t in targets]
    results = list(_run(jobs_list, jobs, progress))
    if changed is not None:
        results = [only_changed(r, changed) for r in results]
    results.sort(key=lambda r: r.path)
    notes = [*found.notes, *(r.note for r in results if r.note)]
    errors = list(found.errors)
    # nothing to check is a mistake (an empty folder, include patterns that match nothing); with
    # --changed-since, no changed template is fine, but no template at all is not
    nothing = not found.targets if changed is not None else not [r for r in results if r.mode != "overgeslagen"]
    if nothing and not errors and not found.named_skipped and not any(r.error for r in results):
        errors.append(_nothing_found(paths, options, config))
    return LintRun(tuple(results), tuple(notes), tuple(errors))


def _nothing_found(paths: Sequence[str | Path], options: LintOptions, config: Config) -> str:
    where = ", ".join(printable(str(p)) for p in paths) or "."
    text = (f"eenvoudig heeft in {where} geen sjablonen gevonden, dus niets gecontroleerd. "
            f"eenvoudig zoekt bestanden die passen bij include ({', '.join(options.include)}).")
    if config.path is not None:
        text += f" Een patroon met een / begint in de map van {config.path.name} ({display_path(config.path.parent) or '.'})."
    return text


def _run(jobs_list: list[Job], jobs: int, progress: Callable[[int, int], None] | None) -> Iterator[FileResult]:
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
    for i, result in enumerate(_parallel(jobs_list, min(jobs, total)), 1):
        yield result
        if progress:
            progress(i, total)


def _work(conn: Any) -> None:
    """A worker process: lint the files it is sent until it gets None."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result: Any = _lint_target(job)
        except Exception as exc:  # noqa: BLE001 - an internal error: the main process raises it
            result = exc
        try:
            conn.send(result)
        except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled
            conn.send(RuntimeError(f"{exc.__class__.__name__}: {exc}"))


class _Worker:
    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.job: int | None = None
        self.since = 0.0

    def give(self, index: int, job: Job) -> None:
        self.job, self.since = index, time.monotonic()
        self.conn.send(job)

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
            else:
                self.process.join(5)
        if kill or self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


def _parallel(jobs_list: list[Job], workers: int) -> Iterator[FileResult]:
    """Lint in `workers` watched processes; yield results as they come."""
    import multiprocessing
    from multiprocessing.connection import wait

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if "fork" in methods:
        _warm()  # the workers inherit the loaded tables
    pending = deque(range(len(jobs_list)))
    pool: list[_Worker] = []
    try:
        while True:
            while pending and len(pool) < workers:
                pool.append(_Worker(context))
            for w in pool:
                if w.job is None and pending:
                    index = pending.popleft()
                    w.give(index, jobs_list[index])
            busy = [w for w in pool if w.job is not None]
            if not busy:
                return
            now = time.monotonic()
            timeout = max(0.0, min(FILE_SECONDS - (now - w.since) for w in busy))
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
            for w in busy:
                index = w.job or 0
                result: Any = None
                if w.conn.poll():
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if isinstance(result, BaseException):
                        raise result
                if result is not None:
                    w.job = None
                    yield result
                    continue
                if not w.process.is_alive():
                    reason = ("het proces dat dit bestand controleerde is gestopt "
                              "(bijvoorbeeld omdat het geheugen op was)")
                elif time.monotonic() - w.since > FILE_SECONDS:
                    reason = f"het controleren duurde langer dan {FILE_SECONDS:g} seconden en is gestopt"
                else:
                    continue
                w.stop(kill=True)
                pool.remove(w)
                yield _stopped(jobs_list[index], reason)
    finally:
        for w in pool:
            w.stop(kill=w.job is not None)
