"""Engines that render the prepared site into HTML: MkDocs (and ProperDocs), Zensical."""
