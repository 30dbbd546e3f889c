"""Analysis over parsed articles: entities and their resolution, passage alignment and word diffs,
quotations and their speakers, search. Plain Python over `tui.model` data; imports
`tui.preprocess` (for the cache) and nothing above it, and never Textual or spaCy.
"""
