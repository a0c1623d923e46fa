"""SHACL validation of an output graph with pyshacl against ``ontology/shapes.ttl``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SH

from kg.graph.ontology import ontology_graph, shapes_graph
from kg.output.store import load_dataset

EXAMPLES_PER_SHAPE = 3


@dataclass(frozen=True)
class Violation:
    shape: str
    focus: str
    path: str
    message: str


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    triples: int
    violations: tuple[Violation, ...]

    def report(self) -> str:
        """A readable report: one heading per violated shape, a few example nodes each."""
        if self.conforms:
            return f"conforms: {self.triples} triples satisfy every shape in shapes.ttl"
        by_shape: dict[str, list[Violation]] = defaultdict(list)
        for violation in self.violations:
            by_shape[violation.shape].append(violation)
        lines = [f"does not conform: {len(self.violations)} violation(s) of {len(by_shape)} shape(s)"]
        for shape, items in sorted(by_shape.items()):
            lines.append(f"\n{shape}: {len(items)} violation(s)")
            lines.append(f"  {items[0].message}")
            for item in items[:EXAMPLES_PER_SHAPE]:
                lines.append(f"  - {item.focus}" + (f" ({item.path})" if item.path else ""))
            if len(items) > EXAMPLES_PER_SHAPE:
                lines.append(f"  ... and {len(items) - EXAMPLES_PER_SHAPE} more")
        return "\n".join(lines)


def _short(graph: Graph, node) -> str:
    if node is None:
        return ""
    try:
        return graph.namespace_manager.normalizeUri(node)
    except Exception:
        return str(node)


def validate(path: Path) -> ValidationResult:
    """Validate an output directory or RDF file; subclass targeting uses the ontology.

    RDFS inference stays off on purpose: with it, the ontology's domains would *make* any
    subject of kg:leader_of a kg:Person and hide exactly the errors the shapes look for.
    """
    dataset = load_dataset(path)
    data = Graph()
    for prefix, namespace in dataset.namespaces():
        data.bind(prefix, namespace, override=True)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none")
    shapes = shapes_graph()
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        name = (shapes.value(source, SH.name) or shapes.value(source, RDFS.label)) if source is not None else None
        violations.append(
            Violation(
                shape=f"{_short(shapes, source)}" + (f" ({name})" if name else ""),
                focus=_short(data, report.value(result, SH.focusNode)),
                path=_short(data, report.value(result, SH.resultPath)),
                message=str(report.value(result, SH.resultMessage) or ""),
            )
        )
    violations.sort(key=lambda v: (v.shape, v.focus, v.path))
    return ValidationResult(bool(conforms), len(data), tuple(violations))
