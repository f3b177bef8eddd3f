"""Content: the model of each content type, reading files into typed documents, vocabularies."""
