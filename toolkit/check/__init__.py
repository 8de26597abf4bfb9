"""Stage 2, *check*: the rules that need the whole workspace (references, completeness,
evidence, translations, privacy) and ``validate()``, every diagnostic at once.
``validated()`` is where every later command starts: a workspace without errors."""
