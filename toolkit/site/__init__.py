"""Stage 7, *site*: gather every page, diagram and document, then write what changed,
with the caches kept outside the site; and each writing command as one library call
(``commands``), scaffolding and schemas."""
