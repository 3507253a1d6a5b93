"""Writing files safely.

* `open_atomic` / `write_atomic`: a new file appears whole or not at all. On Linux the data is first
  written to an unnamed file (O_TMPFILE) that the kernel removes if the process dies, so a crash or a
  `kill -9` leaves no half file and no copy of the letter behind; elsewhere a private temporary file in
  the same folder is removed on any error, interrupt or SIGTERM.
* `replace_file`: change a user's file (`rewrite --fix`) and keep what makes it theirs: it writes through
  a symlink to its target, keeps owner, group and mode, and keeps hard links (see there for the choice
  between an atomic rename and writing into the same file).
* `numbered_backup`: `brief.txt.~1~`, `~2~` …: the first original is never overwritten.
* `locked`: one `--fix` at a time per file.
* `edit_source_bytes`: apply edits to the file's own bytes, so line endings (CRLF, CR, mixed), a byte
  order mark and the encoding (UTF-16 stays UTF-16) stay as they were.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator, Sequence

from eenvoudig.errors import InputError


def write_atomic(path: Path | str, data: str | bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` so that the file is either the old one or the whole new one, never half."""
    with open_atomic(path, mode=mode) as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


# The system's reason for a failed read or write is English ("Read-only file system"); say it in Dutch.
_REASONS = {
    errno.EROFS: "de schijf of map is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    getattr(errno, "EDQUOT", -1): "uw ruimte op de schijf is op",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toegang",
    errno.EIO: "de schijf geeft een fout",
    errno.EISDIR: "dit is een map",
    errno.ENOENT: "het bestaat niet",
    errno.EBUSY: "het is in gebruik door een ander programma",
    errno.ETXTBSY: "het is in gebruik door een ander programma",
    errno.EFBIG: "het bestand wordt te groot",
}


def os_reason(exc: OSError) -> str:
    """Return why a read or write failed, in Dutch where the error is a common one, else the system's words."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def _folder_error(path: Path, folder: Path, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: de map {folder} bestaat niet.")
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: u mag niet schrijven in de map {folder}.")
    if isinstance(exc, NotADirectoryError):
        return InputError(f"{path}: {folder} is geen map maar een bestand.")
    return InputError(f"{path}: kan niet schrijven in de map {folder} ({os_reason(exc)}).")


_UNNAMED = {"works": hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")}
STALE_SECONDS = 600


def _unnamed(folder: Path) -> int | None:
    """Open an unnamed file in `folder` (Linux O_TMPFILE), or return None where that is not possible."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not _UNNAMED["works"]:
        return None
    try:
        return os.open(folder, flag | os.O_RDWR, 0o600)
    except (FileNotFoundError, PermissionError, NotADirectoryError):
        raise
    except OSError:
        return None   # a file system without O_TMPFILE


