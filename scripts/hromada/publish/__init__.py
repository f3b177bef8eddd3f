"""Finishing a built site: the content security policy, search files, PDFs and ZIP packs."""
