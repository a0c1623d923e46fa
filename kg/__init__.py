"""kg: build an RDF knowledge graph of sourced facts from news articles."""

__version__ = "0.1.0"
