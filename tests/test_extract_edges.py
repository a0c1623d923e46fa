"""Text that stops right after a name: every extractor must cope with a document that ends mid-pattern.

Rules look at the token after an entity ("Daniel Sullivan of Microsoft" + ","?); a text that ends on the entity once
crashed the whole 3,000-article allsides build with an IndexError. Each sentence of the seed and of a few hand-made
ones is cut after every entity and after the token that follows it, and each cut is extracted.
"""

from __future__ import annotations

import pytest
from conftest import SEEDS

SENTENCES = [
    "The letter was signed by Daniel Sullivan of Microsoft, the company said.",
    "Daniel Sullivan, 30, of Boothbay, and Anna Petrova of the Kremlin's press office spoke to Reuters (AP).",
    "President Barack Obama met Prime Minister David Cameron of Britain in Washington on Tuesday.",
    "\"We will not back down,\" said Ivan Petrov, head of the Moscow-based Centre for Political Studies.",
    "Siemens has bought Altair Engineering, according to Bloomberg's chief executive.",
]


def cuts(nlp, text: str) -> set[str]:
    """Every prefix of each sentence that ends on an entity or on the token after one."""
    out = set()
    for sent in nlp(text).sents:
        for ent in sent.ents:
            for end in (ent.end, ent.end + 1):
                if end <= sent.end:
                    out.add(sent.doc[sent.start:end].text)
    return out


@pytest.fixture(scope="module")
def prefixes():
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    return sorted(cuts(nlp, seed) | set().union(*(cuts(nlp, s) for s in SENTENCES)))


def test_every_extractor_copes_with_text_ending_after_a_name(prefixes):
    import kg

    assert len(prefixes) > 100
    failures = []
    for text in prefixes:
        try:
            kg.extract(text)
        except Exception as error:  # noqa: BLE001 - the test lists every failing cut, not just the first
            failures.append(f"{text!r}: {type(error).__name__}: {error}")
    assert not failures, "\n".join(failures)
