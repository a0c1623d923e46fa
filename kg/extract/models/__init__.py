"""Trained artifacts shipped with kg (see scripts/train_relations.py and docs/extraction.md)."""
