"""Stage 1, *load*: read every YAML file of a workspace with the position of each value,
and turn it into the typed model (``Workspace``). A file's syntax and shape problems are
diagnostics with their line and column; nothing here raises on user input."""
