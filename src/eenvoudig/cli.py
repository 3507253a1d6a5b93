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
from pathlib import Path
from typing import Any

import click

from eenvoudig import __version__
from eenvoudig.config import FAIL_ON, FAIL_ON_NL, TARGETS, Config, load_config
from eenvoudig.errors import EenvoudigError, InputError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3, 4
SEVERITY_NL = {"info": "tip", "warning": "waarschuwing", "error": "fout"}
SEVERITY_COLOR = {"info": "cyan", "warning": "yellow", "error": "red"}


def _config(ctx: click.Context) -> Config:
    return ctx.obj["config"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


def format_report(report, *, color: bool = False, kind: str = "txt") -> str:
    """Return a report as text for people: level and key metrics first, then the findings."""
    from eenvoudig.checks import SEVERITIES

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    sc = report.score
    m = sc.metrics
    lines = [style(report.path, bold=True)]
    verdict = style(f"goed voor {sc.target}", fg="green", bold=True) if sc.passed else style(
        f"nog niet goed voor {sc.target}", fg="red", bold=True)
    lines.append(f"  Niveau {sc.level} van 4: {sc.label}. Moeilijkheid {sc.difficulty:.0f} van 100: {verdict}.")

    def nl(x: float | None, digits: int = 1) -> str:
        return "-" if x is None else f"{x:.{digits}f}".replace(".", ",")

    if m.get("words"):
        lines.append(f"  {m['sentences']} {'zin' if m['sentences'] == 1 else 'zinnen'}, {m['words']} "
                     f"{'woord' if m['words'] == 1 else 'woorden'}. Woorden per zin: gemiddeld "
                     f"{nl(m['words_per_sentence'])}, 90% heeft er hooguit {m['words_per_sentence_p90']:.0f}, "
                     f"de langste {m['words_per_sentence_max']}.")
        lines.append(f"  Moeilijke woorden: {nl(m['difficult_words_pct'])}%. Lijdende vorm: {nl(m['passive_pct'], 0)}% van de zinnen.")
        lines.append(f"  Klassieke formules (alleen ter vergelijking): Flesch-Douma {nl(m['flesch_douma'], 0)}, "
                     f"Brouwer {nl(m['brouwer'], 0)}, LIX {nl(m['lix'], 0)}.")
    counts = report.counts()
    lines.append("  " + ", ".join(f"{counts[s]} {SEVERITY_NL[s]}{'en' if counts[s] != 1 and s != 'info' else ('s' if counts[s] != 1 else '')}"
                                  for s in reversed(SEVERITIES)))
    where = "alinea" if kind == "docx" else "regel"
    blocks = report.analysis.document.blocks
    explained: set[str] = set()

    def finding_lines(f) -> list[str]:
        label = style(SEVERITY_NL[f.severity], fg=SEVERITY_COLOR[f.severity], bold=True)
        out = [f"    {label}  {f.message}  [{f.rule}]"]
        if f.suggestions and not f.rule.startswith("lexicon."):
            out.append(f"      Voorstel: {', '.join(f.suggestions)}")
        if f.why and f.rule not in explained:
            explained.add(f.rule)
            out.append(style(f"      Waarom: {f.why}", dim=True))
        return out

    whole = [f for f in report.findings if f.block < 0]
    if whole:
        lines += ["", "  Hele tekst"]
        for f in whole:
            lines += finding_lines(f)
    sentences = report.analysis.sentences
    levels = {id(s): lvl for s, lvl in zip(report.analysis.scored, sc.sentence_levels)}
    level_words = {1: "eenvoudig", 2: "redelijk eenvoudig", 3: "moeilijk", 4: "erg moeilijk"}
    groups: dict[int, list] = {}
    for f in report.findings:
        if f.block < 0:
            continue
        k = next((i for i, s in enumerate(sentences) if s.block == f.block and s.start <= f.start < s.end + 1), -1)
        groups.setdefault(k, []).append(f)
    for k in sorted(groups):
        fs = groups[k]
        first = fs[0]
        if kind == "docx":
            place = blocks[first.block].place or f"alinea {blocks[first.block].paragraph}"
        else:
            line, col = (report.analysis.position(sentences[k].block, sentences[k].start) if k >= 0
                         else (first.line, first.column))
            place = f"{where} {line}" + (f", kolom {col}" if col > 1 else "")
        level = levels.get(id(sentences[k])) if k >= 0 else None
        if level is not None:
            place += f"  (zin: {level_words[level]})"
        lines += ["", style(f"  {place}", bold=True)]
        if k >= 0:
            lines.append(f"    > {_marked(sentences[k], [f for f in fs if f.end - f.start < sentences[k].end - sentences[k].start], color)}")
        for f in sorted(fs, key=lambda f: (-["info", "warning", "error"].index(f.severity), f.start)):
            lines += finding_lines(f)
    return "\n".join(lines)


def _marked(sentence, findings: list, color: bool) -> str:
    """Quote a sentence with the words of its findings marked (underlined, or «…» without colour)."""
    text = sentence.text
    spans = sorted({(max(0, f.start - sentence.start), min(len(text), f.end - sentence.start)) for f in findings})
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out.append(re.sub(r"\s+", " ", text[pos:a]))
        mid = re.sub(r"\s+", " ", text[a:b])
        out.append(click.style(mid, underline=True, bold=True) if color else f"«{mid}»")
        pos = b
    out.append(re.sub(r"\s+", " ", text[pos:]))
    return "".join(out).strip()


def _exit_for(reports: list, fail_on: str, had_input_error: bool) -> int:
    if had_input_error:
        return EXIT_INPUT
    return EXIT_FINDINGS if any(r.fails(fail_on) for r in reports) else EXIT_OK


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text voor mensen, json voor programma's.")
@click.option("--target", type=click.Choice(TARGETS, case_sensitive=False), help="Gewenst taalniveau (standaard B1).")
@click.option("--fail-on", type=click.Choice(FAIL_ON + tuple(FAIL_ON_NL)),
              help="Geef exit-code 1 bij bevindingen van dit niveau of hoger (tip, waarschuwing, fout of nooit).")
@click.option("--encoding", help="Lees tekst in deze codering (bijvoorbeeld cp1252) in plaats van UTF-8.")
@click.option("--snel", is_flag=True, default=None,
              help="Snelle modus voor veel brieven: zonder zinsontleding (iets minder precies).")
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], fmt: str, target: str | None, fail_on: str | None,
          encoding: str | None, snel: bool | None) -> None:
    """Meet het leesniveau van brieven en laat zien wat beter kan.

    FILES: .docx, .txt, .md of .html; gebruik - voor standaardinvoer.
    """
    import eenvoudig

    config = _config(ctx).with_options(target=target.upper() if target else None,
                                       fail_on=FAIL_ON_NL.get(fail_on, fail_on) if fail_on else None, snel=snel)
    reports, input_error = [], False
    color = _use_color()
    for name in files:
        try:
            size = Path(name).stat().st_size if name != "-" and Path(name).is_file() else 0
            if size > 300_000:
                mb = f"{size / 1048576:.1f}".replace(".", ",")
                click.echo(f"eenvoudig: {name} is een lang bestand ({mb} MB); dat kan een minuut duren.", err=True)
            doc = eenvoudig.read(name, encoding=encoding, max_bytes=config.max_bytes)
            report = eenvoudig.check(eenvoudig.analyze(doc, config.backend), config)
        except InputError as exc:
            click.echo(f"eenvoudig: {exc}", err=True)
            input_error = True
            continue
        reports.append(report)
        if fmt == "text":
            click.echo(format_report(report, color=color, kind=doc.kind))
            click.echo("")
    if fmt == "json":
        click.echo(json.dumps(reports_to_json(reports), ensure_ascii=False, indent=2))
    ctx.exit(_exit_for(reports, config.fail_on, input_error))


