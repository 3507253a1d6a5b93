"""Writing files safely: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from eenvoudig.errors import InputError


def write_atomic(path: Path | str, data: str | bytes) -> None:
    """Write `data` to `path` so that the file is either the old one or the whole new one, never half."""
    with open_atomic(path) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def open_atomic(path: Path | str) -> Iterator[BinaryIO]:
    """Open `path` to write a large file in pieces; it appears whole when the block ends, or not at all."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError(f"{path}: de map {folder} bestaat niet.") from None
    except PermissionError:
        raise InputError(f"{path}: u mag niet schrijven in de map {folder}.") from None
    f = os.fdopen(fd, "wb")
    try:
        yield f
        f.flush()
        os.fsync(f.fileno())
        f.close()
        if mode is None:  # a new file: the usual permissions (mkstemp makes it private)
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        f.close()
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"{path}: kan het bestand niet schrijven ({exc.strerror or exc}). "
                             "Er is niets veranderd.") from None
        raise
