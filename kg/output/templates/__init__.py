"""Jinja templates for the HTML explorer."""
