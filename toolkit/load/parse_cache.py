"""The parse cache: each file's parsed values, positions and per-file diagnostics, kept by
content in ``.teekond-cache/parse/`` of the workspace so a repeat run reads no YAML again.

An entry's name is the SHA-256 of teekond's version, :data:`FORMAT`, the code that reads a
file (:func:`code_fingerprint`), the file's workspace path (its diagnostics name it), the
per-file check's name and the file's bytes: an edited file, another version or checkout of
teekond, or another check never finds an old entry. The folder is
safe to delete, and the cache is best-effort: a read-only workspace, a full disk or any
other failure to write only means nothing is kept.

Entries are plain data (numbers, texts, lists, mappings) in :mod:`marshal`'s format behind a
header we check before decoding: magic, format, version, the entry's own name, the
payload's length and its CRC-32. ``pickle`` is not used because loading a pickle runs code
that the file names: a file dropped into the cache folder must never run anything, and
:mod:`marshal` only ever builds values. A truncated, corrupt or foreign entry fails a
check (or raises while decoding) and counts as a miss: the file is read again.

Entries are written to a temporary file and renamed into place, so concurrent runs never
read half an entry. After a run that wrote entries, entries that run did not use are
removed, so the folder holds about one entry per file of the workspace.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import os
import struct
import time
import zlib
from pathlib import Path

import yaml

from ..version import __version__

FORMAT = 1
"""Bumped whenever what an entry holds changes shape."""
FOLDER = "parse"
CACHE_FOLDER = ".teekond-cache"
DISABLE_ENV = "TEEKOND_NO_CACHE"
"""Set (to anything but empty or 0) to read every file without the cache."""
_MAGIC = b"teekond-parse\n"
_HEADER = struct.Struct(">H32sQI")
"""Format, entry name (32 bytes), payload length, payload CRC-32 (finds damage; it need not
resist forgery: whoever can write the cache folder can write the YAML too)."""
_VERSION = __version__.encode("utf-8")
_STALE_TEMP_S = 3600.0


def disabled_by_env() -> bool:
    """True when :data:`DISABLE_ENV` asks for no cache."""
    return os.environ.get(DISABLE_ENV, "") not in ("", "0")


@functools.cache
def code_fingerprint() -> bytes:
    """What besides a file decides its entry: the code that reads and checks one file
    (every module of toolkit/load and toolkit/check, the diagnostics catalogue) and the
    libraries it uses (PyYAML and libyaml, phonenumbers' data). A development checkout
    changes these without a new version number; an old entry must then be a miss."""
    digest = hashlib.sha256(b"%s\0%d\0" % (_VERSION, FORMAT))
    toolkit = Path(__file__).resolve().parent.parent
    sources = [*sorted((toolkit / "load").glob("*.py")), *sorted((toolkit / "check").glob(
        "*.py")), toolkit / "diagnostics.py"]
    for path in sources:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:  # installed without sources (a zip): the version has to do
            pass
    digest.update(f"{yaml.__version__} {yaml.__with_libyaml__}".encode())
    if yaml.__with_libyaml__:
        digest.update(yaml._yaml.get_version_string().encode())  # type: ignore[attr-defined]
    numbers = importlib.util.find_spec("phonenumbers")  # found, not imported (it is slow)
    if numbers is not None and numbers.origin:
        info = os.stat(numbers.origin)
        digest.update(f"{numbers.origin} {info.st_size} {info.st_mtime_ns}".encode())
    return digest.digest()


def entry_name(rel: str, check: str, raw: bytes) -> bytes:
    """The 32-byte name of the entry of the file ``rel`` holding ``raw``."""
    digest = hashlib.sha256(code_fingerprint())
    digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + check.encode() + b"\0")
    digest.update(raw)
    return digest.digest()


def encode(name: bytes, payload: bytes) -> bytes:
    """The bytes of an entry holding ``payload``, a value in :mod:`marshal`'s format."""
    head = _HEADER.pack(FORMAT, name, len(payload), zlib.crc32(payload))
    return b"".join((_MAGIC, bytes([len(_VERSION)]), _VERSION, head, payload))


def decode(name: bytes, blob: bytes) -> object | None:
    """The value of an entry, or None when ``blob`` is not a whole, intact entry called
    ``name`` written by this version of teekond."""
    start = len(_MAGIC) + 1 + len(_VERSION)
    if (not blob.startswith(_MAGIC) or blob[len(_MAGIC)] != len(_VERSION)
            or blob[len(_MAGIC) + 1: start] != _VERSION or len(blob) < start + _HEADER.size):
        return None
    form, own, length, digest = _HEADER.unpack_from(blob, start)
    payload = memoryview(blob)[start + _HEADER.size:]
    if (form != FORMAT or own != name or len(payload) != length
            or zlib.crc32(payload) != digest):
        return None
    try:
        return marshal.loads(payload)
    except Exception:  # noqa: BLE001 - whatever a damaged entry raises, it is a miss
        return None


class ParseCache:
    """The entries of one workspace; every method is best-effort and never raises."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.folder = root / CACHE_FOLDER / FOLDER
        self.enabled = enabled
        self.hits = 0
        self.misses = 0
        self.written = 0
        self.used: set[str] = set()

    def holds(self, name: bytes) -> bool:
        """True when an entry called ``name`` exists (it may still prove unusable)."""
        return self.enabled and (self.folder / name.hex()).is_file()

    def get(self, name: bytes) -> object | None:
        """The value stored under ``name``, or None (a miss)."""
        if not self.enabled:
            return None
        key = name.hex()
        self.used.add(key)
        try:
            blob = (self.folder / key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        value = decode(name, blob)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def rejected(self) -> None:
        """The last hit held nothing usable: count it as a miss."""
        self.hits -= 1
        self.misses += 1

    def put(self, name: bytes, blob: bytes) -> None:
        """Store an entry made by :func:`encode` (atomically; silently not on failure)."""
        if not self.enabled:
            return
        key = name.hex()
        self.used.add(key)
        temp = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            if not self.folder.is_dir():
                self._make_folder()
            temp.write_bytes(blob)
            os.replace(temp, self.folder / key)
            self.written += 1
        except OSError:
            self.enabled = False  # read-only or full: stop trying for this run
            try:
                temp.unlink(missing_ok=True)
            except OSError:
                pass

    def _make_folder(self) -> None:
        top = self.folder.parent
        top.mkdir(exist_ok=True)
        ignore = top / ".gitignore"
        if not ignore.exists():
            temp = top / f".gitignore.{os.getpid()}.tmp"
            temp.write_text("# made by teekond: the build cache is never committed\n*\n",
                            encoding="utf-8")
            os.replace(temp, ignore)
        self.folder.mkdir(exist_ok=True)

    def prune(self) -> None:
        """Remove the entries this run did not use (after a run over the whole workspace
        that wrote some: the files they held have changed or gone)."""
        if not self.written:
            return
        now = time.time()
        try:
            with os.scandir(self.folder) as found:
                for entry in found:
                    stale = entry.name not in self.used and (
                        not entry.name.startswith(".")
                        or now - entry.stat().st_mtime > _STALE_TEMP_S)
                    if stale:
                        os.unlink(entry.path)
        except OSError:
            pass
