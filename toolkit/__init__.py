"""teekond: a service-design toolkit for journey mapping.

The pipeline is load -> validate -> graph -> analyse -> render; this package's public API
is the few names below.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .diagnostics import RULES, Diagnostic
from .validate import Result
from .validate import validate as validate_workspace

__all__ = ["RULES", "Diagnostic", "Result", "__version__", "validate_workspace"]
