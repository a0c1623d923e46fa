"""Stage 7, using a graph: query, serve, validate, infer and evaluate."""
