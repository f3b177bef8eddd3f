"""Hromada: a static civic-education knowledge site generator."""

__version__ = "0.1.0"
