"""`eenvoudig demo`: the whole flow on the bundled sample letter, results in one folder."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Iterator

from eenvoudig.config import Config

DEMO_LETTER = "bijzondere-bijstand.txt"
DEMO_FILES = ("brief-origineel.txt", "rapport.txt", "rapport.json", "brief-eenvoudig.txt", "brief.diff")


def demo_letter() -> str:
    """Return the text of the bundled sample letter."""
    return (resources.files("eenvoudig") / "templates" / "demo" / DEMO_LETTER).read_text("utf-8")


def run_demo(out: Path, config: Config) -> Iterator[str]:
    """Run read → analyse → check on the sample letter and write the results; yield progress lines."""
    import eenvoudig
    from eenvoudig.checks.text import format_report, reports_to_json
    from eenvoudig.render.outdir import OutDir

    folder = OutDir(out)               # never overwrites a file of the same name that eenvoudig did not make
    folder.claim(DEMO_FILES)
    yield f"Voorbeeldbrief: {DEMO_LETTER} (een ambtelijke brief over bijzondere bijstand)"
    source = demo_letter()
    write = folder.write
    write("brief-origineel.txt", source)
    doc = eenvoudig.read_text(source, path=DEMO_LETTER)
    report = eenvoudig.check(eenvoudig.analyze(doc, config.backend), config)
    write("rapport.txt", format_report(report) + "\n")
    write("rapport.json", json.dumps(reports_to_json([report]), ensure_ascii=False, indent=2) + "\n")
    sc = report.score
    yield (f"1. Controleren. Leesniveau: {sc.label}, moeilijkheid {sc.difficulty:.0f} van 100 "
           f"({'goed' if sc.passed else 'nog niet goed'} voor {sc.target}); {len(report.findings)} verbeterpunten.")
    yield f"     {out / 'rapport.txt'}   het rapport om te lezen"
    yield f"     {out / 'rapport.json'}  hetzelfde rapport voor programma's"

    from eenvoudig.rewriting import rewrite

    result = rewrite(report.analysis, config)
    write("brief-eenvoudig.txt", result.text)
    write("brief.diff", result.diff(DEMO_LETTER))
    after = eenvoudig.check(eenvoudig.analyze(eenvoudig.read_text(result.text, path="brief-eenvoudig.txt"), config.backend), config)
    from eenvoudig.rewriting import kind_summary

    yield (f"2. Herschrijven. {len(result.applied)} veranderingen ({kind_summary(result.applied) or 'geen'}); "
           f"{len(result.suggested)} voorstellen om zelf te bekijken. Moeilijkheid nu {after.score.difficulty:.0f} van 100.")
    yield f"     {out / 'brief-eenvoudig.txt'}  de brief met gewone woorden"
    yield f"     {out / 'brief.diff'}  wat er veranderd is"
    yield ("   Lange zinnen en de lijdende vorm verandert eenvoudig alleen als de nieuwe zin goed is; "
           "de rest wijst het rapport aan.")

    from eenvoudig.render import audio_files, easy_read, write_html, write_pdf, write_sheet

    er = easy_read(after.analysis)
    pages = write_sheet(er, out)
    pdf = write_pdf(er, out)
    yield (f"3. Pictogrammen. {sum(1 for line in er.lines if line.picture is not None)} van de {len(er.lines)} "
           f"regels op het blad hebben een plaatje.")
    page_word = "pagina" if len(pages) == 1 else "pagina's"
    yield f"     {pages[0].parent / 'pictogrammenblad-*.png'}  {len(pages)} {page_word} om te bekijken"
    yield f"     {pdf}  om te printen"
    from eenvoudig.speech import write_audio

    yield "4. Voorlezen (zonder internet, met espeak-ng)."
    for line in write_audio(after.analysis, out, config=config, wav=False):
        yield f"     {line}"
    html = write_html(er, out, audio=audio_files(out, after.analysis))
    yield f"     {html}  een webpagina met alle zinnen, plaatjes en een knop om elke zin te horen"
    yield f"Klaar. Alles staat in de map {out}/"
