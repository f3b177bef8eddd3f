"""Ukrainian text helpers: transliteration, collation."""