def reports_to_json(reports: list) -> dict:
    """Return the JSON document for a list of reports (schema_version 1)."""
    from eenvoudig.checks import SCHEMA_VERSION

    return {"schema_version": SCHEMA_VERSION, "tool": {"name": "eenvoudig", "version": __version__},
            "files": [r.to_dict() for r in reports]}


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
    click.echo(f"  Automatisch vervangen: {'ja' if entry.veilig else 'nee, alleen als voorstel'}")
    if entry.uitleg:
        click.echo(f"  Uitleg: {entry.uitleg}")
    if entry.uitspraak:
        click.echo(f"  Uitspraak: {entry.uitspraak}")
    click.echo(f"  Bron: {entry.bron} ({entry.where})")


# ----------------------------------------------------------------------------------------- rewrite


@cli.command(name="rewrite")
@click.argument("file", type=click.Path(path_type=str))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Schrijf de eenvoudige versie naar dit bestand (.docx blijft .docx).")
@click.option("--diff", "show_diff", is_flag=True, help="Toon de veranderingen (unified diff).")
@click.option("--fix", is_flag=True, help="Verander het bestand zelf (veilig: eerst een tijdelijk bestand).")
@click.option("--backup", is_flag=True, help="Bewaar met --fix eerst een kopie: BESTAND.bak.")
@click.option("--unsafe", is_flag=True, help="Voer ook voorstellen uit die niet altijd goed zijn (uitleg, zinnen splitsen).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", help="Lees tekst in deze codering (bijvoorbeeld cp1252) in plaats van UTF-8.")
@click.pass_context
def rewrite_cmd(ctx: click.Context, file: str, output: Path | None, show_diff: bool, fix: bool, backup: bool,
                unsafe: bool, fmt: str, encoding: str | None) -> None:
    """Herschrijf een brief in eenvoudiger Nederlands; elke verandering is te zien.

    Zonder opties ziet u de eenvoudige tekst. Alleen vervangingen die altijd goed zijn, worden
    uitgevoerd; de andere ziet u als voorstel.
    """
    import eenvoudig
    from eenvoudig.files import write_atomic
    from eenvoudig.rewriting import docx_with_edits, rewrite

    config = _config(ctx)
    if backup and not fix:
        raise click.UsageError("--backup hoort bij --fix.")
    if fix and output is not None:
        raise click.UsageError("kies --fix (het bestand zelf veranderen) of -o (een nieuw bestand), niet allebei.")
    if output is not None and output.suffix.lower() == ".docx" and not file.lower().endswith(".docx"):
        raise click.UsageError("alleen een Word-bestand (.docx) kan als .docx terugkomen; kies een .txt-naam.")
    if fix and file == "-":
        raise click.UsageError("--fix kan niet met standaardinvoer (-).")
    doc = eenvoudig.read(file, encoding=encoding, max_bytes=config.max_bytes)
    result = rewrite(eenvoudig.analyze(doc, config.backend), config, unsafe=unsafe)
    target = Path(file) if fix else output
    if target is not None:
        if fix and not Path(file).is_file():
            raise InputError(f"{file}: het bestand is verdwenen; er is niets veranderd.")
        if fix and not os.access(file, os.W_OK):
            raise InputError(f"{file}: het bestand is alleen-lezen; er is niets veranderd.")
        if doc.kind == "docx" and target.suffix.lower() == ".docx":
            data = docx_with_edits(Path(file).read_bytes(), result.applied)
        else:
            data = result.text.encode(encoding or "utf-8") if doc.kind != "docx" else result.text.encode("utf-8")
        if fix and backup:
            write_atomic(Path(f"{file}.bak"), Path(file).read_bytes())
        write_atomic(target, data)
    if fmt == "json":
        payload = {"schema_version": 1, **result.to_dict()}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif show_diff:
        click.echo(result.diff(Path(file).name if file != "-" else "invoer"), nl=False)
    elif target is None:
        click.echo(result.text, nl=not result.text.endswith("\n"))
    n_applied, n_suggested = len(result.applied), len(result.suggested)
    msg = f"eenvoudig: {n_applied} {'verandering' if n_applied == 1 else 'veranderingen'} uitgevoerd"
    if n_suggested:
        msg += (f"; {n_suggested} {'voorstel' if n_suggested == 1 else 'voorstellen'} niet automatisch "
                f"(zie 'eenvoudig check'" + (", of gebruik --unsafe)" if not unsafe else ")"))
    if target is not None:
        msg += f"; geschreven naar {target}"
    click.echo(msg + ".", err=True)


