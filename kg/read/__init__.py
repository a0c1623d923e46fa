"""Stage 1, reading: article files, folders, JSONL and stdin -> :class:`kg.model.Article` (no spaCy)."""
