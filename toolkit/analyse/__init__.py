"""Stage 4, *analyse*: every figure a reader sees (counts, rankings, means, lists),
computed once into one ``Analysis`` that every page, report, diagram and ``teekond
analyze`` reads; and what changed between two versions of a workspace."""
