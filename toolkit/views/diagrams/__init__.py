"""Graphviz views: the journey flow and the service ecosystem as :class:`DotGraph` data.

:mod:`toolkit.output.dot` writes them as DOT text and :mod:`toolkit.output.dot_runner`
turns that into SVG, PNG and PDF.
"""
