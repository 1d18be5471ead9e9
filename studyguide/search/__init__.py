"""Full-text search over guides: index building, query parsing, ranked results."""
