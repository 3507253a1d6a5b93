"""`eenvoudig demo`: the whole flow on the bundled letter, results in one folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PIL import Image


def test_demo_writes_every_result(run_main, tmp_path: Path) -> None:
    out = tmp_path / "uitkomst"
    result = run_main("demo", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Klaar." in result.stdout
    report = json.loads((out / "rapport.json").read_text(encoding="utf-8"))
    assert report["schema_version"] == 1
    score = report["files"][0]["score"]
    assert score["level"] == 4 and not score["passed"]  # the sample letter is officialese on purpose
    original = (out / "brief-origineel.txt").read_text(encoding="utf-8")
    simple = (out / "brief-eenvoudig.txt").read_text(encoding="utf-8")
    assert "Indien" in original and "Indien" not in simple and "€ 450,00" in simple
    diff = (out / "brief.diff").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("-") and "Indien de aankoopnota" in line for line in diff)
    assert any(line.startswith("+") and "Als de aankoopnota" in line for line in diff)
    assert (out / "rapport.txt").read_text(encoding="utf-8").startswith("bijzondere-bijstand.txt")
    pages = sorted(out.glob("pictogrammenblad-*.png"))
    assert pages and all(Image.open(p).size == (1240, 1754) for p in pages)
    pdf = (out / "pictogrammenblad.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(pages)
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html and "Uw aanvraag bijzondere bijstand" in html
    assert (out / "brief.mp3").stat().st_size > 10_000
    assert "<audio" in html and (out / "zinnen").is_dir()
