"""Ukrainian search: the stemmer (shared with the browser's tokenizer rules) and the index."""