# ------------------------------------------------------------------------------------------ render

RENDER_FORMATS = ("text", "html", "sheet", "pdf", "speech", "audio")


@cli.command()
@click.argument("file", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(RENDER_FORMATS), default="text", show_default=True,
              help="text: eenvoudige tekst; html: webpagina; sheet: pictogrammenblad (png); pdf: hetzelfde als pdf; "
                   "speech: de tekst zoals die wordt uitgesproken; audio: mp3 en wav.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Map voor de bestanden (standaard: tekst naar het scherm, bestanden in ./eenvoudig-uitvoer).")
@click.option("--online", is_flag=True, help="Gebruik de online stem van Google (gTTS). Alleen met uw toestemming.")
@click.option("--redact", is_flag=True, help="Vervang persoonsgegevens door neutrale woorden voordat tekst online gaat.")
@click.option("--slow", is_flag=True, help="Spreek langzamer.")
@click.option("--no-rewrite", is_flag=True, help="Gebruik de brief zoals hij is, zonder eerst te vereenvoudigen.")
@click.option("--encoding", help="Lees tekst in deze codering (bijvoorbeeld cp1252) in plaats van UTF-8.")
@click.pass_context
def render(ctx: click.Context, file: str, fmt: str, out_dir: Path | None, online: bool, redact: bool, slow: bool,
           no_rewrite: bool, encoding: str | None) -> None:
    """Maak van een brief eenvoudige tekst, een webpagina, een pictogrammenblad of audio."""
    from eenvoudig.render import Notice, render_file

    config = _config(ctx)
    if redact and not online:
        raise click.UsageError("--redact hoort bij --online: zonder --online gaat er niets het internet op.")
    for line in render_file(file, fmt, out_dir=out_dir, config=config, online=online, redact=redact, slow=slow,
                            simplify=not no_rewrite, encoding=encoding):
        click.echo(line, err=isinstance(line, Notice))


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
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Zoveel bestanden tegelijk controleren (0: alle processoren).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Schrijf de uitkomst naar dit bestand.")
@click.option("--snel", is_flag=True, default=None,
              help="Snelle modus voor veel brieven: zonder zinsontleding (iets minder precies).")
