"""Estonia's 79 local governments (KOV) since the 2017 administrative reform: 15 cities
(``linn``) and 64 rural municipalities (``vald``), by teekond id.

Statistics name KOVs that are not partners of the programme (seed-004's TOP 5 table names
Maardu, Valga and Narva), so a statistics row may name any of these, not only a KOV the
workspace describes. An id is the name without ``linn``/``vald``, in ASCII, lowercase, with
hyphens (the ids the workspace's partner KOVs use: ``tartu``, ``kohtla-jarve``); a
rural municipality that shares its name with a city gets ``-vald`` (``tartu-vald``).
Source: general knowledge (domain.md [GK]: the list of KOVs of the Republic of Estonia).
"""

from __future__ import annotations

CITIES = (
    "Haapsalu", "Keila", "Kohtla-Järve", "Loksa", "Maardu", "Narva", "Narva-Jõesuu",
    "Paide", "Pärnu", "Rakvere", "Sillamäe", "Tallinn", "Tartu", "Viljandi", "Võru",
)
RURAL = (
    "Alutaguse", "Anija", "Antsla", "Elva", "Haljala", "Harku", "Hiiumaa", "Häädemeeste",
    "Järva", "Jõelähtme", "Jõgeva", "Jõhvi", "Kadrina", "Kambja", "Kanepi", "Kastre",
    "Kehtna", "Kihnu", "Kiili", "Kohila", "Kose", "Kuusalu", "Luunja", "Lääne-Harju",
    "Lääne-Nigula", "Lääneranna", "Lüganuse", "Muhu", "Mulgi", "Mustvee", "Märjamaa",
    "Nõo", "Otepää", "Peipsiääre", "Põhja-Pärnumaa", "Põhja-Sakala", "Põltsamaa", "Põlva",
    "Raasiku", "Rae", "Rakvere", "Rapla", "Ruhnu", "Rõuge", "Räpina", "Saarde", "Saaremaa",
    "Saku", "Saue", "Setomaa", "Tapa", "Tartu", "Toila", "Tori", "Tõrva", "Türi", "Valga",
    "Viimsi", "Viljandi", "Vinni", "Viru-Nigula", "Vormsi", "Võru", "Väike-Maarja",
)
_ASCII = str.maketrans("õäöüšž", "oaousz")


def slug(name: str) -> str:
    """``Kohtla-Järve`` -> ``kohtla-jarve``."""
    return name.lower().translate(_ASCII).replace(" ", "-")


def _official() -> dict[str, str]:
    found = {slug(name): name if name == "Tallinn" else f"{name} linn" for name in CITIES}
    for name in RURAL:
        ident = slug(name) + ("-vald" if slug(name) in found else "")
        found[ident] = f"{name} vald"
    return dict(sorted(found.items()))


KOVS: dict[str, str] = _official()
"""Id -> official name (``tartu`` -> ``Tartu linn``, ``tartu-vald`` -> ``Tartu vald``)."""
