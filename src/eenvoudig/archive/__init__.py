"""Score a whole letter archive: one row per letter, on Dask (one machine or a cluster).

For data teams::

    from eenvoudig.archive import score_paths
    frame = score_paths(["brieven/a.docx", "brieven/b.txt"])        # a pandas.DataFrame, one row per letter

    from eenvoudig.archive import score_dataframe
    ddf = score_dataframe(paths, partition_size=50)                 # a lazy dask.dataframe, same columns
    ddf.groupby("folder").difficulty.mean().compute()

    spark_df.mapInPandas(functools.partial(score_batches, config=cfg), spark_schema())   # Spark: see README

Every letter is scored with the same `check` as `eenvoudig check` (the same Config: target, rules,
thresholds, lexicons, `snel`). A row holds the path, size and modification time, the level, difficulty and
pass/fail, the metrics, the number of findings per severity and per rule, the three rules that fire most,
and an `error` (plain Dutch) for a file that could not be read. Never the letter's text.

`run_archive` is the work of `eenvoudig archief`: it finds the letters, skips those already in the
output with the same size, modification time and settings, scores the rest on a local Dask cluster (or an
existing one), writes the Parquet file safely (a whole file or the old one, never half; also every minute
during a long run, so a stopped run goes on where it was) and the page `resultaten.html` beside it.

Dask, distributed, pandas, pyarrow and matplotlib are the extra `eenvoudig[archief]`; this module imports
them only inside its functions, so `import eenvoudig` and the other commands never load them.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from eenvoudig.config import Config
from eenvoudig.errors import EenvoudigError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

EXTRA = "archief"
INSTALL_HINT = 'pip install "eenvoudig[archief]"'

# The document metrics of `Score.metrics`, in this order (a test keeps them equal to what `check` gives).
METRICS = ("sentences", "words", "words_per_sentence", "words_per_sentence_p90", "words_per_sentence_max",
           "difficult_words_pct", "flesch_douma", "brouwer", "lix", "passive_pct", "syllables_per_word")
INT_METRICS = frozenset({"sentences", "words", "words_per_sentence_max"})
SEVERITY_COLUMNS = {"error": "n_error", "warning": "n_warning", "info": "n_info"}
TOP_RULES = 3
CHECKPOINT_SECONDS = 60.0


class MissingExtra(EenvoudigError):
    """The optional packages of `eenvoudig archief` are not installed."""

    exit_code = 3


def require_extra() -> None:
    """Raise MissingExtra (plain Dutch, how to install) unless Dask, pandas, pyarrow and matplotlib load."""
    import importlib.util

    missing = [name for name in ("dask", "distributed", "pandas", "pyarrow", "matplotlib")
               if _find_spec(importlib.util, name) is None]
    if missing:
        raise MissingExtra(
            f"voor 'eenvoudig archief' zijn extra onderdelen nodig die niet geïnstalleerd zijn "
            f"({', '.join(missing)}). "
            f"Installeer ze met: {INSTALL_HINT}")


def _find_spec(util: Any, name: str) -> Any:
    try:
        import sys

        if name in sys.modules and sys.modules[name] is None:   # blocked on purpose (tests, sandboxes)
            return None
        return util.find_spec(name)
    except (ImportError, ValueError):
        return None


# ------------------------------------------------------------------------------------------ columns


def _rule_ids() -> list[str]:
    from eenvoudig.checks import rule_ids

    return rule_ids()


def rule_column(rule_id: str) -> str:
    """Return the column that counts a rule's findings: `zin.lang` → `rule_zin_lang`."""
    return "rule_" + re.sub(r"[^0-9a-zA-Z]+", "_", rule_id)


def columns() -> list[str]:
    """Return the columns of a result, in order."""
    return [*_BASE_COLUMNS, *METRICS, "n_findings", *SEVERITY_COLUMNS.values(),
            *(rule_column(r) for r in _rule_ids()), *(f"top_rule_{i}" for i in range(1, TOP_RULES + 1)), "error"]


_BASE_COLUMNS = ("path", "folder", "size", "mtime", "backend", "target", "level", "label", "difficulty", "passed")


