"""The site as a value: what every page shows besides its own text, its links and navigation."""
