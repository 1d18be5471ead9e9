"""Spaced-repetition review: the FSRS adapter and the Qt-free review flow."""
