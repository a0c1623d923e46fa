"""Stage 2, parsing: the spaCy pipeline, the entity-repair component and the lexicons it reads."""
