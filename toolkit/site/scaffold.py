"""`teekond new`: write a commented skeleton that validates, never over an existing file."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

from ..check.validate import validate
from ..errors import UsageError
from ..load.model import ID_PATTERN
from ..load.workspace import Workspace
from ..output.files import write_new

FOLDERS = {"persona": "personas", "journey": "journeys", "touchpoint": "touchpoints"}


class ScaffoldError(UsageError):
    """The skeleton cannot be written (bad id, file exists, nothing to refer to)."""


def write_skeleton(root: Path, kind: str, ident: str, target_group: str = "newcomer") -> Path:
    """Write ``<folder>/<ident>.yaml`` for ``kind``; return its path."""
    if not re.fullmatch(ID_PATTERN, ident) or len(ident) > 40:
        raise ScaffoldError(f"'{ident}' is not a valid id: use lowercase letters, digits and "
                            "hyphens (at most 40), e.g. 'newcomer-tartu'")
    path = root / FOLDERS[kind] / f"{ident}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} exists already; teekond new never overwrites a file")
    ws = validate(root).workspace
    taken = {o.id for o in [*ws.providers(), *ws.services(), *ws.touchpoints(), *ws.personas,
                            *ws.journeys]}
    if ident in taken:
        raise ScaffoldError(f"the id '{ident}' is used already; choose another")
    template = _template(kind)
    values = {"id": ident, "target_group": target_group}
    for name, (candidates, need) in _candidates(ws, target_group).items():
        if name not in template.get_identifiers():
            continue
        if not candidates:
            raise ScaffoldError(f"the workspace has no {need} yet; add one first")
        values[name] = min(candidates)
    write_new(path, template.substitute(values))
    return path


def _template(kind: str) -> Template:
    source = resources.files("toolkit.site") / "skeletons" / f"{kind}.yaml"
    return Template(source.read_text(encoding="utf-8"))


def _candidates(ws: Workspace, target_group: str) -> dict[str, tuple[list[str], str]]:
    """Existing ids the skeleton may refer to, so that it validates as written."""
    settings = ws.settings
    sources = [s.id for s in settings.sources] if settings else []
    groups = [g.id for g in settings.stakeholder_groups] if settings else []
    return {
        "source": (sources, "source in teekond.yaml"),
        "kov": ([p.id for p in ws.providers() if p.level == "kov"],
                "KOV (a provider with 'level: kov') in touchpoints/"),
        "persona": ([p.id for p in ws.personas if p.target_group == target_group],
                    f"persona of target group '{target_group}' (teekond new persona ...)"),
        "touchpoint": ([t.id for t in ws.touchpoints()], "touchpoint in touchpoints/"),
        "service": ([s.id for s in ws.services()], "service in touchpoints/"),
        "owner": (groups or [p.id for p in ws.providers()], "stakeholder group or provider"),
    }
