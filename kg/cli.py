"""The ``kg`` command: thin click commands, each one library call and a printout."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from kg import __version__
from kg.html import DEFAULT_MAX_NODES
from kg.nlp import DEFAULT_MODEL, ModelNotFound
from kg.pipeline import BuildOptions, NothingToBuild, build
from kg.store import GraphNotFound

log = logging.getLogger("kg")


def _interactive() -> bool:
    """Progress bars only on a terminal, never in CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class KgError(click.ClickException):
    """A library error shown as one clean line and exit status 1."""

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
def main(quiet: bool) -> None:
    """Build an RDF knowledge graph of sourced facts from news articles.

    \b
    Example:
      kg build seeds -o output        # articles -> output/graph.{ttl,trig,jsonld,html}
      kg validate output              # SHACL check of the result
      kg query output 'SELECT ?p ?c WHERE { ?p kg:leader_of ?c }'
    """
    logging.basicConfig(level=logging.ERROR if quiet else logging.INFO, format="%(message)s", stream=sys.stderr)


@main.command("build")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Directory for graph.ttl, graph.trig, graph.jsonld, graph.nq, graph.html.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to parse with (e.g. en_core_web_trf).")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1),
              help="Articles per nlp.pipe batch (and per chunk handed to a worker).")
@click.option("--batch-words", default=10_000, show_default=True, type=click.IntRange(1),
              help="Most words per batch: bounds spaCy's peak memory (about 20 KiB per word).")
@click.option("--min-confidence", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Drop facts whose rule confidence is below this.")
@click.option("--max-nodes", default=DEFAULT_MAX_NODES, show_default=True, type=click.IntRange(1),
              help="Most entities drawn in graph.html (the most connected are kept).")
@click.option("-j", "--jobs", default=0, type=click.IntRange(0),
              help="Processes parsing at once on this machine  [default: all cores].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine; dask: the workers of a Dask cluster (needs --scheduler).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Cache of analysed articles  [default: OUT/.kg-cache].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache (re-parse everything).")
def build_command(inputs, out_dir, model, batch_size, batch_words, min_confidence, max_nodes, jobs, engine, scheduler,
                  cache_dir, no_cache) -> None:
    """Read articles and write the knowledge graph.

    INPUTS are files (.txt, .md, .html, .htm, .jsonl), directories (read recursively)
    or - for standard input. Unreadable inputs are reported and skipped. Articles
    already analysed by the same pipeline are taken from the cache, so a rebuild after
    adding articles parses only the new ones; an interrupted build resumes.

    \b
    Example:
      kg build seeds -o output
      kg build corpus.jsonl news/ -o graph --min-confidence 0.7
      kg build archive/ -o graph --jobs 8 --batch-size 128
      kg build archive/ -o /shared/graph --engine dask --scheduler tcp://10.0.0.5:8786
      cat article.txt | kg build - -o out
    """
    from tqdm import tqdm

    from kg.distributed import EngineError
    from kg.pipeline import count_inputs

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")

    def on_skip(skip) -> None:
        tqdm.write(f"warning: skipped {skip}", file=sys.stderr)

    options = BuildOptions(model=model, batch_size=batch_size, batch_words=batch_words, min_confidence=min_confidence,
                           max_nodes=max_nodes,
                           jobs=jobs, engine=engine, scheduler=scheduler, cache_dir=cache_dir, use_cache=not no_cache)
    interactive = _interactive()
    total = count_inputs(inputs) if interactive else None
    with tqdm(desc="articles", unit=" art", total=total, disable=not interactive, file=sys.stderr, dynamic_ncols=True) as bar:
        try:
            report = build(inputs, out_dir, options, on_skip=on_skip, progress=bar.update)
        except (NothingToBuild, ModelNotFound, EngineError) as err:
            raise KgError(str(err)) from err
    log.info("%s", report.summary())
    log.info("wrote %s", ", ".join(str(out_dir / name) for name in report.outputs))


@main.command("validate")
@click.argument("graph", type=click.Path(path_type=Path))
def validate_command(graph: Path) -> None:
    """Check a graph against the SHACL shapes (ontology/shapes.ttl).

    GRAPH is an output directory or an RDF file. Exits 1 when any shape is violated,
    listing the violations per shape.

    \b
    Example:
      kg validate output
    """
    from kg.validate import validate

    try:
        result = validate(graph)
    except GraphNotFound as err:
        raise KgError(str(err)) from err
    click.echo(result.report())
    if not result.conforms:
        sys.exit(1)


@main.command("query")
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "turtle"]), default="table",
              show_default=True, help="Result format (json = W3C SPARQL results; turtle for CONSTRUCT/DESCRIBE).")
def query_command(graph: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query over a graph; the kg:, res:, schema:, prov:, skos: ... prefixes are predeclared.

    \b
    Example:
      kg query output 'SELECT ?p ?c WHERE { ?p kg:leader_of ?c }'
      kg query output --file ontology/queries/leaders.rq --format csv
    """
    from kg.query import QueryError, run_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query as an argument or with --file, not both")
    text = query_file.read_text(encoding="utf-8") if query_file else sparql
    try:
        click.echo(run_query(graph, text, fmt), nl=False)
    except (QueryError, GraphNotFound) as err:
        raise KgError(str(err)) from err


@main.command("viz")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.html"),
              show_default=True, help="HTML file to write.")
@click.option("--max-nodes", default=DEFAULT_MAX_NODES, show_default=True, type=click.IntRange(1),
              help="Most entities drawn (the most connected are kept).")
def viz_command(graph: Path, out_file: Path, max_nodes: int) -> None:
    """Draw a graph as an interactive, offline HTML page.

    \b
    Example:
      kg viz output -o putin.html --max-nodes 100
    """
    from kg.graphview import to_networkx
    from kg.html import write_html
    from kg.store import load_dataset

    try:
        dataset = load_dataset(graph)
    except GraphNotFound as err:
        raise KgError(str(err)) from err
    write_html(to_networkx(dataset), out_file, max_nodes=max_nodes)
    log.info("wrote %s", out_file)
