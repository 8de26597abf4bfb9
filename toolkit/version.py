"""teekond's version: part of every cache key, the build stamp and the bug report."""

__version__ = "0.1.0"
