"""Editable word lists used by the extraction rules (data files, not code)."""
