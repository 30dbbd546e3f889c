"""Parallax: see how different news outlets tell the same story.

The analysis core (reading, cleaning, parsing, caching) imports without Textual or spaCy;
`tui.app` is the terminal front end and `tui.cli` the command line.
"""

__version__ = "0.1.0"
