"""Run Graphviz ``dot`` on DOT source: the one side effect behind :mod:`toolkit.views.diagrams`.

``dot`` is run as a subprocess (no shell) in its own process group, with a timeout. Every
way it can fail (missing binary, crash, error exit, timeout) raises :class:`DotError`, whose
message names the diagram, so the CLI can print one line instead of a traceback. dot 2.43
crashes with SIGSEGV on some clustered graphs (see docs on ``label`` with
``constraint=false``), which is why a crash is an expected error here, not a bug report.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
from typing import Literal

from ..errors import OutputError

__all__ = ["DotError", "Format", "dot_available", "render"]

log = logging.getLogger(__name__)

Format = Literal["svg", "png", "pdf"]
DOT = "dot"
"""Name of the Graphviz executable, looked up on ``PATH`` at every call."""
PNG_DPI = 96
"""PNG resolution: screen resolution keeps files small."""
PNG_MAX_INCHES = 80
"""PNG size cap (both sides, in inches): 80 in at 96 dpi is 7680 px, well under cairo's
32767 px limit and at most about 235 MB of pixels; a larger map is scaled down to fit.
SVG and PDF are never capped: prefer SVG for big maps."""
FORMAT_ARGS: dict[str, tuple[str, ...]] = {
    "svg": ("-Tsvg",),
    "png": ("-Tpng", f"-Gdpi={PNG_DPI}", f"-Gsize={PNG_MAX_INCHES},{PNG_MAX_INCHES}"),
    "pdf": ("-Tpdf",),
}
"""Extra ``dot`` arguments per output format."""
STDERR_CHARS = 400
"""How much of dot's error output a :class:`DotError` keeps."""


class DotError(OutputError):
    """``dot`` could not turn a diagram into a file.

    ``name`` says which diagram ("journey 'newcomer' (et)"), ``reason`` what went wrong.
    """

    def __init__(self, *, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


def dot_available() -> bool:
    """True when a ``dot`` executable is on ``PATH``."""
    return shutil.which(DOT) is not None


def render(dot_source: str, fmt: Format, *, name: str, timeout: float = 60) -> bytes:
    """The bytes of ``dot_source`` laid out and drawn as ``fmt`` by the real ``dot``.

    ``name`` describes the diagram in error messages. Raises :class:`DotError` when
    ``dot`` is missing, crashes, exits with an error or runs longer than ``timeout`` seconds.
    """
    if fmt not in FORMAT_ARGS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMAT_ARGS)}")
    executable = shutil.which(DOT)
    if executable is None:
        raise DotError(name=name, reason="Graphviz 'dot' was not found on PATH; install "
                                         "Graphviz (e.g. apt-get install graphviz)")
    command = [executable, *FORMAT_ARGS[fmt]]
    out, err, code = _run(command, dot_source.encode("utf-8"), name, timeout)
    if code < 0:
        raise DotError(name=name, reason=f"dot crashed ({_signal_name(-code)})"
                                         + _tail(err, "; dot said: "))
    if code != 0:
        raise DotError(name=name, reason=f"dot failed (exit code {code})"
                                         + _tail(err, ": "))
    if err.strip():
        log.debug("%s: dot warnings: %s", name, _tail(err, ""))
    if fmt == "svg":
        out = _stable_svg(out)
    elif fmt == "pdf":
        out = _stable_pdf(out)
    return out


def _run(command: list[str], data: bytes, name: str, timeout: float) -> tuple[bytes, bytes, int]:
    """Run ``command`` in a new process group, killing the whole group on timeout (a
    wrapper script's children would otherwise keep the pipes open)."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
    except OSError as error:
        raise DotError(name=name, reason=f"could not start dot: {error.strerror}") from None
    try:
        out, err = process.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate()
        raise DotError(name=name, reason=f"dot ran longer than {timeout:g} s and was "
                                         "stopped; the diagram may be too large") from None
    return out, err, process.returncode


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _signal_name(number: int) -> str:
    try:
        return f"signal {number}, {signal.Signals(number).name}"
    except ValueError:
        return f"signal {number}"


def _tail(err: bytes, prefix: str) -> str:
    text = " ".join(err.decode("utf-8", "replace").split())
    if not text:
        return ""
    if len(text) > STDERR_CHARS:
        text = "…" + text[-STDERR_CHARS:]
    return prefix + text


def _stable_svg(svg: bytes) -> bytes:
    """dot's SVG is already deterministic for a given dot version (its only comment names
    that version); line endings are normalised, so the bytes are the same everywhere."""
    return svg.replace(b"\r\n", b"\n")


_PDF_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")
PDF_DATE = b"/CreationDate (D:20000101000000Z)"
"""cairo stamps each PDF with the time of the run (and ignores SOURCE_DATE_EPOCH); the
stamp is replaced by this fixed one of the same length, so the cross-reference offsets
stay valid and equal input gives equal bytes. PNG has no time stamp."""


def _stable_pdf(pdf: bytes) -> bytes:
    return _PDF_DATE.sub(PDF_DATE, pdf, count=1)
