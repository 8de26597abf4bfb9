"""teekond: a service-design toolkit for journey mapping.

The pipeline is load -> validate -> graph -> analyse -> render; this package's public API
is the few names below.
"""

from __future__ import annotations

from typing import Any

from .diagnostics import RULES, Diagnostic
from .version import __version__

__all__ = ["RULES", "Diagnostic", "Result", "__version__", "validate_workspace"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the command line starts without loading pydantic & co. when
    # it does not need them (e.g. `teekond build` on an up-to-date build).
    if name in ("Result", "validate_workspace"):
        from .check import validate

        return validate.Result if name == "Result" else validate.validate
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
