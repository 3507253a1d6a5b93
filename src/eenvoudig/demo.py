"""`eenvoudig demo`: the whole flow on the bundled sample letter, results in one folder."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Iterator

from eenvoudig.config import Config
from eenvoudig.files import write_atomic

DEMO_LETTER = "bijzondere-bijstand.txt"


def demo_letter() -> str:
    """Return the text of the bundled sample letter."""
    return (resources.files("eenvoudig") / "templates" / "demo" / DEMO_LETTER).read_text("utf-8")


def run_demo(out: Path, config: Config) -> Iterator[str]:
    """Run read → analyse → check on the sample letter and write the results; yield progress lines."""
    import eenvoudig
    from eenvoudig.cli import format_report, reports_to_json

    out.mkdir(parents=True, exist_ok=True)
    yield f"Voorbeeldbrief: {DEMO_LETTER} (een ambtelijke brief over bijzondere bijstand)"
    source = demo_letter()
    write_atomic(out / "brief-origineel.txt", source)
    doc = eenvoudig.read_text(source, path=DEMO_LETTER)
    report = eenvoudig.check(eenvoudig.analyze(doc), config)
    write_atomic(out / "rapport.txt", format_report(report) + "\n")
    write_atomic(out / "rapport.json", json.dumps(reports_to_json([report]), ensure_ascii=False, indent=2) + "\n")
    sc = report.score
    yield (f"Leesniveau: {sc.label}, moeilijkheid {sc.difficulty:.0f} van 100 "
           f"({'goed' if sc.passed else 'nog niet goed'} voor {sc.target}); {len(report.findings)} verbeterpunten.")
    yield f"  {out / 'rapport.txt'}   het rapport om te lezen"
    yield f"  {out / 'rapport.json'}  hetzelfde rapport voor programma's"
    yield f"Klaar. Alles staat in de map {out}/"
