"""Text that knows its language: what a page shows from the YAML carries the language it is
written in, so the page can mark the parts that differ from its own (``lang="et"``)."""

from __future__ import annotations


class Localised(str):
    """A text from the workspace and the language it is actually in: the page's, or the one
    it fell back to when the page's language was missing.

    Any string operation (slicing, joining, ``upper()``) gives a plain ``str``: use
    :func:`keep_lang` for a text made from another one (a shortened description)."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Localised:
        self = super().__new__(cls, text)
        self.lang = lang
        return self

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return str(self), self.lang  # copy and pickle keep the language

    def __repr__(self) -> str:
        return f"Localised({str(self)!r}, {self.lang!r})"


def keep_lang(text: str, source: str) -> str:
    """``text`` in the language of ``source`` it was made from (cut, wrapped ...), when
    ``source`` knows its language; else ``text`` unchanged."""
    lang = getattr(source, "lang", "")
    return Localised(text, lang) if lang else text
