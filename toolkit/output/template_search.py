"""Where templates are looked up: the workspace's own ``templates/`` first, then teekond's.

teekond's default templates live in the repository's top-level ``templates/`` folder; a
wheel carries them inside the package as ``toolkit/templates/`` (see pyproject.toml). This
module imports only the standard library (and :mod:`toolkit.load.paths`, which does too):
the build stamp fingerprints the templates before Jinja is loaded at all.

A workspace may be someone else's repository: its ``templates/`` is searched only when it
lies inside the workspace, and a template in it is read only when it lies inside
``templates/`` (:func:`allowed`), so a link to ``/etc/passwd`` named ``base.html`` is never
read. `teekond validate` reports such links as Y009 before any build starts.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..load.paths import inside

PACKAGE = Path(__file__).resolve().parents[1]
"""The ``toolkit`` package folder."""
WORKSPACE_TEMPLATES = "templates"
"""A workspace's folder of template overrides, file by file."""


def package_templates() -> Path:
    """teekond's default templates: inside an installed wheel, else in the source tree."""
    installed = PACKAGE / "templates"
    return installed if installed.is_dir() else PACKAGE.parent / "templates"


def search_path(workspace: Path) -> list[Path]:
    """Folders searched for a template, first match wins."""
    custom = workspace / WORKSPACE_TEMPLATES
    if custom.is_dir() and inside(custom, Path(os.path.realpath(workspace))):
        return [custom, package_templates()]
    return [package_templates()]


def allowed(path: Path, folder: Path) -> bool:
    """True when the template file ``path``, found in the search folder ``folder``, may be
    read: it lies inside that folder once every link is followed."""
    return inside(path, Path(os.path.realpath(folder)))
