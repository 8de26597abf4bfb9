"""Stage 3, *graph*: the ``Index`` of a valid workspace (every item by id, where it sits,
the relations between items), the one lookup every later stage reads; and the same as a
networkx graph (``JourneyGraph``) for graph algorithms and ``teekond graph``."""
