"""MkDocs hooks for kg's documentation site (``hooks:`` in mkdocs.yml).

Tables that would go stale if copied by hand are generated here at build time:

- ``<!-- kg:rules -->``: one row per registered extractor, from its docstring
  (``kg.extract.rules.EXTRACTORS``), in the order the extractors run;
- ``<!-- kg:relations -->`` and ``<!-- kg:classes -->``: the ontology's relations and classes
  from ``ontology/kg.ttl``;
- ``<!-- kg:cli -->``: every ``kg`` command's help, usage and options, from the click commands;
- ``<!-- kg:benchmark NAME -->``: the results in ``benchmarks/NAME.json`` (command, machine,
  date, numbers), rendered as a table.

Pages that other work adds under docs/ and that mkdocs.yml's ``nav`` does not list are
appended to the nav under "More" (sorted by file name), so a new page shows up without
editing mkdocs.yml and never breaks ``mkdocs build --strict``.

Written by hand: it is glue between mkdocs' documented hook events and kg's own registries,
which no plugin knows about.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^([ \t]*)<!--\s*kg:(rules|relations|classes|cli|benchmark)\s*([\w.-]*)\s*-->", re.MULTILINE)


def on_config(config):
    """Document this checkout's code; append docs/*.md pages missing from the nav under "More"."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # the tables describe this tree's kg, not another installed one
    nav = config.get("nav")
    if not nav:
        return config
    listed = set(_nav_files(nav))
    docs_dir = Path(config["docs_dir"])
    extra = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    extra = [page for page in extra if page not in listed]
    if extra:
        nav.append({"More": [{_title(docs_dir / page): page} for page in extra]})
    return config


def on_page_markdown(markdown, page, config, files):
    """Replace the ``<!-- kg:... -->`` markers with generated tables."""

    def render(match: re.Match) -> str:
        indent, kind, arg = match.group(1), match.group(2), match.group(3)
        if kind == "rules":
            text = rule_table()
        elif kind == "relations":
            text = relation_table()
        elif kind == "classes":
            text = class_table()
        elif kind == "cli":
            text = cli_reference()
        else:
            text = benchmark_table(arg)
        # A marker inside a list item keeps its indentation, so the table stays in the item.
        return "\n".join(indent + line if line else line for line in text.splitlines())

    return MARKER.sub(render, markdown)


def on_page_content(html, page, config, files):
    """Drop the Sphinx roles of docstrings from the rendered HTML.

    kg's docstrings use Sphinx roles (``:func:``, ``:mod:`` ...); mkdocstrings renders
    ``:func:`x``` as the text ``:func:`` followed by the code ``x``, and the role means nothing
    to a reader of this site.
    """
    html = re.sub(r":(?:py:)?(?:mod|func|class|meth|attr|data|exc|obj):(?=<code>)", "", html)
    # `~kg.model.Article` is Sphinx for "show only the last name": Article.
    return re.sub(r"<code>~([\w.]+)</code>", lambda m: f"<code>{m.group(1).rsplit('.', 1)[-1]}</code>", html)


def _nav_files(nav) -> list[str]:
    files = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            files += _nav_files(value)
        elif isinstance(value, str) and not value.startswith(("http://", "https://")):
            files.append(value)
    return files


