"""The package's wiring: stages import only the stages below them, and spaCy only where text is parsed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    """pyproject.toml's [tool.importlinter] contracts (layers, no spaCy below extraction) hold.

    Run in its own process: import-linter reconfigures logging, which would silence kg's loggers here.
    """
    pytest.importorskip("importlinter", reason="pip install -e '.[test]' (import-linter)")
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=_env())
    assert done.returncode == 0, done.stdout + done.stderr


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _modules_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after ``statement`` (a real process: this one has spaCy loaded)."""
    code = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=True)
    return set(done.stdout.split())


def test_graph_read_query_and_cli_load_no_spacy():
    loaded = _modules_after("import kg.graph.triples, kg.graph.index, kg.read.files, kg.use.query, kg.output.store, kg.cli")
    assert "spacy" not in loaded
    assert "kg.build.pipeline" not in loaded  # the CLI imports the build only to run one


def test_the_api_module_is_cheap_to_import():
    loaded = _modules_after("import kg")
    assert not {"spacy", "rdflib", "kg.build.pipeline"} & loaded


def test_no_class_or_relation_name_as_a_string_literal():
    """Code names classes and relations through kg.vocab (Cls.Person, Rel.heads), generated from kg.ttl.

    Allowed: the generated modules themselves, and a data row's column (``row["located_in"]`` of places.tsv).
    """
    import io
    import tokenize

    from kg.vocab import CLASSES, RELATIONS

    names = set(CLASSES) | set(RELATIONS)
    found = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() in {"kg/vocab.py", "kg/graph/namespace.py"}:
            continue
        tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
        for i, token in enumerate(tokens):
            text = token.string
            if token.type != tokenize.STRING or text[:1] not in "\"'" or text[:3] in {'"""', "'''"}:
                continue
            if text[1:-1] in names and not (tokens[i - 1].string == "[" and tokens[i - 2].string == "row"):
                found.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {text}")
    assert not found, "use kg.vocab.Cls / kg.vocab.Rel:\n" + "\n".join(found)

