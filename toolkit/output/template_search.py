"""Where templates are looked up: the workspace's own ``templates/`` first, then teekond's.

teekond's default templates live in the repository's top-level ``templates/`` folder; a
wheel carries them inside the package as ``toolkit/templates/`` (see pyproject.toml). This
module imports only the standard library: the build stamp fingerprints the templates before
Jinja is loaded at all.
"""

from __future__ import annotations

from pathlib import Path

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
    return [custom, package_templates()] if custom.is_dir() else [package_templates()]
