"""Stage 8, *edit*: the commands that exist to change a workspace's YAML (importing a board,
applying a partner's returned table). Everything else in teekond only reads the YAML.

Each edit re-reads the file in round-trip mode (:mod:`toolkit.edit.roundtrip`), changes
only what it means to, and saves atomically after a backup copy."""
