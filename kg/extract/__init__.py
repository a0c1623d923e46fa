"""Stage 3, extraction: parsed articles -> entities, then facts with evidence (rules and the pair classifier)."""
