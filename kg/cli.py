"""The ``kg`` command: thin click commands, each one library call and a printout.

Each command imports the stage it runs inside its own body, so ``kg --version`` and
``kg query`` load neither spaCy nor the build (tests/test_layers.py checks it).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from kg import __version__
from kg.nlp import DEFAULT_MODEL
from kg.output import DEFAULT_MAX_NODES, OVERVIEW_MIN_NODES

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
    _log_to_stderr(logging.ERROR if quiet else logging.INFO)


def _log_to_stderr(level: int) -> None:
    """``logging.basicConfig`` to the current ``sys.stderr``, again on every call.

    basicConfig does nothing once the root logger has a handler, so a second command run in
    the same process (a test with click's CliRunner, a notebook) would log to the first one's
    stream; the handler this function added last time is replaced instead.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "kg_cli", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.kg_cli = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


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
@click.option("--min-confidence", default=None, type=click.FloatRange(0, 1),
              help="Drop facts whose rule confidence is below this. Default: the classifier's facts below 0.9 are "
                   "dropped, every rule's kept; 0 keeps everything.")
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
@click.option("--article-timeout", "article_seconds", default=60.0, show_default=True, type=click.FloatRange(0),
              help="Seconds one article's extraction may take; an article over it is skipped with a warning "
                   "(0 = no limit).")
@click.option("--infer", is_flag=True,
              help="Also write the facts implied by sub-properties and inverses (owlrl) to the named graph "
                   "res:graph/inferred.")
@click.option("--no-quotes", is_flag=True,
              help="Read no quotes: no kg:Quote nodes and no source facts derived from them (a smaller, faster "
                   "graph; the rules' own sources stay).")
@click.option("--force", is_flag=True,
              help="Write into a non-empty directory kg did not make (its graph.* and report.json are replaced; "
                   "nothing else is deleted). Without it kg writes only into an empty directory or its own.")
def build_command(inputs, out_dir, model, batch_size, batch_words, min_confidence, max_nodes, jobs, engine, scheduler,
                  cache_dir, no_cache, article_seconds, infer, no_quotes, force) -> None:
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

    from kg.build.engines import EngineError
    from kg.build.pipeline import BuildOptions, NotKgOwned, NothingToBuild, OutOfSpace, build
    from kg.nlp import ModelNotFound
    from kg.read.files import count_articles

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")

    def on_skip(skip) -> None:
        tqdm.write(f"warning: skipped {skip}", file=sys.stderr)

    def on_warning(notice) -> None:
        tqdm.write(f"warning: {notice}", file=sys.stderr)

    options = BuildOptions(model=model, batch_size=batch_size, batch_words=batch_words, min_confidence=min_confidence,
                           max_nodes=max_nodes, jobs=jobs, engine=engine, scheduler=scheduler, cache_dir=cache_dir,
                           use_cache=not no_cache, infer=infer, article_seconds=article_seconds,
                           quotes=not no_quotes, force=force)
    interactive = _interactive()
    total = count_articles(inputs) if interactive else None
    with tqdm(desc="articles", unit=" art", total=total, disable=not interactive, file=sys.stderr, dynamic_ncols=True) as bar:
        try:
            report = build(inputs, out_dir, options, on_skip=on_skip, on_warning=on_warning, progress=bar.update)
        except (NothingToBuild, NotKgOwned, OutOfSpace, ModelNotFound, EngineError) as err:
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
    from kg.output.store import GraphNotFound
    from kg.use.validate import validate

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
@click.option("--engine", type=click.Choice(["auto", "rdflib", "oxigraph"]), default="auto", show_default=True,
              help="Query engine; auto = pyoxigraph for graphs above ~20k triples, rdflib below.")
def query_command(graph: Path, sparql: str | None, query_file: Path | None, fmt: str, engine: str) -> None:
    """Run a SPARQL query over a graph; the kg:, res:, schema:, prov:, skos: ... prefixes are predeclared.

    \b
    Example:
      kg query output 'SELECT ?p ?c WHERE { ?p kg:leader_of ?c }'
      kg query output --file ontology/queries/leaders.rq --format csv
      kg query big-output --engine oxigraph 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }'
    """
    from kg.output.store import GraphNotFound
    from kg.use.query import QueryError, run_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query as an argument or with --file, not both")
    text = query_file.read_text(encoding="utf-8") if query_file else sparql
    try:
        click.echo(run_query(graph, text, fmt, engine), nl=False)
    except (QueryError, GraphNotFound) as err:
        raise KgError(str(err)) from err


@main.command("viz")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML page to write (default graph.html when no --png/--svg is given).")
@click.option("--png", "png_file", type=click.Path(dir_okay=False, path_type=Path), help="Also/instead write a PNG picture.")
@click.option("--svg", "svg_file", type=click.Path(dir_okay=False, path_type=Path), help="Also/instead write an SVG picture.")
@click.option("--focus", metavar="NAME", help="Only the entities around this one (any of its names).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1),
              help="With --focus: how many facts away from it to go.")
@click.option("--relation", "relations", multiple=True, metavar="NAME",
              help="Only facts of this relation (repeatable), e.g. --relation leader_of.")
@click.option("--class", "classes", multiple=True, metavar="NAME",
              help="Only entities of this class (repeatable), e.g. --class Person.")
@click.option("--min-confidence", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Only evidence at least this confident.")
@click.option("--max-nodes", default=DEFAULT_MAX_NODES, show_default=True, type=click.IntRange(1),
              help="Most entities drawn (the best connected are kept; the page says how many were left out).")
@click.option("--overview/--no-overview", "overview", default=None,
              help="Open on the overview: clusters of entities, the most connected ones named, articles hidden; "
                   "every entity stays in the page (--max-nodes does not apply)  [default: for graphs of more "
                   f"than {OVERVIEW_MIN_NODES} nodes without --focus].")
@click.option("--title", help="Page and picture title.")
def viz_command(graph: Path, out_file, png_file, svg_file, focus, depth, relations, classes, min_confidence,
                max_nodes, overview, title) -> None:
    """Draw a graph as an interactive, offline HTML page and/or a PNG/SVG picture.

    GRAPH is an output directory of `kg build` or an RDF file. Filters apply in this
    order: --relation/--class/--min-confidence, then --focus/--depth, then --max-nodes;
    the page and the pictures show the same entities and facts.

    \b
    Example:
      kg viz output -o explorer.html
      kg viz output --focus "Vladimir Putin" --depth 2 -o putin.html --png putin.png
      kg viz output --relation leader_of --svg leaders.svg
    """
    from kg.output.entitygraph import load_graph
    from kg.output.views import SelectionError, keep_top_nodes, select_view
    from kg.output.html import write_html
    from kg.output.image import ImageFormatError, image_format, write_image
    from kg.output.store import GraphNotFound

    if depth != 1 and focus is None:
        raise click.UsageError("--depth needs --focus")
    if out_file is None and png_file is None and svg_file is None:
        out_file = Path("graph.html")
    try:
        for picture, suffix in ((png_file, ".png"), (svg_file, ".svg")):
            if picture is not None and image_format(picture) != suffix[1:]:
                raise ImageFormatError(f"{picture}: the --{suffix[1:]} file must end in {suffix}")
        view = select_view(load_graph(graph), focus=focus, depth=depth, relations=relations,
                           classes=classes, min_confidence=min_confidence)
    except (GraphNotFound, SelectionError, ImageFormatError) as err:
        raise KgError(str(err)) from err
    if overview is None:
        overview = focus is None and view.number_of_nodes() > OVERVIEW_MIN_NODES
    if not overview:
        view = keep_top_nodes(view, max_nodes, pinned=[view.graph["focus"]] if "focus" in view.graph else ())
    if title is None:
        title = f"{view.nodes[view.graph['focus']]['label']} and its connections" if focus else "kg knowledge graph"
    written = []
    if out_file is not None:
        write_html(view, out_file, title=title, max_nodes=max_nodes, overview_mode=overview)
        written.append(out_file)
    for picture in (png_file, svg_file):
        if picture is not None:
            write_image(view, picture, title=title, overview_mode=overview)
            written.append(picture)
    left_out = view.graph.get("left_out_nodes", 0)
    log.info("%d entities, %d facts%s; wrote %s", view.number_of_nodes(), view.number_of_edges(),
             f" ({left_out} entities left out)" if left_out else "", ", ".join(map(str, written)))


# --- kg eval (issue 3: measured, not claimed) -------------------------------------------------


def _split_csv(ctx, param, value: str | None) -> list[str] | None:
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--articles", callback=_split_csv, metavar="ID,...", help="Score only these article ids.")
@click.option("--relations", callback=_split_csv, metavar="R,...", help="Score only these relations.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Ignore predicted facts whose best assertion confidence is below this.")
@click.option("--show-errors/--no-show-errors", default=True, show_default=True,
              help="List the missed and the false facts after the scores.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--fail-under", type=click.FloatRange(0, 1), default=None, metavar="F1",
              help="Exit 1 when the overall F1 is below this (for CI).")
@click.option("--fail-under-precision", type=click.FloatRange(0, 1), default=None, metavar="P",
              help="Exit 1 when the overall precision is below this (for CI).")
def eval_command(gold, graph, articles, relations, min_confidence, show_errors, fmt, fail_under,
                 fail_under_precision) -> None:
    """Score a graph against hand-annotated gold facts: precision, recall, F1.

    GOLD is a gold file (.tsv or .jsonl; the format is in docs/evaluation.md) or a directory of them;
    GRAPH an output directory or RDF file. Facts are scored per article and relation;
    the missed and false facts follow the scores.

    \b
    Example:
      kg build seeds -o output && kg eval tests/gold/seed.tsv output
      kg eval tests/gold output --relations heads,works_for --format json
      kg eval tests/gold/quotes/allsides-dev.tsv output   # quotes gold: docs/quotes.md

    A gold in the quotes format (8 columns: doc, speaker, kind, cue, addressee, first words,
    last words, note) scores the graph's kg:Quote nodes instead: recall, precision, speaker
    and span agreement per kind.
    """
    from kg.output.store import GraphNotFound
    from kg.use.evaluate import GoldError, evaluate, format_json, format_table, load_gold
    from kg.use.evaluate_quotes import evaluate_quotes, format_quote_json, format_quote_table, is_quotes_gold

    if gold.exists() and is_quotes_gold(gold):
        try:
            quote_result = evaluate_quotes(gold, graph, articles=articles)
        except (GoldError, GraphNotFound) as err:
            raise KgError(str(err)) from err
        click.echo(format_quote_json(quote_result) if fmt == "json"
                   else format_quote_table(quote_result, show_errors=show_errors), nl=False)
        return

    try:
        result = evaluate(load_gold(gold), graph, articles=articles, relations=relations,
                          min_confidence=min_confidence)
    except (GoldError, GraphNotFound) as err:
        raise KgError(str(err)) from err
    click.echo(format_json(result) if fmt == "json" else format_table(result, show_errors=show_errors), nl=False)
    overall = result.overall
    if fail_under is not None and overall.f1 < fail_under:
        click.echo(f"error: F1 {overall.f1:.3f} is below {fail_under}", err=True)
        sys.exit(1)
    if fail_under_precision is not None and (overall.precision or 0.0) < fail_under_precision:
        click.echo(f"error: precision {overall.precision or 0.0:.3f} is below {fail_under_precision}", err=True)
        sys.exit(1)


@main.command("export")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--to", "fmt", required=True,
              type=click.Choice(["nquads", "ntriples", "graphml", "gexf", "neo4j", "csv"]),
              help="nquads/ntriples for bulk loaders; graphml/gexf for Gephi, yEd, Cytoscape; "
                   "neo4j (CSV + import scripts) and csv write a directory.")
@click.option("-o", "--out", "out", required=True, type=click.Path(path_type=Path),
              help="File to write (nquads, ntriples, graphml, gexf) or directory (neo4j, csv).")
def export_command(graph: Path, fmt: str, out: Path) -> None:
    """Export a graph for triple stores, graph databases and graph tools.

    \b
    Example:
      kg export output --to nquads -o graph.nq
      kg export output --to neo4j -o neo4j-import   # then: sh neo4j-import/import.sh
      kg export output --to graphml -o graph.graphml
    """
    from kg.output.export import export
    from kg.output.store import GraphNotFound

    try:
        written = export(graph, fmt, out)
    except (GraphNotFound, ValueError) as err:
        raise KgError(str(err)) from err
    log.info("wrote %d file(s) to %s", len(written), out)


@main.command("serve")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--timeout", "timeout_s", default=30, show_default=True, type=click.IntRange(1),
              help="Seconds a query may run before it is stopped.")
