"""Data access: the only package that speaks SQL (besides FTS queries in search/)."""
