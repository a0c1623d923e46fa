"""Stage 5, output: every file kg writes (RDF, HTML explorer, pictures, exports) and reading them back."""

DEFAULT_MAX_NODES = 300
"""Most entities drawn in graph.html (the most connected are kept)."""
