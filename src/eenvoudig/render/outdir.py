"""The output folder of `render` and `demo`: never overwrite or delete a file eenvoudig did not make.

`render --out uit/` writes fixed names (brief.html, pictogrammenblad-01.png, brief.mp3, zinnen/zin-001.mp3
…) and removes pages and sentence files left over from a longer letter. A user may keep their own files
in that folder, with the same names. So eenvoudig keeps a list of the files it wrote in the folder
(`.eenvoudig-bestanden.json`): a file on that list may be replaced or removed; any other file with one of
our names stops the run before anything is written (a Dutch message, exit code 3). A `zinnen` that is a
link to another folder is refused too: eenvoudig would write (and delete) there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from eenvoudig.errors import InputError
from eenvoudig.files import make_folder, write_atomic

MANIFEST = ".eenvoudig-bestanden.json"


class OutDir:
    """A folder eenvoudig writes into, with the list of the files it wrote there earlier."""

    def __init__(self, path: Path | str) -> None:
        self.path = make_folder(path)
        self.ours = self._load()

    def _load(self) -> set[str]:
        try:
            data = json.loads((self.path / MANIFEST).read_text("utf-8"))
            return {str(n) for n in data.get("bestanden", []) if isinstance(n, str)}
        except (OSError, ValueError, AttributeError):
            return set()

    def claim(self, names: Iterable[str]) -> None:
        """Check that every name may be written: it does not exist, or eenvoudig wrote it. Raise InputError if not."""
        foreign = []
        for name in names:
            target = self.path / name
            parent = target.parent
            if parent != self.path and parent.is_symlink():
                raise InputError(f"{parent}: deze map is een snelkoppeling (link) naar een andere map; eenvoudig "
                                 "schrijft daar niet. Kies met --out een andere map.")
            if (target.exists() or target.is_symlink()) and name not in self.ours:
                foreign.append(name)
        if foreign:
            shown = ", ".join(foreign[:3]) + (f" en nog {len(foreign) - 3}" if len(foreign) > 3 else "")
            raise InputError(f"{self.path}: hier staan al bestanden met dezelfde naam die eenvoudig niet gemaakt "
                             f"heeft ({shown}). eenvoudig overschrijft die niet. Kies met --out een andere map, "
                             "of verplaats die bestanden eerst.")

    def write(self, name: str, data: str | bytes) -> Path:
        """Write one file (atomically) and put it on the list."""
        target = self.path / name
        write_atomic(target, data)
        self.wrote([name])
        return target

    def wrote(self, names: Iterable[str]) -> None:
        """Put names on the list of files eenvoudig wrote here."""
        before = set(self.ours)
        self.ours.update(names)
        if self.ours != before:
            self._save()

    def remove_ours(self, names: Iterable[str]) -> None:
        """Remove files eenvoudig wrote earlier (left over from a longer letter); never any other file."""
        gone = []
        for name in names:
            if name in self.ours:
                try:
                    os.unlink(self.path / name)
                except FileNotFoundError:
                    pass
                except OSError:
                    continue
                gone.append(name)
        if gone:
            self.ours.difference_update(gone)
            self._save()

    def _save(self) -> None:
        data = {"schema_version": 1, "uitleg": "Bestanden die eenvoudig in deze map schreef; alleen die mag het "
                "overschrijven of weghalen.", "bestanden": sorted(self.ours)}
        try:
            write_atomic(self.path / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        except InputError:
            pass  # a list we cannot write only means the next run asks again
