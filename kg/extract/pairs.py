"""Features of an ordered pair of entity mentions in one sentence, for the relation classifier.

The features are the classic ones for supervised relation extraction (Mintz et al.
2009; Zhou et al. 2005): the two kinds, the words between the mentions, the words at
their edges and the shortest dependency path between their heads, lexicalised and
unlexicalised. Training (``scripts/train_relations.py``) and inference
(``kg.extract.rules.classifier``) call the same function, so they cannot drift apart.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

FEATURE_VERSION = "pairs.v2"
MAX_BETWEEN = 12


def _head(span: Span) -> Token:
    return span.root


def _path(a: Token, b: Token) -> tuple[list[Token], list[Token]] | None:
    """Tokens from ``a`` up to the lowest common ancestor (inclusive), and from ``b`` up to it (exclusive)."""
    up_a = [a, *a.ancestors]
    index_a = {t.i: n for n, t in enumerate(up_a)}
    chain_b = [b, *b.ancestors]
    for k, token in enumerate(chain_b):
        if token.i in index_a:
            return up_a[: index_a[token.i] + 1], chain_b[:k]
    return None


def _word(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def dependency_path(a: Token, b: Token) -> tuple[str, str, int]:
    """(lexicalised path, unlexicalised path, length) between two tokens of one sentence.

    >>> # "Oswald killed Kennedy": "nsubj< kill >dobj" and "nsubj< VERB >dobj"
    """
    found = _path(a, b)
    if found is None:
        return "NOPATH", "NOPATH", 99
    up, down = found
    top = up[-1]
    lex: list[str] = []
    unlex: list[str] = []
    for token in up[:-1]:
        if token is not a:
            lex.append(_word(token))
        lex.append(f"{token.dep_}<")
        unlex.append(f"{token.dep_}<")
    ends = top is a or top is b
    lex.append("*" if ends else _word(top))
    unlex.append("*" if ends else top.pos_)
    for token in reversed(down):
        lex.append(f">{token.dep_}")
        unlex.append(f">{token.dep_}")
        if token is not b:
            lex.append(_word(token))
    return " ".join(lex), " ".join(unlex), len(up) + len(down) - 1


def pair_features(subject: Span, obj: Span, subject_kind: str, object_kind: str) -> list[str]:
    """Feature strings for "does ``subject`` stand in some relation to ``obj``?".

    ``*_kind`` is ``person``, ``organization`` or ``place``. Both spans lie in one sentence.
    """
    doc = subject.doc
    first, second = (subject, obj) if subject.start < obj.start else (obj, subject)
    order = "SO" if first is subject else "OS"
    kinds = f"{subject_kind}>{object_kind}"
    feats = [f"kinds={kinds}", f"order={order}", f"kinds_order={kinds}:{order}"]
    between = doc[first.end : second.start]
    gap = len(between)
    feats.append(f"gap={min(gap, 10) if gap < 10 else '10+'}")
    if gap <= MAX_BETWEEN:
        words = [_word(t) for t in between if not t.is_space]
        feats.append("between=" + "_".join(words) if gap <= 4 else "between=LONG")
        feats.extend(f"bw={w}" for w in set(words))
        if words:
            feats.append(f"bw_first={words[0]}")
            feats.append(f"bw_last={words[-1]}")
    else:
        feats.append("between=FAR")
    # Mentions starting between the two (each ends there too: mentions do not overlap). Not
    # ``between.ents``: spaCy builds every mention of the document for it, quadratic over a long article.
    ents_between = sum(1 for t in between if t.ent_iob_ == "B")
    feats.append("ents_between=" + str(min(ents_between, 3)) if ents_between else "ents_between=0")
    left = doc[first.start - 1] if first.start > first.sent.start else None
    right = doc[second.end] if second.end < second.sent.end else None
    feats.append(f"left={_word(left) if left is not None else '<s>'}")
    feats.append(f"right={_word(right) if right is not None else '</s>'}")
    classes = f"{subject.label_}>{obj.label_}"
    feats.append(f"classes={classes}:{order}")
    if gap <= 4:
        feats.append(f"kinds_between={kinds}:{order}:" + "_".join(_word(t) for t in between))
    left2 = doc[first.start - 2 : first.start] if first.start - 2 >= first.sent.start else None
    right2 = doc[second.end : second.end + 2] if second.end + 2 <= second.sent.end else None
    feats.append("left2=" + ("_".join(_word(t) for t in left2) if left2 is not None else "<s>"))
    feats.append("right2=" + ("_".join(_word(t) for t in right2) if right2 is not None else "</s>"))
    feats.append(f"s_head={_head(subject).lower_}")
    feats.append(f"o_head={_head(obj).lower_}")
    lex, unlex, length = dependency_path(_head(subject), _head(obj))
    feats.append(f"path={lex}")
    feats.append(f"upath={unlex}")
    feats.append(f"kinds_upath={kinds}:{unlex}")
    feats.append(f"kinds_path={kinds}:{lex}")
    feats.append(f"classes_upath={classes}:{unlex}")
    feats.append(f"plen={min(length, 8)}")
    for part in lex.split():
        if part[0] not in "<>" and part[-1] not in "<>" and part != "*":
            feats.append(f"pw={part}")
            feats.append(f"kinds_pw={kinds}:{part}")
    return feats