def _title(path: Path) -> str:
    """A page's first ``# heading``, else its file name."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem.replace("-", " ").capitalize()


def _cell(text: str) -> str:
    """Docstring text as one Markdown table cell: reST roles and literals become code, pipes escaped."""
    text = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", text)
    text = text.replace("``", "`")
    return " ".join(text.split()).replace("|", "\\|")


def rule_table() -> str:
    """One row per registered extractor: name, source module, and its docstring."""
    from kg.extract.rules import EXTRACTORS

    rows = ["| rule | in | what it reads |", "|---|---|---|"]
    for name, func in EXTRACTORS.items():
        doc = inspect.getdoc(func)
        if not doc:
            raise ValueError(f"extractor {name} has no docstring: the rule table is made from docstrings")
        module = func.__module__.rsplit(".", 1)[-1] + ".py"
        rows.append(f"| `{name}` | {module} | {_cell(doc)} |")
    return "\n".join(rows) + "\n"


def cli_reference() -> str:
    """Each ``kg`` command as ``kg COMMAND --help`` shows it: help text, usage, then the options.

    Hand-written rather than mkdocs-click: click's ``\\b`` (keep these lines as they are) blocks,
    which hold kg's examples, become code blocks here instead of one run-together paragraph.
    """
    import click

    from kg.cli import main

    root = click.Context(main, info_name="kg")
    parts = _command_doc(main, root, "The `kg` command")
    for name in main.list_commands(root):
        command = main.get_command(root, name)
        parts += _command_doc(command, click.Context(command, info_name=name, parent=root), f"`kg {name}`")
    return "\n".join(parts) + "\n"


def _command_doc(command, ctx, heading: str) -> list[str]:
    import click

    lines = [f"## {heading}", ""]
    for paragraph in inspect.cleandoc(command.help or "").split("\n\n"):
        if paragraph.startswith("\b\n"):
            lines += ["```text", inspect.cleandoc(paragraph[2:]), "```", ""]
        elif paragraph.strip():
            lines += [" ".join(paragraph.split()), ""]
    usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
    lines += ["```text", usage, "```", ""]
    options = [p.get_help_record(ctx) for p in command.get_params(ctx) if isinstance(p, click.Option)]
    options = [record for record in options if record]
    if options:
        lines += ["| option | what it does |", "|---|---|"]
        lines += [f"| `{names}` | {_cell(text)} |" for names, text in options]
        lines.append("")
    return lines


def _ontology():
    from rdflib import Graph

    graph = Graph()
    graph.parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    return graph


def _local(graph, term) -> str:
    """``kg:leader_of``-style name of an IRI; unions of classes as ``A or B``."""
    from rdflib import BNode
    from rdflib.collection import Collection
    from rdflib.namespace import OWL

    if isinstance(term, BNode):
        members = graph.value(term, OWL.unionOf)
        if members is not None:
            return " or ".join(_local(graph, m) for m in Collection(graph, members))
        return "?"
    return graph.namespace_manager.normalizeUri(term)


def relation_table() -> str:
    """The ontology's object properties in the kg: namespace: domain, range, axioms, definition."""
    from rdflib.namespace import OWL, RDF, RDFS

    graph = _ontology()
    ns = "https://w3id.org/kg-news/ontology#"
    rows = ["| relation | from → to | also | definition |", "|---|---|---|---|"]
    for prop in sorted(p for p in graph.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(ns)):
        domain = graph.value(prop, RDFS.domain)
        range_ = graph.value(prop, RDFS.range)
        also = [f"⊑ {_local(graph, s)}" for s in sorted(graph.objects(prop, RDFS.subPropertyOf))]
        also += [f"inverse of {_local(graph, i)}" for i in sorted(graph.objects(prop, OWL.inverseOf))]
        also += [f"inverse of {_local(graph, i)}" for i in sorted(graph.subjects(OWL.inverseOf, prop))]
        for kind in (OWL.SymmetricProperty, OWL.TransitiveProperty):
            if (prop, RDF.type, kind) in graph:
                also.append(_local(graph, kind).split(":")[1].removesuffix("Property").lower())
        ends = f"{_local(graph, domain) if domain else 'any'} → {_local(graph, range_) if range_ else 'any'}"
        comment = graph.value(prop, RDFS.comment)
        rows.append(f"| `{_local(graph, prop)}` | {ends} | {', '.join(also)} | {_cell(str(comment or ''))} |")
    return "\n".join(rows) + "\n"


def class_table() -> str:
    """The ontology's classes in the kg: namespace with their superclasses."""
    from rdflib.namespace import OWL, RDF, RDFS

    graph = _ontology()
    ns = "https://w3id.org/kg-news/ontology#"
    rows = ["| class | subclass of | definition |", "|---|---|---|"]
    for cls in sorted(c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(ns)):
        parents = ", ".join(_local(graph, p) for p in sorted(graph.objects(cls, RDFS.subClassOf)) if not _is_bnode(p))
        comment = graph.value(cls, RDFS.comment)
        rows.append(f"| `{_local(graph, cls)}` | {parents} | {_cell(str(comment or ''))} |")
    return "\n".join(rows) + "\n"


def _is_bnode(term) -> bool:
    from rdflib import BNode

    return isinstance(term, BNode)


def benchmark_table(name: str, directory: Path = ROOT / "benchmarks") -> str:
    """``benchmarks/NAME.json`` as a Markdown table with its command, machine and date.

    The file holds ``title``, ``command``, ``machine``, ``date`` (and optionally ``commit``,
    ``notes``), ``columns`` and ``rows``; scripts/benchmark_record.py writes such files.
    """
    path = directory / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("command", "machine", "date", "columns", "rows"):
        if key not in data:
            raise ValueError(f"{path}: no {key!r}")
    head = [f"**{data['title']}**" if data.get("title") else "", ""]
    meta = f"Measured {data['date']}"
    if data.get("commit"):
        meta += f" at commit `{data['commit']}`"
    meta += f" on {data['machine']}, with"
    head += [meta, "", "```sh", data["command"], "```", ""]
    columns = data["columns"]
    table = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for row in data["rows"]:
        if len(row) != len(columns):
            raise ValueError(f"{path}: a row has {len(row)} cells for {len(columns)} columns")
        table.append("| " + " | ".join(_number(v) for v in row) + " |")
    tail = ["", data["notes"]] if data.get("notes") else []
    return "\n".join(head + table + tail) + f"\n\n<small>Source: `benchmarks/{name}.json`</small>\n"


def _number(value) -> str:
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    return _cell(str(value))
