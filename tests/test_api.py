"""The public API: a sorted __all__ of importable names, and a cheap `import eenvoudig`."""

from __future__ import annotations

import subprocess
import sys

import eenvoudig


def test_all_is_sorted_and_unique() -> None:
    assert eenvoudig.__all__ == sorted(set(eenvoudig.__all__))


def test_every_public_name_is_importable() -> None:
    for name in eenvoudig.__all__:
        assert getattr(eenvoudig, name) is not None, name
    namespace: dict = {}
    exec(f"from eenvoudig import {', '.join(eenvoudig.__all__)}", namespace)  # noqa: S102
    assert set(eenvoudig.__all__) <= set(namespace)


def test_the_flow_functions_are_public() -> None:
    for name in ("read", "read_text", "analyze", "check", "check_text", "load_config", "Document", "Analysis",
                 "Report", "Finding", "Score", "Config", "EenvoudigError", "InputError", "DataError"):
        assert name in eenvoudig.__all__


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        eenvoudig.bestaat_niet  # noqa: B018
    except AttributeError as exc:
        assert "bestaat_niet" in str(exc)
    else:
        raise AssertionError("eenvoudig.bestaat_niet should not exist")


def test_version() -> None:
    import re

    assert re.fullmatch(r"\d+\.\d+\.\d+.*", eenvoudig.__version__)


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    return set(out.split())


def test_import_does_not_import_spacy() -> None:
    modules = _modules_after("import eenvoudig")
    assert "eenvoudig" in modules
    assert not {m for m in modules if m.split(".")[0] in ("spacy", "thinc", "wordfreq", "pyphen", "docx")}


def test_reading_a_letter_does_not_import_spacy(tmp_path) -> None:
    f = tmp_path / "brief.txt"
    f.write_text("Geachte heer Jansen,\n\nWij betalen u.\n", encoding="utf-8")
    modules = _modules_after(f"import eenvoudig\ndoc = eenvoudig.read({str(f)!r})\nassert doc.blocks")
    assert "spacy" not in modules
