"""The `eenvoudig` command: a thin layer over the library.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, 3 bad input/data/config, 4 internal error.
Only click, config and errors are imported at start-up, so `--help` and `--version` stay fast; spaCy is
loaded by the commands that analyse.
"""

from __future__ import annotations

import json
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

import click

from eenvoudig import __version__
from eenvoudig.config import FAIL_ON, FAIL_ON_NL, TARGETS, Config, load_config
from eenvoudig.errors import EenvoudigError, InputError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3, 4



# click writes its help scaffolding in English ("Usage:", "Options:", "[default: text]", "DIRECTORY").
_HEADINGS = {"Options": "Opties", "Commands": "Opdrachten", "Arguments": "Argumenten"}
_METAVARS = {"OPTIONS": "OPTIES", "COMMAND": "OPDRACHT", "ARGS": "ARGUMENTEN", "FILES": "BESTANDEN",
             "FILE": "BESTAND", "DIRECTORY": "MAP", "TEXT": "TEKST", "INTEGER RANGE": "GETAL", "INTEGER": "GETAL",
             "FLOAT": "GETAL", "PATHS": "PADEN", "PATH": "PAD", "FOLDERS": "MAPPEN", "WORD": "WOORD"}
_METAVAR = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _METAVARS), key=len, reverse=True)) + r")\b")


def _dutch_metavars(text: str) -> str:
    return _METAVAR.sub(lambda m: _METAVARS[m.group()], text)


class _DutchFormatter(click.HelpFormatter):
    """Write click's own words of the help in Dutch: "Gebruik:", "Opties:", "[standaard: …]", "MAP"."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _dutch_metavars(args), prefix="Gebruik: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        rows = [(_dutch_metavars(term), text.replace("[default: ", "[standaard: ").replace("[required]", "[verplicht]"))
                for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


class _Range(click.IntRange):
    """A whole-number range that --help and its errors describe in Dutch ("0 of meer", not "x>=0")."""

    def _describe_range(self) -> str:
        if self.max is None:
            return f"{self.min} of meer"
        if self.min is None:  # pragma: no cover - every range here has a minimum
            return f"{self.max} of minder"
        return f"{self.min} tot en met {self.max}"


class _Context(click.Context):
    formatter_class = _DutchFormatter


class _DutchHelp:
    """Every command's -h/--help says what it does in Dutch (click's own text is English)."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option


class _Command(_DutchHelp, click.Command):
    pass


class _Group(_DutchHelp, click.Group):
    command_class = _Command
    group_class = type  # subgroups are _Group too


def _config(ctx: click.Context) -> Config:
    return ctx.obj["config"]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="eenvoudig", message="%(prog)s %(version)s",
                      help="Toon het versienummer en stop.")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuratiebestand (eenvoudig.toml of pyproject.toml). Standaard: zoeken vanaf deze map.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None) -> None:
    """eenvoudig: maak brieven van de gemeente begrijpelijk voor iedereen (taalniveau B1).

    \b
    Voorbeelden:
      eenvoudig check brief.docx          leesniveau en verbeterpunten
      eenvoudig rewrite brief.txt --diff  voorstel in eenvoudige woorden
      eenvoudig demo                      alles op een voorbeeldbrief
    """
    ctx.ensure_object(dict)
    config = load_config(config_path)
    for warning in config.warnings:
        click.echo(f"eenvoudig: let op: {warning}", err=True)
    ctx.obj["config"] = config


# ------------------------------------------------------------------------------------------- check


class _Stdout:
    """Print to stdout; after a broken pipe (`| head`) print nothing more, quietly, and let the run finish."""

    def __init__(self) -> None:
        self.closed = False

    def echo(self, text: str, nl: bool = True) -> None:
        if self.closed:
            return
        try:
            click.echo(text, nl=nl)
            sys.stdout.flush()
        except BrokenPipeError:
            self.closed = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so Python's own flush at exit does not fail again