@click.option("--max-results", default=10_000, show_default=True, type=click.IntRange(0),
              help="Most rows (or described resources) a query returns; 0 = no cap. A JSON result cut at the cap "
                   "says so in a top-level \"warning\" member and every cut result in the X-SPARQL-Warning header.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let web pages from ORIGIN (e.g. https://yasgui.triply.cc, or * for any) read the answers "
                   "(repeatable). Off by default.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Accept requests whose Host header is NAME (repeatable); by default only the --host address "
                   "(and localhost on loopback) is accepted, so DNS rebinding cannot reach the endpoint.")
@click.option("--allow-service", "allow_services", multiple=True, metavar="URL",
              help="Let queries call this remote endpoint with SERVICE <URL> (repeatable). SERVICE is refused "
                   "by default: it would make the endpoint send requests to any address.")
def serve_command(graph: Path, host: str, port: int, timeout_s: int, max_results: int, cors, allow_hosts,
                  allow_services) -> None:
    """Serve a graph as a read-only SPARQL 1.1 endpoint (Oxigraph server) at http://HOST:PORT/query.

    JSON, XML, CSV and TSV results and Turtle or N-Triples graphs by content negotiation;
    SPARQL Update refused with 403; SERVICE refused unless allowed; queries over 256 KB,
    nested over 128 brackets deep or with over 1,000 operators refused with 413/400. Stop
    with Ctrl-C.

    \b
    Example:
      kg serve output --port 7878
      kg serve output --cors https://yasgui.triply.cc
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?p kg:leader_of ?c }' http://127.0.0.1:7878/query
    """
    from kg.output.store import GraphNotFound
    from kg.use.serve import ServeError, ServeOptions, serve

    def ready(url: str) -> None:
        log.info("SPARQL endpoint at %s (read-only; Ctrl-C to stop)", url)
        if host not in {"127.0.0.1", "localhost", "::1"}:
            log.warning("warning: listening on %s: anyone who can reach it can query the graph (no authentication)", host)

    try:
        serve(graph, ServeOptions(host=host, port=port, timeout_s=timeout_s, max_results=max_results, cors=tuple(cors),
                                  allow_hosts=tuple(allow_hosts), allow_services=tuple(allow_services)),
              on_ready=ready)
    except (GraphNotFound, ServeError) as err:
        raise KgError(str(err)) from err
