"""`python -m toolkit` runs the teekond command line."""

from .cli import run

run()
