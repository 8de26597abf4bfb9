"""Stage 6, *output*: views turned into bytes: Jinja templates (with a workspace's
overrides), the DOT writer, ``dot`` itself, WeasyPrint for PDF, atomic file writes."""
