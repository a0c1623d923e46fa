"""Stage 5, output: every file kg writes (RDF, HTML explorer, pictures, exports) and reading them back."""

DEFAULT_MAX_NODES = 300
"""Most entities drawn in graph.html (the most connected are kept)."""
OVERVIEW_MIN_NODES = 400
"""Graphs with more nodes than this open on the overview (``kg viz --overview`` forces it either way).

Measured on the 300-article BBC build (2,032 nodes): drawn whole, the page was the
hairball of issue 15; the seed graphs (under 100 nodes) read well whole.
"""