@click.pass_context
def lint(ctx: click.Context, paths: tuple[str, ...], fmt: str, target: str | None, fail_on: str | None,
         baseline: Path | None, write_baseline: bool, changed_since: str | None, exclude: tuple[str, ...],
         jobs: int, output: Path | None, snel: bool | None) -> None:
    """Controleer de tekst in sjablonen (Jinja2, Django) op taalniveau, voor CI.

    PATHS: mappen of bestanden (standaard: deze map). eenvoudig zoekt .j2, .jinja, .jinja2, .html, .txt,
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
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("eenvoudig-demo"),
              show_default=True, help="Map voor de uitkomsten.")
@click.pass_context
def demo(ctx: click.Context, out_dir: Path) -> None:
    """Laat alles zien op een voorbeeldbrief over bijzondere bijstand."""
    from eenvoudig.demo import run_demo

    for line in run_demo(out_dir, _config(ctx)):
        click.echo(line)


# -------------------------------------------------------------------------------------------- main


_USAGE_NL = (
    (r"No such command '(.+?)'\.?", "de opdracht '{0}' bestaat niet."),
    (r"No such option: (\S+)(?: Did you mean (\S+)\?)?", "de optie {0} bestaat niet."),
    (r"Missing argument '(.+?)'\.?", "er ontbreekt iets: {0}."),
    (r"Missing option '(.+?)'\.?", "de optie {0} is verplicht."),
    (r"Option '(.+?)' requires an argument\.?", "achter {0} hoort een waarde."),
    (r"Got unexpected extra arguments? \((.+)\)", "te veel argumenten: {0}."),
    (r"Invalid value for '(.+?)': Directory '(.+?)' is a file\.?", "'{1}' is een bestand; geef bij {0} een map."),
    (r"Invalid value for '(.+?)': (?:File|Path|Directory) '(.+?)' does not exist\.?", "'{1}' bestaat niet ({0})."),
    (r"Invalid value for '(.+?)': '(.+?)' is not a valid (?:integer|float)(?: range)?\.?",
     "'{1}' is geen geldig getal voor {0}."),
    (r"Invalid value for '(.+?)': '?(.+?)'? is not one of (.+)\.", "'{1}' kan niet bij {0}; kies uit {2}."),
    (r"Invalid value for '(.+?)': (.+)", "ongeldige waarde voor {0}: {1}"),
)


def usage_message(message: str) -> str:
    """Return click's English usage error in plain Dutch (unknown messages are passed on as they are)."""
    for pattern, dutch in _USAGE_NL:
        m = re.match(pattern, message.strip(), re.S)
        if m:
            text = dutch.format(*((g or "").rstrip(".").replace("' / '", " / ") for g in m.groups()))
            if "Did you mean" in message:
                hint = re.search(r"Did you mean (\S+?)\??$", message.strip())
                if hint:
                    text += f" Bedoelt u {hint.group(1)}?"
            return text
    return message


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; turn our errors into one Dutch line and an exit code, never a traceback."""
    try:
        code = cli.main(args=argv, prog_name="eenvoudig", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)  # ctx.exit(n) comes back as a value when standalone_mode is off
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "eenvoudig"
        click.echo(f"eenvoudig: {usage_message(exc.format_message())}", err=True)
        click.echo(f"Hulp: {command} --help", err=True)
        sys.exit(EXIT_USAGE)
    except click.Abort:
        click.echo("eenvoudig: gestopt.", err=True)
        sys.exit(EXIT_INPUT)
    except EenvoudigError as exc:
        click.echo(f"eenvoudig: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
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


if __name__ == "__main__":  # pragma: no cover
    main()
