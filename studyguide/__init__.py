"""StudyGuide: an offline study guide with notes, flashcards, a timeline and search."""

__version__ = "0.1.0"
