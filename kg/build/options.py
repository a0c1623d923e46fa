"""What a build is asked to do (:class:`BuildOptions`) and what it did (:class:`BuildReport`).

Plain data that imports nothing heavy, so the CLI can describe a build without loading spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.nlp import DEFAULT_MODEL
from kg.output import DEFAULT_MAX_NODES


class NotKgOwned(RuntimeError):
    """A path kg would write or delete holds something kg did not make."""


class OutOfSpace(RuntimeError):
    """The disk filled up during a build: its temporary files were removed, the previous outputs kept."""


class NothingToBuild(RuntimeError):
    """No input could be read, so no graph was written."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build; none of these changes the output except ``model``, ``min_confidence`` and ``quotes``.

    Attributes:
        batch_size: most articles per ``nlp.pipe`` batch (and per chunk of work).
        batch_words: most words per batch: spaCy's peak memory grows with the words in
            a batch (about 20 KiB per word for the default model), so this bounds it.
        jobs: processes parsing at once on this machine (0 = one per core).
        engine: ``local`` (this machine) or ``dask`` (the workers of ``scheduler``).
        scheduler: address of a Dask scheduler (``tcp://host:8786``), for ``engine="dask"``.
        cache_dir: where analysed articles are cached (default ``OUT/.kg-cache``);
            ``use_cache=False`` neither reads nor writes it.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 64
    batch_words: int = 10_000
    min_confidence: float | None = None  # None: kg.extract.facts.DEFAULT_MIN_CONFIDENCE
    quotes: bool = True  # read quotes (kg:Quote nodes and the cited_by facts derived from them)
    max_nodes: int = DEFAULT_MAX_NODES
    jobs: int = 0
    engine: str = "local"
    scheduler: str | None = None
    cache_dir: Path | None = None
    use_cache: bool = True
    infer: bool = False  # materialize sub-property/inverse facts into res:graph/inferred (kg.graph.infer)
    # Seconds one article's extraction may take before it is skipped with a warning (0: no limit);
    # a pathological article (thousands of mentions) must not stall a whole build.
    article_seconds: float = 60.0
    # Write into a non-empty directory kg did not make (kg.build.outdir); kg still deletes nothing of the user's.
    force: bool = False



@dataclass
class BuildReport:
    """What a build did; printed at the end and written to ``DIR/report.json``.

    ``seconds`` holds wall-clock time per stage; ``worker_seconds`` the time spent in
    each step inside the workers, summed over all of them.
    """

    articles: int = 0
    parsed: int = 0
    cached: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: int = 0
    facts: int = 0
    facts_per_relation: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    worker_seconds: dict[str, float] = field(default_factory=dict)
    jobs: int = 1
    engine: str = "local"
    model: str = ""
    kg_version: str = __version__
    outputs: list[str] = field(default_factory=list)
    # Time on facts (kg.extract.time, kg.graph.timeline): leader_of facts dropped because the list of
    # office holders contradicts them, and pairs of leader_of facts for one country that overlap in time
    # against that list.
    dropped_facts: list[str] = field(default_factory=list)
    leader_overlaps: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        relations = ", ".join(f"{name} {count}" for name, count in sorted(self.facts_per_relation.items()))
        stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())
        return (
            f"{self.articles} articles read ({self.parsed} parsed, {self.cached} from cache), "
            f"{len(self.skipped)} skipped; {self.entities} entities, {self.facts} facts"
            + (f" ({relations})" if relations else "")
            + f"\ntime: {stages}"
        )
