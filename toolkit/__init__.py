"""teekond: a service-design toolkit for journey mapping.

The pipeline is load -> validate -> graph -> analyse -> render; this package's public API
is the few names below.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .diagnostics import RULES, Diagnostic  # noqa: E402
from .validate import Result, validate  # noqa: E402

__all__ = ["RULES", "Diagnostic", "Result", "__version__", "validate"]