def dtypes() -> dict[str, str]:
    """Return the pandas dtype of every column (nullable: a letter that cannot be read has no score)."""
    out: dict[str, str] = {}
    for col in columns():
        if col in ("size", "level", "n_findings") or col in INT_METRICS or col.startswith(("n_", "rule_")):
            out[col] = "Int64"
        elif col == "mtime":
            out[col] = "datetime64[ns, UTC]"
        elif col == "difficulty" or col in METRICS:
            out[col] = "Float64"
        elif col == "passed":
            out[col] = "boolean"
        else:
            out[col] = "string"
    return out


def empty_frame() -> pandas.DataFrame:
    """Return a result with no rows and the right columns and dtypes (Dask's `meta`)."""
    return to_frame([])


def to_frame(rows: Sequence[dict[str, Any]]) -> pandas.DataFrame:
    """Return a DataFrame of result rows (dicts from `score_letter`) with fixed columns and dtypes."""
    import pandas as pd

    cols = columns()
    frame = pd.DataFrame.from_records(list(rows), columns=cols) if rows else pd.DataFrame({c: [] for c in cols})
    types = dtypes()
    frame["mtime"] = pd.to_datetime(frame["mtime"].astype("Int64"), unit="ns", utc=True).astype(types["mtime"])
    return frame.astype({c: t for c, t in types.items() if c != "mtime"}).reset_index(drop=True)


def spark_schema() -> str:
    """Return the result's schema as a Spark DDL string, for `mapInPandas(..., spark_schema())`."""
    spark = {"Int64": "bigint", "Float64": "double", "boolean": "boolean", "string": "string",
             "datetime64[ns, UTC]": "timestamp"}
    return ", ".join(f"`{c}` {spark[t]}" for c, t in dtypes().items())


# ------------------------------------------------------------------------------------------ scoring


def score_letter(path: str | os.PathLike[str], config: Config | None = None, *,
                 read_from: str | os.PathLike[str] | None = None, encoding: str | None = None) -> dict[str, Any]:
    """Score one letter with the same `check` as the command line; return its row as a dict.

    A file that cannot be read (empty, binary, wrong encoding, too big, gone) gives a row with only the
    path, folder, size, modification time and `error`, a plain Dutch reason. `read_from` reads the letter
    from another path (an absolute one on a cluster) while the row keeps `path`. `encoding` reads text
    files in that encoding instead of UTF-8 (as `check --encoding`).
    """
    import eenvoudig

    config = config or Config()
    name = os.fspath(path)
    source = os.fspath(read_from) if read_from is not None else name
    row: dict[str, Any] = {"path": name, "folder": _folder(name), "backend": config.backend, "target": config.target}
    try:
        before = _stat(source)
        row["size"], row["mtime"] = before
        doc = eenvoudig.read(source, encoding=encoding, max_bytes=config.max_bytes)
        report = eenvoudig.check(eenvoudig.analyze(doc, config.backend), config)
        if _stat(source) != before:
            raise InputError(f"{source}: het bestand veranderde terwijl eenvoudig het las; probeer het opnieuw.")
    except EenvoudigError as exc:
        return row | {"error": str(exc).removeprefix(f"{source}: ")}
    except OSError as exc:
        return row | {"error": f"kan het bestand niet lezen ({exc.strerror or exc})."}
    except Exception as exc:  # noqa: BLE001 - one broken letter must not stop a run over an archive
        if os.environ.get("EENVOUDIG_DEBUG"):
            raise
        return row | {"error": f"interne fout ({exc.__class__.__name__}: {exc}). Dit is een fout in eenvoudig; "
                               "meld het alstublieft."}
    sc = report.score
    row |= {"level": sc.level, "label": sc.label, "difficulty": sc.difficulty, "passed": sc.passed}
    row |= {m: sc.metrics.get(m) for m in METRICS}
    per_rule = Counter(f.rule for f in report.findings)
    severities = Counter(f.severity for f in report.findings)
    row["n_findings"] = len(report.findings)
    row |= {col: severities.get(sev, 0) for sev, col in SEVERITY_COLUMNS.items()}
    row |= {rule_column(r): per_rule.get(r, 0) for r in _rule_ids()}
    top = sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
    row |= {f"top_rule_{i}": rule for i, (rule, _) in enumerate(top, 1)}
    return row


