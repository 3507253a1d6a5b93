"""Errors of eenvoudig. Every message is plain Dutch and says what, where and the probable cause.

    EenvoudigError            base; exit code 4 unless a subclass says otherwise
    ├── InputError            a file we cannot read (empty, binary, wrong encoding, too big) → exit 3
    ├── DataError             a broken data file (lexicon, rules, pictograms, config) → exit 3
    ├── TemplateError         a template that cannot be parsed or rendered → exit 3
    ├── SpeechError           speech could not be made (library missing, online voice failed) → exit 3
    └── PrivacyError          personal data would be sent to an online service → exit 3
"""

from __future__ import annotations


class EenvoudigError(Exception):
    """Base class; `str(error)` is the one-line Dutch message for the user."""

    exit_code = 4


class InputError(EenvoudigError):
    """A user file that cannot be read as a letter."""

    exit_code = 3


class DataError(EenvoudigError):
    """A data or config file with an error, located as `path:line: message`."""

    exit_code = 3


class TemplateError(EenvoudigError):
    """A template that cannot be parsed or rendered."""

    exit_code = 3


class SpeechError(EenvoudigError):
    """Speech could not be made."""

    exit_code = 3


class PrivacyError(EenvoudigError):
    """Personal data would leave the computer."""

    exit_code = 3
