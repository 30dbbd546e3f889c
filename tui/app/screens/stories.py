"""`g`: go to a story by its name; Enter opens its first article."""

from __future__ import annotations

from collections.abc import Sequence

from ...analysis.stories import Story
from ..widgets.article_list import story_heading
from .pick import Choice, PickScreen


class StoriesScreen(PickScreen):
    HELP = """\
## Go to a story

Every story of the corpus, largest first, with its article count and dates. Type part of a
story's name (or its folder's) to narrow the list; small typos still match.

- `↓` / `↑`: move through the stories; `Enter`: open the story's first article
- `Esc`: back
"""

    def __init__(self, stories: Sequence[Story]) -> None:
        ordered = sorted(stories, key=lambda s: -len(s.docs))
        super().__init__("Stories", None, [Choice(s.id, story_heading(s.id, s, len(s.docs)), f"{s.name} {s.id}")
                                           for s in ordered], "a story's name…", "stories")