def _stat(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _folder(path: str) -> str:
    """Return the folder a letter is in, as found ("." for a letter in the current folder)."""
    return Path(os.path.dirname(path) or ".").as_posix()


def score_paths(paths: Iterable[str | os.PathLike[str]], config: Config | None = None, *,
                snel: bool | None = None, encoding: str | None = None) -> pandas.DataFrame:
    """Score letters in this process; return one row per letter, in the order given, as a pandas.DataFrame.

    `config` is the same Config as the command line's (`eenvoudig.load_config()` reads eenvoudig.toml or
    pyproject.toml); the default is the standard one. `snel=True` uses the fast mode (no sentence parse).
    A letter that cannot be read becomes a row with an `error`; the others are still scored. `encoding`:
    read text files in this encoding instead of UTF-8.
    """
    config = (config or Config()).with_options(snel=snel)
    return to_frame([score_letter(p, config, encoding=encoding) for p in paths])


def score_batches(batches: Iterable[pandas.DataFrame], config: Config | None = None, *,
                  snel: bool | None = None, encoding: str | None = None) -> Iterator[pandas.DataFrame]:
    """Score the letters named in the `path` column of each batch; yield their result rows per batch.

    This is the function for Spark's `DataFrame.mapInPandas` (with `spark_schema()`), and it works on
    any iterable of pandas DataFrames with a `path` column.
    """
    for batch in batches:
        yield score_paths([str(p) for p in batch["path"]], config, snel=snel, encoding=encoding)


def _score_chunk(items: Sequence[tuple[str, str]], config: Config, encoding: str | None = None) -> pandas.DataFrame:
    """Score (path, path to read) pairs: one partition of the Dask work."""
    return to_frame([score_letter(name, config, read_from=source, encoding=encoding) for name, source in items])


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    size = max(1, size)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def score_bag(paths: Iterable[str | os.PathLike[str]], config: Config | None = None, *,
              partition_size: int = 50, snel: bool | None = None, encoding: str | None = None) -> Any:
    """Return a dask.bag of result rows (dicts), `partition_size` letters per partition (lazy)."""
    import dask.bag as db

    config = (config or Config()).with_options(snel=snel)
    names = [os.fspath(p) for p in paths]
    return db.from_sequence(names, partition_size=max(1, partition_size)).map(score_letter, config, encoding=encoding)


def score_dataframe(paths: Iterable[str | os.PathLike[str]], config: Config | None = None, *,
                    partition_size: int = 50, snel: bool | None = None, encoding: str | None = None,
                    read_from: Sequence[str] | None = None) -> Any:
    """Return a lazy dask.dataframe of results, one partition per `partition_size` letters, in order.

    Run it on your own cluster with `.compute()`, `.to_parquet(...)` or `client.compute(...)`. The files
    must be readable at these paths on every worker; `read_from` gives other paths to read them from.
    """
    import dask.dataframe as dd

    config = (config or Config()).with_options(snel=snel)
    names = [os.fspath(p) for p in paths]
    sources = list(read_from) if read_from is not None else names
    if len(sources) != len(names):
        raise ValueError("read_from must have one path per letter")
    chunks = _chunks(list(zip(names, sources)), partition_size) or [[]]
    return dd.from_map(_score_chunk, chunks, config=config, encoding=encoding, meta=empty_frame(),
                       label="eenvoudig-score", enforce_metadata=False)


# ---------------------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class ArchiveRun:
    """What `run_archive` did: letters found, scored now, taken over from the output, and unreadable."""

    letters: int
    scored: int
    reused: int
    errors: int
    out: Path
    html: Path


def read_results(path: Path) -> pandas.DataFrame | None:
    """Return an earlier result file, or None when there is none; a file that is not one is an InputError."""
    import pandas as pd

    if not path.exists():
        return None
    try:
        frame = pd.read_parquet(path)
    except Exception:  # noqa: BLE001 - any reader error means: this is not our file
        raise InputError(f"{path}: dit bestand bestaat al, maar het is geen resultatenbestand van eenvoudig "
                         "archief. Kies een andere naam met --out; eenvoudig overschrijft het niet.") from None
    if not {"path", "size", "mtime", "backend", "target", "error"} <= set(frame.columns):
        raise InputError(f"{path}: dit bestand bestaat al, maar het is geen resultatenbestand van eenvoudig "
                         "archief. Kies een andere naam met --out; eenvoudig overschrijft het niet.")
    return frame


def reusable(previous: pandas.DataFrame | None, names: Sequence[str], config: Config) -> pandas.DataFrame:
    """Return the rows of `previous` that still hold: same path, size, modification time and settings.

    Rows with an error are never reused (reading fails fast, and the file may be fixed by now); neither
    are rows from a version with other columns (other rules).
    """
    import pandas as pd

    if previous is None or list(previous.columns) != columns():
        return empty_frame()
    stats: dict[str, tuple[int, int]] = {}
    for name in names:
        try:
            stats[name] = _stat(name)
        except OSError:
            pass
    prev = previous.astype(dtypes())
    keep = []
    for row in prev.itertuples(index=False):
        st = stats.get(row.path)
        if st is None or not pd.isna(row.error) or pd.isna(row.size) or pd.isna(row.mtime):
            keep.append(False)
        else:
            keep.append(st == (int(row.size), row.mtime.value) and row.backend == config.backend
                        and row.target == config.target)
    return prev[keep].drop_duplicates("path").reset_index(drop=True)


def write_results(frame: pandas.DataFrame, path: Path) -> None:
    """Write a result to Parquet so that the file is either the old one or the whole new one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eenvoudig.files import open_atomic

    table = pa.Table.from_pandas(frame, preserve_index=False)
    with open_atomic(path) as f:
        pq.write_table(table, f)


def _ordered(frames: Sequence[pandas.DataFrame], order: dict[str, int]) -> pandas.DataFrame:
    import pandas as pd

    parts = [f for f in frames if len(f)]
    if not parts:
        return empty_frame()
    frame = pd.concat(parts, ignore_index=True)
    pos = frame["path"].map(order)
    return frame.iloc[pos.argsort(kind="stable")].reset_index(drop=True)


def run_archive(folders: Sequence[str], out: Path, config: Config, *, workers: int | None = None,
                scheduler: str | None = None, encoding: str | None = None, progress: bool = False,
                say: Callable[[str], None] = lambda line: None,
                checkpoint_seconds: float = CHECKPOINT_SECONDS) -> ArchiveRun:
    """Score every letter in `folders` into `out` (Parquet) and write the page beside it (.html).

    The work runs on a local Dask cluster of `workers` processes (default: one per processor), or on the
    existing cluster at `scheduler`. Letters already in `out` with the same size, modification time and
    settings are not scored again. `say` gets the lines for the user (plain Dutch).
    """
    from eenvoudig.batch import find_letters
    from eenvoudig.files import make_folder

    require_extra()
    out = Path(out)
    html = out.with_suffix(".html")
    make_folder(out.parent)   # before the work: a run of hours must not end in "cannot write"
    letters, notes = find_letters(folders)
    for note in notes:
        say(f"eenvoudig: let op: {note}")
    ours = {os.path.abspath(out), os.path.abspath(html)}
    letters = [x for x in letters if x.path != "-" and os.path.abspath(x.path) not in ours]
    if not letters:
        raise InputError("er is geen brief gevonden om te scoren.")
    names = [x.path for x in letters]
    order = {n: i for i, n in enumerate(names)}
    reused = reusable(read_results(out), names, config)
    done_names = set(reused["path"])
    todo = [n for n in names if n not in done_names]
    say(f"eenvoudig: {len(names)} brieven gevonden; {len(reused)} al gedaan, {len(todo)} te scoren.")
    frames: list[pandas.DataFrame] = [reused]
    if todo:
        _score_on_dask(todo, config, encoding, workers, scheduler, progress, say, frames, order, out,
                       checkpoint_seconds)
    result = _ordered(frames, order)
    write_results(result, out)
    from eenvoudig.archive.report import write_report

    write_report(result, html)
    return ArchiveRun(letters=len(result), scored=len(todo), reused=len(reused),
                      errors=int(result["error"].notna().sum()), out=out, html=html)


def _partition_size(n: int, workers: int) -> int:
    """Letters per task: some tasks per worker (an even spread), at most 50 (a task of seconds)."""
    return max(1, min(50, -(-n // (max(1, workers) * 8))))


def _score_on_dask(todo: Sequence[str], config: Config, encoding: str | None, workers: int | None,
                   scheduler: str | None, progress: bool, say: Callable[[str], None], frames: list,
                   order: dict[str, int], out: Path, checkpoint_seconds: float) -> None:
    """Score `todo` on Dask; append one frame per finished partition to `frames`; save now and then."""
    import threading

    from distributed import as_completed

    with _cluster(workers, scheduler, say) as client:
        n_workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        ddf = score_dataframe(todo, config, partition_size=_partition_size(len(todo), n_workers),
                              encoding=encoding, read_from=[os.path.abspath(n) for n in todo])
        futures = client.compute(ddf.to_delayed())
        failed: list[BaseException] = []
        finished = threading.Event()

        def collect() -> None:
            last = time.monotonic()
            done = 0
            try:
                for future in as_completed(futures):
                    frames.append(future.result())
                    done += len(frames[-1])
                    if time.monotonic() - last >= checkpoint_seconds:
                        write_results(_ordered(frames, order), out)
                        last = time.monotonic()
                        if not progress:
                            say(f"eenvoudig: {done} van {len(todo)} brieven gescoord; tussenstand bewaard.")
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                failed.append(exc)
            finally:
                finished.set()

        worker = threading.Thread(target=collect, name="eenvoudig-archief", daemon=True)
        worker.start()
        try:
            if progress:
                try:
                    _DutchBar(futures, scheduler=client.scheduler.address)
                except Exception:  # noqa: BLE001 - no progress bar is no reason to stop the work
                    pass
            while not finished.wait(0.2):
                pass
        except BaseException:
            client.cancel(futures)
            finished.wait(10)
            if any(len(f) for f in frames):
                write_results(_ordered(frames, order), out)   # keep what is done: the next run goes on from here
                say(f"eenvoudig: wat klaar was, staat in {out}; start dezelfde opdracht opnieuw om verder te gaan.")
            raise
        if failed:
            raise failed[0]


class _cluster:
    """A Dask client: on a new local cluster (127.0.0.1 only, no dashboard) or on an existing one."""

    def __init__(self, workers: int | None, scheduler: str | None, say: Callable[[str], None]) -> None:
        self.workers, self.scheduler, self.say = workers, scheduler, say
        self.client: Any = None
        self.local: Any = None

    def __enter__(self) -> Any:
        import logging

        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="15s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(f"kan de Dask-scheduler op {self.scheduler} niet bereiken ({exc}). "
                                 "Klopt het adres, en draait de scheduler?") from None
            self.say(f"eenvoudig: verbonden met de Dask-cluster op {self.scheduler}.")
            return self.client
        n = self.workers or os.cpu_count() or 1
        self.local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  scheduler_port=0, dashboard_address=None, silence_logs=logging.ERROR,
                                  # no dashboard; Dask's small health page on a free port of 127.0.0.1 only
                                  scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
        self.client = Client(self.local)
        self.say(f"eenvoudig: Dask op deze computer met {n} {'werker' if n == 1 else 'werkers'}.")
        return self.client

    def __exit__(self, *exc: Any) -> None:
        import contextlib

        with contextlib.suppress(Exception):
            self.client.close()
        if self.local is not None:
            with contextlib.suppress(Exception):
                self.local.close()


def _DutchBar(futures: Sequence[Any], scheduler: str) -> None:
    """Show Dask's text progress bar (distributed.diagnostics) on stderr, in Dutch; return when done."""
    import sys

    from distributed.diagnostics.progressbar import TextProgressBar

    class Bar(TextProgressBar):
        def _draw_bar(self, remaining: int, all: int, **kwargs: Any) -> None:  # noqa: A002 - Dask's name
            frac = (1 - remaining / all) if all else 1.0
            sys.stderr.write(f"\r[{'#' * int(self.width * frac):<{self.width}}] {int(100 * frac)}% klaar | "
                             f"{_duration(self.elapsed)}")
            sys.stderr.flush()

        def _draw_stop(self, **kwargs: Any) -> None:
            sys.stderr.write("\33[2K\r")
            sys.stderr.flush()

    Bar(futures, scheduler=scheduler, complete=True)


def _duration(seconds: float) -> str:
    """Return a duration the Dutch way: 9 s, 3 min 05 s, 2 u 04 min."""
    s = int(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} u {s % 3600 // 60:02d} min"
