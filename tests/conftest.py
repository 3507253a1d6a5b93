"""Shared fixtures: the letters analysed once per session, and helpers that run the CLI.

Analysing needs spaCy (about 2 s to import, once per process), so every test that needs an analysed
letter takes it from the session-scoped `analysed` / `reports` caches instead of analysing it again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LETTERS_DIR = ROOT / "tests" / "letters"
DEMO_LETTER = ROOT / "src" / "eenvoudig" / "templates" / "demo" / "bijzondere-bijstand.txt"

# name -> path: the test letters plus the bundled officialese demo letter
LETTERS: dict[str, Path] = {p.stem: p for p in sorted(LETTERS_DIR.glob("*.txt"))}
LETTERS["demo"] = DEMO_LETTER


class _Cache(dict):
    """A dict that fills itself on first access with `make(key)`."""

    def __init__(self, make) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


@pytest.fixture(scope="session")
def letters() -> dict[str, Path]:
    """Return the letters by name (file stem; 'demo' is the bundled demo letter)."""
    return LETTERS


@pytest.fixture(scope="session")
def documents():
    """Return the read Documents by letter name (read lazily, once per session)."""
    from eenvoudig.document import read

    return _Cache(lambda name: read(LETTERS[name]))


@pytest.fixture(scope="session")
def analysed(documents):
    """Return the Analysis of each letter by name (spaCy backend; analysed lazily, once per session)."""
    from eenvoudig.analysis import analyze

    return _Cache(lambda name: analyze(documents[name]))


@pytest.fixture(scope="session")
def reports(analysed):
    """Return the check Report (default config) of each letter by name (once per session)."""
    from eenvoudig.checks import check

    return _Cache(lambda name: check(analysed[name]))


@pytest.fixture(scope="session")
def analyse_text():
    """Return a function that reads and analyses a string with the spaCy backend (cached per text)."""
    from eenvoudig.analysis import analyze
    from eenvoudig.document import read_text

    cache = _Cache(lambda key: analyze(read_text(key[0], kind=key[1])))
    return lambda text, kind="txt": cache[(text, kind)]


# --------------------------------------------------------------------------------------------- CLI


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    env.pop("EENVOUDIG_DEBUG", None)
    return env


@pytest.fixture(scope="session")
def run_cli():
    """Return a function that runs the real CLI (`python -m eenvoudig …`) in a subprocess.

    Slow (a fresh Python; spaCy is imported again when the command analyses): use it for what only a
    real process shows (exit codes through `main`, imports, stdin), and `invoke` for the rest.
    """

    def run(*args: str, input: str | bytes | None = None, cwd: Path | str | None = None,
            timeout: float = 120) -> CliResult:
        text = not isinstance(input, bytes)
        proc = subprocess.run([sys.executable, "-m", "eenvoudig", *map(str, args)], input=input,
                              capture_output=True, text=text, cwd=cwd, env=_env(), timeout=timeout)
        out, err = proc.stdout, proc.stderr
        if not text:
            out, err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
        return CliResult(proc.returncode, out, err)

    return run


@pytest.fixture(scope="session")
def invoke(tmp_path_factory):
    """Return a function that runs the click CLI in this process with CliRunner (fast).

    It runs in an empty folder (or `cwd`) so that no config file of the developer is found.
    """
    from click.testing import CliRunner

    from eenvoudig.cli import cli

    empty = tmp_path_factory.mktemp("leeg")
    (empty / ".git").mkdir()  # stops the config search here

    def run(*args: str, input: str | bytes | None = None, cwd: Path | str | None = None) -> CliResult:
        try:  # click 8.1 (which the online extra gTTS needs) mixes stderr into stdout unless told not to
            runner = CliRunner(mix_stderr=False)
        except TypeError:  # click 8.2+: stderr is always separate
            runner = CliRunner()
        old = Path.cwd()
        os.chdir(cwd or empty)
        try:
            result = runner.invoke(cli, [str(a) for a in args], input=input, env={"NO_COLOR": "1"})
        finally:
            os.chdir(old)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture()
def run_main(capsys, monkeypatch, tmp_path):
    """Return a function that calls `eenvoudig.cli.main(argv)` in this process, as the console script does.

    This is the real entry point (error handling, exit codes) without the cost of a new process.
    """
    from eenvoudig.cli import main

    (tmp_path / ".git").mkdir(exist_ok=True)

    def run(*args: str, cwd: Path | str | None = None) -> CliResult:
        monkeypatch.chdir(cwd or tmp_path)
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
