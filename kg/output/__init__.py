"""Stage 6, output: every file kg writes (RDF, HTML explorer, pictures, exports) and reading them back."""
