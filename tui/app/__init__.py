"""The Textual front end: the app (`app`), its screens and widgets, the command palette,
config, themes and messages. Imports the layers below it; nothing below imports it.
"""
