"""Printable handouts: A4 PDFs from the same Markdown as the site (WeasyPrint)."""
