"""What the learner is looking at in a review: the question, or the answer too."""

from __future__ import annotations

from enum import Enum


class Phase(Enum):
    """What the learner is looking at."""

    QUESTION = "question"
    ANSWER = "answer"
