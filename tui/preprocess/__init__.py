"""Preprocessing: source files in, parsed articles out, cached as YAML.

Reading and decoding a corpus (`corpus`, `decode`, `metadata`), web pages (`html`) and scraper
exports (`records`), cleaning scraped text (`clean`),
parsing it with spaCy (`parse`), the YAML cache (`cache`) and the indexing run that ties them
together (`index`). Imports only `tui.model` and the ground modules beside it; spaCy is loaded
only when something must be parsed.
"""