@contextmanager
def _progress(total: int, label: str, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """Show a progress bar on stderr for a long run on a terminal (when stdout is not the same screen)."""
    if total < 10 or not sys.stderr.isatty() or not (quiet or not sys.stdout.isatty()):
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield lambda done: bar.update(done - bar.pos)


def _letters(files: Sequence[str], exclude: Sequence[str], *, suffixes: Sequence[str] | None = None,
             skip: Sequence[Path] = ()) -> list:
    from eenvoudig.batch import LETTER_SUFFIXES, find_letters

    letters, notes = find_letters(files, exclude=exclude, suffixes=suffixes or LETTER_SUFFIXES, skip=skip)
    for note in notes:
        click.echo(f"eenvoudig: let op: {note}", err=True)
    if not letters:
        raise InputError("er is geen brief gevonden om te bekijken.")
    return letters


def _summary(header: Sequence[str], outcomes: Sequence, right: Sequence[int] = ()) -> list[str]:
    from eenvoudig.batch import table

    rows = [o.row for o in outcomes if o.row]
    return ["", f"Samenvatting: {len(outcomes)} brieven", *table(header, rows, right=right)]


CHECK_HEADER = ("brief", "niveau", "moeilijkheid", "goed voor {target}", "fouten", "waarschuwingen", "tips")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="text voor mensen, html: een webpagina met de brief en de punten ernaast, json voor programma's.")
@click.option("--kort", is_flag=True, help="Toon alleen het niveau en 'Begin hier': wat het meest helpt.")
@click.option("--target", type=click.Choice(TARGETS, case_sensitive=False), help="Gewenst taalniveau (standaard B1).")
@click.option("--fail-on", type=click.Choice(FAIL_ON + tuple(FAIL_ON_NL)),
              help="Geef exit-code 1 bij bevindingen van dit niveau of hoger (tip, waarschuwing, fout of nooit). "
                   "Standaard: fout, of wat in de configuratie staat.")
@click.option("--encoding", help="Lees tekst in deze codering (bijvoorbeeld cp1252) in plaats van UTF-8.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Schrijf het rapport naar dit bestand. Met --format html en meer brieven: naar deze map.")
@click.option("--exclude", multiple=True, metavar="PATROON", help="Sla deze bestanden over (zoals in .gitignore).")
@click.option("-j", "--jobs", type=_Range(min=0), default=1, show_default=True,
              help="Zoveel brieven tegelijk controleren (0: alle processoren).")
