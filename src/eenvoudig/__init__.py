"""eenvoudig: make Dutch municipal letters easy to understand.

The flow is a chain of plain functions over frozen values::

    doc = eenvoudig.read("brief.docx")          # Document
    analysis = eenvoudig.analyze(doc)           # Analysis (sentences, tokens, lemmas, …)
    report = eenvoudig.check(analysis)          # Report (score + findings)
    result = eenvoudig.rewrite(analysis)        # Rewrite (text + edits)
    plain = eenvoudig.prepare("brief.docx")     # the simplified letter, analysed, ready to render
    eenvoudig.render_sheet(plain, out_dir)      # easy-read pages; also render_pdf, render_html

Importing this package is cheap: spaCy is loaded only when something is analysed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it. Loaded on first use, so `import eenvoudig` stays fast.
_EXPORTS = {
    "Analysis": "eenvoudig.analysis",
    "Config": "eenvoudig.config",
    "DataError": "eenvoudig.errors",
    "Document": "eenvoudig.document",
    "EenvoudigError": "eenvoudig.errors",
    "Finding": "eenvoudig.checks",
    "InputError": "eenvoudig.errors",
    "Edit": "eenvoudig.rewriting",
    "Report": "eenvoudig.checks",
    "Rewrite": "eenvoudig.rewriting",
    "Score": "eenvoudig.checks.score",
    "analyze": "eenvoudig.analysis",
    "assert_leesbaar": "eenvoudig.integrations",
    "check_rendered": "eenvoudig.integrations",
    "prepare": "eenvoudig.render",
    "render_html": "eenvoudig.render",
    "render_pdf": "eenvoudig.render",
    "render_sheet": "eenvoudig.render",
    "speech_text": "eenvoudig.speech",
    "check": "eenvoudig.checks",
    "check_text": "eenvoudig.checks",
    "load_config": "eenvoudig.config",
    "load_pipeline": "eenvoudig.analysis.pipeline",
    "read": "eenvoudig.document",
    "read_text": "eenvoudig.document",
    "rewrite": "eenvoudig.rewriting",
}

__all__ = sorted([*_EXPORTS, "__version__"])

if TYPE_CHECKING:  # pragma: no cover
    from eenvoudig.analysis import Analysis, analyze
    from eenvoudig.analysis.pipeline import load_pipeline
    from eenvoudig.checks import Finding, Report, check, check_text
    from eenvoudig.config import Config, load_config
    from eenvoudig.document import Document, read, read_text
    from eenvoudig.errors import DataError, EenvoudigError, InputError
    from eenvoudig.integrations import assert_leesbaar, check_rendered
    from eenvoudig.render import prepare, render_html, render_pdf, render_sheet
    from eenvoudig.rewriting import Edit, Rewrite, rewrite
    from eenvoudig.speech import speech_text
    from eenvoudig.checks.score import Score


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'eenvoudig' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