@contextmanager
def open_atomic(path: Path | str, *, mode: int | None = None) -> Iterator[BinaryIO]:
    """Open `path` to write a large file in pieces; it appears whole when the block ends, or not at all.

    The new file gets the old file's permission bits, or `mode`, or the usual ones (0666 minus umask).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        old_mode = path.stat().st_mode & 0o7777 if path.exists() else None
        _sweep(folder, path.name)
        fd = _unnamed(folder)
        tmp = None
        if fd is None:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _folder_error(path, folder, exc) from None
    f = os.fdopen(fd, "wb")
    try:
        yield f
        f.flush()
        os.fsync(f.fileno())
        if mode is None:
            mode = old_mode
        if mode is None:   # a new file: the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        if hasattr(os, "fchmod"):
            os.fchmod(f.fileno(), mode)
        if tmp is None:   # give the unnamed file a name next to the target, then rename it over the target
            tmp = _link_unnamed(f.fileno(), folder, path.name)
        else:
            os.chmod(tmp, mode)
        f.close()
        os.replace(tmp, path)
        tmp = None
    except BaseException as exc:
        f.close()
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise InputError(f"{path}: kan het bestand niet schrijven ({os_reason(exc)}). "
                             "Er is niets veranderd.") from None
        raise


def _link_unnamed(fd: int, folder: Path, name: str) -> str:
    """Give an O_TMPFILE file a (random) name in `folder`; return that name.

    Where the kernel does not allow that (some sandboxes), the data is copied to a private named file.
    """
    while True:
        tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            os.link(f"/proc/self/fd/{fd}", tmp, follow_symlinks=True)
            return tmp
        except FileExistsError:
            continue
        except OSError:
            _UNNAMED["works"] = False
            break
    out, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        while chunk := os.read(fd, 1 << 20):
            os.write(out, chunk)
        os.fchmod(out, os.fstat(fd).st_mode & 0o7777)
        os.fsync(out)
    except BaseException:
        os.close(out)
        os.unlink(tmp)
        raise
    os.close(out)
    return tmp


def _sweep(folder: Path, name: str) -> None:
    """Remove temporary files that a killed run of ours left for `name` (older than ten minutes, ours)."""
    import time

    pattern = re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]{{6,12}}\.tmp")
    try:
        entries = [e for e in os.scandir(folder) if pattern.fullmatch(e.name)]
    except OSError:
        return
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and time.time() - st.st_mtime > STALE_SECONDS and \
                    (not hasattr(os, "geteuid") or st.st_uid == os.geteuid()):
                os.unlink(entry.path)
        except OSError:
            pass


# ------------------------------------------------------------------------------------------- folders


def make_folder(path: Path | str, *, option: str = "--out") -> Path:
    """Create the output folder `path` (and its parents); a Dutch InputError (exit 3) when that cannot be.

    `option` is the command-line option the user can change ("--out", or "-o" where that names a file).
    """
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"{path}: dit is een bestand, geen map. Kies een andere map met {option}.") from None
    except NotADirectoryError:
        raise InputError(f"{path}: een deel van deze naam is een bestand, geen map. Kies een andere map met {option}.") from None
    except PermissionError:
        raise InputError(f"{path}: u mag deze map niet maken of er niet in schrijven (geen toegang). "
                         f"Kies een andere map met {option}.") from None
    except OSError as exc:
        raise InputError(f"{path}: de map kan niet gemaakt worden ({os_reason(exc)}). "
                         f"Kies een andere map met {option}.") from None
    if not os.access(path, os.W_OK | os.X_OK):
        if _read_only(path):
            raise InputError(f"{path}: deze map staat op een schijf die alleen-lezen is. Kies een andere map met {option}.")
        raise InputError(f"{path}: u mag niet schrijven in deze map. Kies een andere map met {option}.")
    return path


def _read_only(path: Path) -> bool:
    """Return whether `path` lies on a file system mounted read-only (never true where that cannot be known)."""
    try:
        return bool(os.statvfs(path).f_flag & getattr(os, "ST_RDONLY", 0))
    except (AttributeError, OSError):
        return False


# ------------------------------------------------------------------------------------------- reading


class NotAFile(OSError):
    """The path is not a regular file (a folder, device, pipe or system file); `kind` says which, in Dutch."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class TooBig(OSError):
    """The file is larger than the limit; `size` is what was seen (at least limit + 1 bytes)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_regular(path: Path | str, max_bytes: int) -> bytes:
    """Return the bytes of the regular file `path`, reading at most `max_bytes` (the limit holds while
    reading, so a file that grows, or lies about its size, cannot fill the memory).

    Raise NotAFile for a folder, a device (/dev/zero), a pipe (FIFO), a socket or a file under /proc or
    /sys; TooBig past the limit; other OSErrors as they come.
    """
    real = os.path.realpath(path)
    if re.match(r"^/(?:proc|sys)(?:/|$)", real):
        raise NotAFile("een systeembestand (onder /proc of /sys)")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise NotAFile("een map")
        if not stat.S_ISREG(st.st_mode):
            kind = ("een apparaat (zoals /dev/zero)" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                    "een pijp (FIFO)" if stat.S_ISFIFO(st.st_mode) else "geen gewoon bestand")
            raise NotAFile(kind)
        if st.st_size > max_bytes:
            raise TooBig(st.st_size)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise TooBig(size)
        return b"".join(chunks)
    finally:
        os.close(fd)


# ------------------------------------------------------------------------------------ changing a file


def replace_file(path: Path | str, data: bytes) -> Path:
    """Replace the contents of the user's file `path` by `data`; return the file that was changed.

    * A symlink is followed: its target changes, the link stays.
    * Normally the new contents go to a temporary file next to the target, which gets the owner, group
      and mode of the old file and is then renamed over it (atomic: old or new, never half).
    * When the file has other hard links, or its owner cannot be kept (we are not root and it is not
      ours), renaming would split the links or take the file over. Then the new contents are written into
      the same file, after a rescue copy of the old contents was made next to it: a crash in that short
      moment leaves the file half written, but the old and new contents both beside it, never lost.
    """
    target = Path(os.path.realpath(path))
    try:
        st = target.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: het bestand is verdwenen; er is niets veranderd.") from None
    if st.st_nlink > 1 or not _can_keep_owner(st):
        _write_in_place(target, data, st)
        return target
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _folder_error(target, folder, exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(f.fileno(), st.st_uid, st.st_gid)
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"{path}: kan het bestand niet schrijven ({os_reason(exc)}). "
                             "Er is niets veranderd.") from None
        raise
    return target


def _can_keep_owner(st: os.stat_result) -> bool:
    """Return whether a new file can get this owner and group (root can; others only their own)."""
    if not hasattr(os, "geteuid"):
        return True   # Windows: no owners to keep this way
    if os.geteuid() == 0:
        return True
    return st.st_uid == os.geteuid() and (st.st_gid == os.getegid() or st.st_gid in os.getgroups())


def _write_in_place(target: Path, data: bytes, st: os.stat_result) -> None:
    """Write `data` into the existing file (same inode: hard links, owner and mode stay), with a rescue copy."""
    old = target.read_bytes()
    rescue = target.with_name(f".{target.name}.eenvoudig-oud")
    try:
        write_atomic(rescue, old, mode=0o600)
    except InputError:
        raise InputError(f"{target}: kan geen reservekopie maken naast het bestand; er is niets veranderd.") from None
    try:
        with open(target, "r+b") as f:
            f.write(data)
            f.truncate()
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        raise InputError(f"{target}: kan het bestand niet schrijven ({os_reason(exc)}). De oude tekst staat "
                         f"in {rescue}.") from None
    os.unlink(rescue)


def numbered_backup(path: Path | str, data: bytes) -> Path:
    """Save `data` (the file before this change) as `path.~N~`, N one higher than any existing backup.

    An existing backup is never overwritten, so `path.~1~` stays the very first original.
    """
    path = Path(path)
    taken = [int(m.group(1)) for p in path.parent.glob(f"{glob_escape(path.name)}.~*~")
             if (m := re.fullmatch(re.escape(path.name) + r"\.~(\d+)~", p.name))]
    n = max(taken, default=0) + 1
    mode = stat.S_IMODE(os.stat(path).st_mode)
    while True:
        backup = path.with_name(f"{path.name}.~{n}~")
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        except FileExistsError:
            n += 1
            continue
        except OSError as exc:
            raise InputError(f"{path}: kan geen reservekopie {backup.name} maken ({os_reason(exc)}); "
                             "er is niets veranderd.") from None
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            os.unlink(backup)
            raise InputError(f"{path}: kan geen reservekopie {backup.name} maken ({os_reason(exc)}); "
                             "er is niets veranderd.") from None
        return backup


def glob_escape(name: str) -> str:
    """Escape the glob characters in a file name."""
    return re.sub(r"([*?\[])", r"[\1]", name)


@contextmanager
def locked(path: Path | str) -> Iterator[None]:
    """Hold an exclusive lock on the file `path` (POSIX flock): a second `--fix` on it waits its turn.

    The lock is on the file itself; a run that waited checks that the name still points to the file it
    locked (the first run replaced it) and locks the new one instead.
    """
    try:
        import fcntl
    except ImportError:   # Windows: no advisory locks; Word itself refuses to open a file twice
        yield
        return
    while True:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))   # a FIFO must not block here
        except OSError:
            yield   # the read that follows gives the Dutch message
            return
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            yield   # not a file: the read that follows refuses it
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except OSError:
                same = False
            if same:
                yield
                return
        finally:
            os.close(fd)   # closing the file releases the lock


# ------------------------------------------------------------------------------------ keeping the format

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def edit_source_bytes(data: bytes, edits: Sequence, encoding: str | None, name: str) -> bytes:
    """Return the file's bytes with `edits` applied; every byte outside the edits stays as it was.

    `edits` have `start`, `end` (offsets in the text as eenvoudig read it: decoded, line endings turned
    into \\n) and `after`. The byte order mark, the encoding and the line endings (CRLF, CR or mixed) of
    the file are kept; new line breaks inside an edit get the file's most common line ending. An
    encoding that cannot hold the new text gives a Dutch InputError (exit 3) and nothing is written.
    """
    bom = b""
    codec = encoding or "utf-8"
    if not encoding:
        for mark, enc in _BOMS:
            if data.startswith(mark):
                bom, codec = mark, enc
                break
    try:
        original = data[len(bom):].decode(codec)
    except (LookupError, UnicodeDecodeError):
        raise InputError(f"{name}: kan het bestand niet opnieuw lezen als {codec}; er is niets veranderd.") from None
    # offsets in the read text (\r\n and \r counted as one \n) → offsets in the original text
    starts = [m.start() for m in re.finditer(r"\r\n|\r|\n|[^\r\n]+", original)]
    pieces = re.findall(r"\r\n|\r|\n|[^\r\n]+", original)
    newline = max(("\r\n", "\r", "\n"), key=lambda n: sum(1 for p in pieces if p == n)) if pieces else "\n"

    out: list[str] = []
    pos = 0
    index = _OffsetIndex(starts, pieces)
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        a, b = index.to_original(e.start), index.to_original(e.end)
        out.append(original[pos:a])
        out.append(e.after.replace("\n", newline))
        pos = b
    out.append(original[pos:])
    text = "".join(out)
    try:
        return bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        raise InputError(f"{name}: het teken '{bad}' in de nieuwe tekst past niet in de codering {codec} van dit "
                         "bestand; er is niets veranderd. Sla het bestand op als UTF-8 en probeer het opnieuw.") from None


class _OffsetIndex:
    """Map offsets in newline-normalised text to offsets in the original text, in O(log n) each."""

    def __init__(self, starts: list[int], pieces: list[str]) -> None:
        self.read: list[int] = []
        self.starts = starts
        self.sizes: list[int] = []
        n = 0
        for piece in pieces:
            self.read.append(n)
            size = 1 if piece in ("\r\n", "\r", "\n") else len(piece)
            self.sizes.append(size)
            n += size
        self.total = n
        self.length = (starts[-1] + len(pieces[-1])) if pieces else 0
        self.pieces = pieces

    def to_original(self, offset: int) -> int:
        import bisect

        k = bisect.bisect_right(self.read, offset) - 1
        if k < 0:
            return 0
        if offset >= self.read[k] + self.sizes[k]:
            return self.length
        inside = offset - self.read[k]
        return self.starts[k] + (inside if self.sizes[k] == len(self.pieces[k]) else 0)