@click.option("--snel", is_flag=True, default=None,
              help="Snelle modus voor veel brieven: zonder zinsontleding (iets minder precies).")
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], fmt: str, kort: bool, target: str | None, fail_on: str | None,
          encoding: str | None, output: Path | None, exclude: tuple[str, ...], jobs: int, snel: bool | None) -> None:
    """Meet het leesniveau van brieven en laat zien wat beter kan.

    BESTANDEN: .docx, .txt, .md of .html, of mappen met brieven; gebruik - voor standaardinvoer.
    """
    from functools import partial

    from eenvoudig.batch import check_letter, exit_code, output_names, run_letters

    config = _config(ctx).with_options(target=target.upper() if target else None,
                                       fail_on=FAIL_ON_NL.get(fail_on, fail_on) if fail_on else None, snel=snel)
    letters = _letters(files, exclude, skip=[output] if output is not None and fmt == "html" else [])
    names = [x.path for x in letters]
    many = len(letters) > 1 or any(os.path.isdir(f) for f in files)
    html_paths: list[Path | None] = [None] * len(letters)
    if fmt == "html" and output is not None:
        html_paths = ([output] if not many and output.suffix.lower() in (".html", ".htm")
                      else output_names(letters, output, lambda rel: f"{rel.stem}-rapport.html"))
    elif fmt == "html" and many:
        raise click.UsageError("een html-rapport voor meer brieven heeft een map nodig: gebruik -o MAP.")
    color = _use_color() and output is None
    stdout = _Stdout()
    collected: list[str] = []

    def show(text: str) -> None:
        collected.append(text) if output is not None and fmt != "html" else stdout.echo(text)

    if "-" in names:
        jobs = 1
    outcomes: list = []
    notify = partial(click.echo, err=True) if jobs == 1 else None
    with _progress(len(letters), "Brieven controleren", quiet=fmt != "text" or output is not None) as progress:
        tasks = [(n, config, fmt, kort, color, encoding, p, notify) for n, p in zip(names, html_paths)]
        for outcome in run_letters(check_letter, tasks, jobs, progress):
            outcomes.append(outcome)
            for note in outcome.notes:
                click.echo(note, err=True)
            if outcome.out:
                show(outcome.out)
    if fmt == "json":
        from eenvoudig.checks.text import reports_to_json

        data = reports_to_json([])
        data["files"] = [o.data for o in outcomes if o.data is not None]
        show(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "text" and many:
        header = tuple(h.format(target=config.target) for h in CHECK_HEADER)
        show("\n".join(_summary(header, outcomes, right=(1, 2, 4, 5, 6))))
    if collected:
        from eenvoudig.files import write_atomic

        write_atomic(output, "\n".join(collected) + "\n")
        click.echo(f"eenvoudig: rapport geschreven naar {output}.", err=True)
    ctx.exit(exit_code(outcomes))


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


# ----------------------------------------------------------------------------------------- lexicon


@cli.group()
def lexicon() -> None:
    """Bekijk en controleer het lexicon met moeilijke woorden."""


@lexicon.command("validate")
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
def lexicon_validate(files: tuple[Path, ...]) -> None:
    """Controleer lexiconbestanden (standaard: het meegeleverde lexicon)."""
    from eenvoudig.lexicon import shipped_files, validate_files

    targets = list(files) if files else shipped_files()
    expanded = []
    for f in targets:
        if isinstance(f, Path) and f.is_dir():
            expanded += sorted(f.rglob("*.tsv"))
        else:
            expanded.append(f)
    errors = validate_files(expanded)
    for e in errors:
        click.echo(e, err=True)
    if errors:
        click.echo(f"{len(errors)} {'fout' if len(errors) == 1 else 'fouten'} gevonden.", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"In orde: {len(expanded)} {'bestand' if len(expanded) == 1 else 'bestanden'} gecontroleerd.")


@lexicon.command("zoek")
@click.argument("word", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def lexicon_zoek(ctx: click.Context, word: tuple[str, ...], fmt: str) -> None:
    """Zoek een woord of uitdrukking op in het lexicon (ook verbogen vormen)."""
    from eenvoudig.lexicon import load_lexicon

    lex = load_lexicon(_config(ctx).lexicons)
    query = " ".join(word)
    entry = lex.lookup(query)
    if entry is None:
        click.echo(f"'{query}' staat niet in het lexicon.")
        sys.exit(EXIT_FINDINGS)
    if fmt == "json":
        click.echo(json.dumps(entry.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{entry.moeilijk}  ({entry.soort}, {entry.categorie})")
    if entry.eenvoudig:
        click.echo(f"  Eenvoudiger: {', '.join(entry.eenvoudig)}")
    click.echo("  Automatisch vervangen: " + ("ja" if entry.veilig else "nooit, alleen als voorstel" if entry.suggest_only
                                                else "alleen met --unsafe, anders als voorstel"))
    if entry.uitleg:
        click.echo(f"  Uitleg: {entry.uitleg}")
    if entry.uitspraak:
        click.echo(f"  Uitspraak: {entry.uitspraak}")
    click.echo(f"  Bron: {entry.bron} ({entry.where})")


# ----------------------------------------------------------------------------------------- rewrite


REWRITE_HEADER = ("brief", "veranderingen", "niet gedaan", "voorstellen", "uitvoer")


@cli.command(name="rewrite")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="Schrijf de eenvoudige versie naar dit bestand (.docx blijft .docx). Bij een map of meer "
                   "brieven: naar deze map, met de naam van elke brief.")
@click.option("--review", is_flag=True,
              help="Word: elke verandering als bijgehouden wijziging, elk ander punt als opmerking, in een nieuw "
                   ".docx-bestand (standaard BRIEF-nagekeken.docx).")
@click.option("--diff", "show_diff", is_flag=True, help="Toon de veranderingen (unified diff).")
@click.option("--fix", is_flag=True, help="Verander het bestand zelf (veilig: eerst een tijdelijk bestand).")
@click.option("--backup", is_flag=True, help="Bewaar met --fix eerst een kopie: BESTAND.~1~, de volgende keer BESTAND.~2~ "
                                             "(een kopie wordt nooit overschreven).")
@click.option("--unsafe", is_flag=True, help="Voer ook voorstellen uit die niet altijd goed zijn (uitleg, woorden die "
                                             "niet altijd passen, zinnen die de controle niet halen).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", help="Lees tekst in deze codering (bijvoorbeeld cp1252) in plaats van UTF-8.")
@click.option("--exclude", multiple=True, metavar="PATROON", help="Sla deze bestanden over (zoals in .gitignore).")
@click.option("-j", "--jobs", type=_Range(min=0), default=1, show_default=True,
              help="Zoveel brieven tegelijk (0: alle processoren).")
@click.pass_context
def rewrite_cmd(ctx: click.Context, files: tuple[str, ...], output: Path | None, review: bool, show_diff: bool,
                fix: bool, backup: bool, unsafe: bool, fmt: str, encoding: str | None, exclude: tuple[str, ...],
                jobs: int) -> None:
    """Herschrijf brieven in eenvoudiger Nederlands; elke verandering is te zien.

    Zonder opties ziet u de eenvoudige tekst. Alleen vervangingen die altijd goed zijn, worden
    uitgevoerd; de andere ziet u als voorstel. BESTANDEN: brieven of mappen met brieven.
    """
    from eenvoudig.batch import exit_code, output_names, rewrite_letter, run_letters

    config = _config(ctx)
    if backup and not fix:
        raise click.UsageError("--backup hoort bij --fix.")
    if fix and output is not None:
        raise click.UsageError("kies --fix (het bestand zelf veranderen) of -o (een nieuw bestand), niet allebei.")
    if review and fix:
        raise click.UsageError("--review maakt een nieuw bestand; het kan niet samen met --fix.")
    if fix and "-" in files:
        raise click.UsageError("--fix kan niet met standaardinvoer (-).")
    if review and any(f == "-" or (not os.path.isdir(f) and not f.lower().endswith(".docx")) for f in files):
        raise click.UsageError("--review werkt alleen met Word-bestanden (.docx).")
    many = len(files) > 1 or any(f != "-" and os.path.isdir(f) for f in files)
    to_folder = output is not None and (many or output.is_dir() or str(output).endswith(("/", os.sep)))
    if not many and not to_folder and output is not None and output.suffix.lower() == ".docx" \
            and not files[0].lower().endswith(".docx"):
        raise click.UsageError("alleen een Word-bestand (.docx) kan als .docx terugkomen; kies een .txt-naam.")
    if output is not None and not to_folder and files[0] != "-" and \
            os.path.realpath(output) == os.path.realpath(files[0]):
        raise click.UsageError("-o is hier de brief zelf; gebruik --fix (eventueel met --backup) om hem te veranderen.")
    if review and output is not None and not to_folder and output.suffix.lower() != ".docx":
        raise click.UsageError("--review schrijft een Word-bestand: geef met -o een naam die eindigt op .docx.")
    if many and output is None and not (fix or show_diff or fmt == "json"):
        raise click.UsageError("bij meer brieven: geef met -o een map voor de uitkomsten, of gebruik --diff of --fix.")
    if output is not None and output.exists() and not output.is_dir() and to_folder:
        raise click.UsageError(f"'{output}' is een bestand; geef bij -o een map voor meer brieven.")
    letters = _letters(files, exclude, suffixes=(".docx",) if review else None,
                       skip=[output] if to_folder else [])
    names = [x.path for x in letters]
    if to_folder:
        suffix = "-nagekeken" if review else "-eenvoudig"
        targets: list[Path | None] = list(output_names(letters, output, lambda rel: f"{rel.stem}{suffix}{rel.suffix}"))
    elif review and output is None:
        targets = [Path(n).with_name(f"{Path(n).stem}-nagekeken.docx") for n in names]
    else:
        targets = [output] * len(names)
    if "-" in names:
        jobs = 1
    stdout = _Stdout()
    outcomes: list = []
    tasks = [(n, config, t, show_diff, fix, backup, unsafe, fmt, encoding, review, many, to_folder)
             for n, t in zip(names, targets)]
    quiet = fmt == "text" and not show_diff and (fix or to_folder or review)
    with _progress(len(letters), "Brieven herschrijven", quiet=quiet) as progress:
        for outcome in run_letters(rewrite_letter, tasks, jobs, progress):
            outcomes.append(outcome)
            if outcome.out:
                stdout.echo(outcome.out, nl=False)
            for note in outcome.notes:
                click.echo(note, err=True)
    if fmt == "json":
        values = [o.data for o in outcomes if o.data is not None]
        if many:
            stdout.echo(json.dumps({"schema_version": 1, "files": values}, ensure_ascii=False, indent=2))
        elif values:
            stdout.echo(json.dumps(values[0], ensure_ascii=False, indent=2))
    if many:
        for line in _summary(REWRITE_HEADER, outcomes, right=(1, 2, 3)):
            click.echo(line, err=True)
    code = exit_code(outcomes)
    ctx.exit(code if code != EXIT_FINDINGS else EXIT_OK)


# ------------------------------------------------------------------------------------------ render

RENDER_FORMATS = ("text", "html", "sheet", "pdf", "speech", "audio")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(RENDER_FORMATS), default="text", show_default=True,
              help="text: eenvoudige tekst; html: webpagina; sheet: pictogrammenblad (png); pdf: het blad als pdf "
                   "(met echte tekst); speech: de tekst zoals die wordt uitgesproken; audio: mp3 (met --wav "
                   "ook wav).")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Map voor de bestanden (standaard: tekst naar het scherm, bestanden in ./eenvoudig-uitvoer). "
                   "Bij meer brieven krijgt elke brief daarin een eigen map met zijn naam.")
@click.option("--online", is_flag=True, help="Gebruik de online stem van Google (gTTS). Alleen met uw toestemming.")
@click.option("--redact", is_flag=True, help="Vervang persoonsgegevens door neutrale woorden voordat tekst online gaat. "
                                             "Met --format speech: toon precies wat er online zou gaan.")
@click.option("--slow", is_flag=True, help="Spreek langzamer.")
@click.option("--wav", is_flag=True, help="Schrijf bij audio ook brief.wav (groot: ongeveer 2,5 MB per minuut).")
@click.option("--no-rewrite", is_flag=True, help="Gebruik de brief zoals hij is, zonder eerst te vereenvoudigen.")
@click.option("--encoding", help="Lees tekst in deze codering (bijvoorbeeld cp1252) in plaats van UTF-8.")
@click.option("--exclude", multiple=True, metavar="PATROON", help="Sla deze bestanden over (zoals in .gitignore).")
@click.option("-j", "--jobs", type=_Range(min=0), default=1, show_default=True,
              help="Zoveel brieven tegelijk (0: alle processoren).")
@click.pass_context
def render(ctx: click.Context, files: tuple[str, ...], fmt: str, out_dir: Path | None, online: bool, redact: bool,
           slow: bool, wav: bool, no_rewrite: bool, encoding: str | None, exclude: tuple[str, ...], jobs: int
           ) -> None:
    """Maak van brieven eenvoudige tekst, een webpagina, een pictogrammenblad of audio."""
    from eenvoudig.batch import exit_code, output_names, render_letter, run_letters

    config = _config(ctx)
    if redact and not online and fmt != "speech":
        raise click.UsageError("--redact hoort bij --online (of bij --format speech, om te zien wat er online zou "
                               "gaan): zonder --online gaat er niets het internet op.")
    many = len(files) > 1 or any(f != "-" and os.path.isdir(f) for f in files)
    if not many:
        from eenvoudig.render import Notice, render_file

        stdout = _Stdout()
        for line in render_file(files[0], fmt, out_dir=out_dir, config=config, online=online, redact=redact,
                                slow=slow, simplify=not no_rewrite, encoding=encoding, wav=wav):
            click.echo(line, err=True) if isinstance(line, Notice) else stdout.echo(line)
        return
    printed = fmt in ("text", "speech") and out_dir is None
    if not printed:
        from eenvoudig.render import DEFAULT_OUT

        base = out_dir or DEFAULT_OUT
    letters = _letters(files, exclude, skip=[] if printed else [base])
    names = [x.path for x in letters]
    folders: list[Path | None] = [None] * len(names) if printed else \
        list(output_names(letters, base, lambda rel: rel.stem))
    if "-" in names:
        jobs = 1
    stdout = _Stdout()
    outcomes: list = []
    tasks = [(n, fmt, f, config, online, redact, slow, not no_rewrite, encoding, True, wav)
             for n, f in zip(names, folders)]
    with _progress(len(letters), "Brieven maken", quiet=not printed) as progress:
        for outcome in run_letters(render_letter, tasks, jobs, progress):
            outcomes.append(outcome)
            for note in outcome.notes:
                click.echo(note, err=True)
            if outcome.out:
                stdout.echo(outcome.out, nl=False)
    if not printed:
        for line in _summary(("brief", "map met de uitkomsten"), outcomes):
            click.echo(line)
    code = exit_code(outcomes)
    ctx.exit(code if code != EXIT_FINDINGS else EXIT_OK)


# -------------------------------------------------------------------------------------------- lint

LINT_FORMATS = ("text", "json", "sarif", "github", "junit")


@cli.command(short_help="Controleer sjablonen (Jinja2, Django) op taalniveau, voor CI.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True,
              help="text voor mensen; json, sarif, github of junit voor CI.")
@click.option("--target", type=click.Choice(TARGETS, case_sensitive=False), help="Gewenst taalniveau (standaard B1).")
@click.option("--fail-on", type=click.Choice(FAIL_ON + tuple(FAIL_ON_NL)),
              help="Geef exit-code 1 bij meldingen van dit niveau of hoger (tip, waarschuwing, fout of nooit).")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Toon alleen meldingen die niet in dit bestand staan (maak het met --write-baseline).")
@click.option("--write-baseline", is_flag=True, help="Schrijf alle meldingen van nu naar het --baseline-bestand.")
@click.option("--changed-since", metavar="REF", help="Toon alleen meldingen op regels die sinds deze git-versie veranderd zijn.")
@click.option("--exclude", multiple=True, metavar="PATROON", help="Sla deze bestanden over (zoals in .gitignore).")
@click.option("-j", "--jobs", type=_Range(min=0), default=1, show_default=True,
              help="Zoveel bestanden tegelijk controleren (0: alle processoren).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf de uitkomst naar dit bestand.")
@click.option("--snel", is_flag=True, default=None,
              help="Snelle modus voor veel brieven: zonder zinsontleding (iets minder precies).")
@click.pass_context
def lint(ctx: click.Context, paths: tuple[str, ...], fmt: str, target: str | None, fail_on: str | None,
         baseline: Path | None, write_baseline: bool, changed_since: str | None, exclude: tuple[str, ...],
         jobs: int, output: Path | None, snel: bool | None) -> None:
    """Controleer de tekst in sjablonen (Jinja2, Django) op taalniveau, voor CI.

    PADEN: mappen of bestanden (standaard: deze map). eenvoudig zoekt .j2, .jinja, .jinja2, .html, .txt,
    .md en .tpl. Meldingen wijzen naar de regel en kolom in het sjabloon zelf.
    """
    from eenvoudig.lint.formats import render as render_run, summary
    from eenvoudig.lint import apply_baseline, lint_paths, read_baseline, write_baseline as save_baseline

    if write_baseline and baseline is None:
        raise click.UsageError("--write-baseline hoort bij --baseline BESTAND.")
    config = _config(ctx).with_options(target=target.upper() if target else None,
                                       fail_on=FAIL_ON_NL.get(fail_on, fail_on) if fail_on else None, snel=snel)
    known = read_baseline(baseline) if baseline is not None and not write_baseline else None
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= 20 and sys.stderr.isatty():
            bar = click.progressbar(length=total, label="Sjablonen controleren", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done - bar.pos)

    try:
        run = lint_paths(paths or (".",), config, jobs=jobs, exclude=exclude, changed_since=changed_since,
                         progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for note in run.notes:
        click.echo(f"eenvoudig: let op: {note}", err=True)
    for error in [*run.errors, *(r.error for r in run.files if r.error)]:
        click.echo(f"eenvoudig: {error}", err=True)
    if write_baseline:
        n = save_baseline(run, baseline)
        click.echo(f"eenvoudig: {n} melding{'en' if n != 1 else ''} in de baseline {baseline} gezet. "
                   f"Voortaan tellen alleen nieuwe meldingen.", err=True)
        ctx.exit(EXIT_INPUT if run.has_errors else EXIT_OK)
    if known is not None:
        run = apply_baseline(run, known)
    text = render_run(run, fmt, fail_on=config.fail_on, color=fmt == "text" and output is None and _use_color())
    if output is not None:
        from eenvoudig.files import write_atomic

        write_atomic(output, text + "\n")
        click.echo(f"eenvoudig: {summary(run)} Uitkomst staat in {output}.", err=True)
    else:
        click.echo(text)
    ctx.exit(EXIT_INPUT if run.has_errors else EXIT_FINDINGS if run.fails(config.fail_on) else EXIT_OK)


# -------------------------------------------------------------------------------------------- demo


@cli.command()
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("eenvoudig-demo"),
              show_default=True, help="Map voor de uitkomsten.")
@click.pass_context
def demo(ctx: click.Context, out_dir: Path) -> None:
    """Laat alles zien op een voorbeeldbrief over bijzondere bijstand."""
    from eenvoudig.demo import run_demo

    for line in run_demo(out_dir, _config(ctx)):
        click.echo(line)


# ------------------------------------------------------------------------------------------- serve


@cli.command(short_help="Start de webpagina: brieven controleren en verbeteren in de browser.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adres om op te luisteren. 0.0.0.0: ook voor andere computers (zet dan --token).")
@click.option("--port", type=_Range(0, 65535), default=8000, show_default=True, help="Poort (0: een vrije poort).")
@click.option("--no-browser", is_flag=True, help="Open de browser niet vanzelf.")
@click.option("--token", envvar="EENVOUDIG_TOKEN", help="Toegangscode die collega's eerst moeten invullen "
              "(ook via EENVOUDIG_TOKEN).")
@click.option("--allow-online", is_flag=True, help="Bied de online stem van Google aan (per brief aan te vinken; "
              "persoonsgegevens gaan er eerst uit).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, no_browser: bool, token: str | None, allow_online: bool) -> None:
    """Start een webpagina waarop u een brief plakt of kiest, ziet wat moeilijk is en verbeteringen overneemt.

    De pagina bewaart niets: een brief staat alleen in het geheugen zolang de server ermee bezig is.
    """
    from eenvoudig.serve import Settings, is_loopback, run

    if not is_loopback(host) and not token:
        click.echo("eenvoudig: let op: iedereen die deze computer kan bereiken, kan de pagina gebruiken. "
                   "Zet een toegangscode met --token.", err=True)
    run(Settings(_config(ctx), token=token or None, allow_online=allow_online, loopback=is_loopback(host)),
        host=host, port=port, browser=not no_browser, say=lambda line: click.echo(line, err=True))


# ----------------------------------------------------------------------------------------- archief


@cli.command(short_help="Scoor een heel archief met brieven (Dask); uitkomst in Parquet en een overzicht.")
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Bestand voor de uitkomst (.parquet). Het overzicht komt ernaast (.html).")
@click.option("--workers", type=_Range(min=1),
              help="Zoveel werkers op deze computer (standaard: één per processor).")
@click.option("--scheduler", metavar="tcp://HOST:POORT",
              help="Gebruik een Dask-cluster die al draait. De werkers moeten de brieven op dezelfde plaats zien.")
@click.option("--snel", is_flag=True, default=None,
              help="Snelle modus voor veel brieven: zonder zinsontleding (iets minder precies).")
@click.option("--encoding", help="Lees tekst in deze codering (bijvoorbeeld cp1252) in plaats van UTF-8.")
@click.pass_context
def archief(ctx: click.Context, folders: tuple[str, ...], out: Path, workers: int | None, scheduler: str | None,
            snel: bool | None, encoding: str | None) -> None:
    """Scoor alle brieven in een of meer mappen: één regel per brief in een Parquet-bestand.

    Daarnaast komt een webpagina met het overzicht: hoeveel brieven elk niveau hebben, de moeilijkste
    brieven en de punten die het meest voorkomen, ook per map. Brieven die al in het bestand staan en niet
    veranderd zijn, slaat eenvoudig over. Zo kunt u een gestopte opdracht later afmaken.
    Nodig: pip install "eenvoudig[archief]".
    """
    from eenvoudig.archive import require_extra

    require_extra()
    if out.suffix.lower() != ".parquet":
        raise click.UsageError("de naam bij --out moet eindigen op .parquet, bijvoorbeeld resultaten.parquet.")
    if workers is not None and scheduler:
        raise click.UsageError("kies --workers (op deze computer) of --scheduler (een cluster), niet allebei.")
    from eenvoudig.archive import run_archive

    config = _config(ctx).with_options(snel=snel)

    def say(line: str) -> None:
        click.echo(line, err=True)

    run = run_archive(folders, out, config, workers=workers, scheduler=scheduler, encoding=encoding,
                      progress=sys.stderr.isatty(), say=say)
    say(f"eenvoudig: {run.letters} brieven in {run.out}: {run.scored} nu gescoord, {run.reused} overgenomen "
        f"uit de vorige keer.")
    if run.errors:
        say(f"eenvoudig: {run.errors} {'bestand was' if run.errors == 1 else 'bestanden waren'} niet te lezen; "
            "zie de kolom error en het overzicht.")
    say(f"eenvoudig: overzicht geschreven naar {run.html}.")
    ctx.exit(EXIT_INPUT if run.errors else EXIT_OK)


# -------------------------------------------------------------------------------------------- main


_USAGE_NL = (
    (r"No such command '(.+?)'\.?", "de opdracht '{0}' bestaat niet."),
    (r"No such option: (\S+)(?: Did you mean (\S+)\?| \(Possible options: ([^)]+)\))?", "de optie {0} bestaat niet."),
    (r"Missing argument '(.+?)'\.?", "er ontbreekt iets: {0}."),
    (r"Missing option '(.+?)'\.?", "de optie {0} is verplicht."),
    (r"Option '(.+?)' requires an argument\.?", "achter {0} hoort een waarde."),
    (r"Got unexpected extra arguments? \((.+)\)", "te veel argumenten: {0}."),
    (r"Invalid value for '(.+?)': Directory '(.+?)' is a file\.?", "'{1}' is een bestand; geef bij {0} een map."),
    (r"Invalid value for '(.+?)': File '(.+?)' is a directory\.?", "'{1}' is een map; geef bij {0} een bestand."),
    (r"Invalid value for '(.+?)': (?:File|Path|Directory) '(.+?)' does not exist\.?", "'{1}' bestaat niet ({0})."),
    (r"Invalid value for '(.+?)': '(.+?)' is not a valid (?:integer|float)(?: range)?\.?",
     "'{1}' is geen geldig getal voor {0}."),
    (r"Invalid value for '(.+?)': '?(.+?)'? is not one of (.+)\.", "'{1}' kan niet bij {0}; kies uit {2}."),
    (r"Invalid value for '(.+?)': (\S+) is not in the range (\S+) of meer\.?$", "{1} is te klein voor {0}: kies {2} of meer."),
    (r"Invalid value for '(.+?)': (\S+) is not in the range (\S+) tot en met (\S+?)\.?$",
     "{1} kan niet bij {0}: kies een getal van {2} tot en met {3}."),
    (r"Invalid value for '(.+?)': (\S+) is not in the range x>=(\S+?)\.?$", "{1} is te klein voor {0}: kies {2} of meer."),
    (r"Invalid value for '(.+?)': (\S+) is not in the range x<=(\S+?)\.?$", "{1} is te groot voor {0}: kies {2} of minder."),
    (r"Invalid value for '(.+?)': (\S+) is not in the range (\S+?)<=x<=(\S+?)\.?$",
     "{1} kan niet bij {0}: kies een getal van {2} tot en met {3}."),
    (r"Invalid value for '(.+?)': (.+)", "ongeldige waarde voor {0}: {1}"),
)


def _formats(ctx: click.Context | None) -> tuple[str, ...]:
    """Return the values the command's --format takes (none when it has no --format)."""
    if ctx is None:
        return ()
    for p in ctx.command.params:
        if "--format" in getattr(p, "opts", ()) and isinstance(p.type, click.Choice):
            return tuple(str(c) for c in p.type.choices)
    return ()


def usage_message(message: str, formats: Sequence[str] = ()) -> str:
    """Return click's English usage error in plain Dutch (unknown messages are passed on as they are).

    `formats` are the values of the command's --format: `--json` then gets the hint "--format json".
    """
    for pattern, dutch in _USAGE_NL:
        m = re.match(pattern, message.strip(), re.S)
        if m:
            text = dutch.format(*((g or "").rstrip(".").replace("' / '", " / ") for g in m.groups()))
            if pattern.startswith("Missing argument"):
                text = _dutch_metavars(text)      # the name the help shows: BESTANDEN, not FILES
            wanted = m.group(1).removeprefix("--").lower() if pattern.startswith("No such option") else ""
            if wanted and wanted in formats:
                text += f" Bedoelt u --format {wanted}?"
            elif "Did you mean" in message:
                hint = re.search(r"Did you mean (\S+?)\??$", message.strip())
                if hint:
                    text += f" Bedoelt u {hint.group(1)}?"
            elif "Possible options:" in message:
                hint = re.search(r"Possible options: ([^)]+)\)", message)
                if hint:
                    options = [o.strip() for o in hint.group(1).split(",")]
                    text += f" Bedoelt u {', '.join(options[:-1])} of {options[-1]}?"
            return text
    return message


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; turn our errors into one Dutch line and an exit code, never a traceback."""
    _stop_cleanly_on_signals()
    try:
        code = cli.main(args=argv, prog_name="eenvoudig", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)  # ctx.exit(n) comes back as a value when standalone_mode is off
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "eenvoudig"
        click.echo(f"eenvoudig: {usage_message(exc.format_message(), _formats(exc.ctx))}", err=True)
        click.echo(f"Hulp: {command} --help", err=True)
        sys.exit(EXIT_USAGE)
    except click.Abort:
        click.echo("eenvoudig: gestopt.", err=True)
        sys.exit(EXIT_INPUT)
    except EenvoudigError as exc:
        click.echo(f"eenvoudig: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # `eenvoudig … | head`: the reader has stopped; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        click.echo("eenvoudig: onderbroken.", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - last resort: a clear message instead of a traceback
        if os.environ.get("EENVOUDIG_DEBUG"):
            raise
        click.echo(f"eenvoudig: interne fout ({exc.__class__.__name__}: {exc}). Dit is een fout in eenvoudig; "
                   "meld het alstublieft. Zet EENVOUDIG_DEBUG=1 voor details.", err=True)
        sys.exit(EXIT_INTERNAL)


def _stop_cleanly_on_signals() -> None:
    """Make SIGTERM and SIGHUP end the run like Ctrl-C: temporary files are removed on the way out."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum, frame) -> None:  # noqa: ARG001
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


if __name__ == "__main__":  # pragma: no cover
    main()
