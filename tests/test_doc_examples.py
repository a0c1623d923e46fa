"""The console examples on the seed in README.md and docs/*.md print what the pages say they print.

A ```console block holds ``$ kg ...`` lines, each followed by its output. Every ``kg query`` and
``kg validate`` example on ``output`` (the quick start's build of seeds/) or ``output-inferred``
(the same with ``--infer``) is run on such a build, from the repository root, and its output
compared line by line.
"""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT, run_kg

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUNNABLE = [["kg", command, graph] for command in ("query", "validate") for graph in ("output", "output-inferred")]


def console_examples() -> list[tuple[str, str, str]]:
    """(page, command, expected output) for each runnable ``$ kg ...`` line of a console block."""
    examples = []
    for page in PAGES:
        for block in re.findall(r"```console\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL):
            for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
                command, _, output = chunk.partition("\n")
                if shlex.split(command)[:3] in RUNNABLE and "..." not in output:
                    examples.append((page.relative_to(ROOT).as_posix(), command, output.strip()))
    return examples


EXAMPLES = console_examples()


def test_the_pages_have_runnable_examples():
    assert {page for page, *_ in EXAMPLES} >= {"README.md", "docs/query.md"}


@pytest.fixture(scope="module")
def inferred_build(tmp_path_factory):
    """``kg build seeds -o output-inferred --infer``, as on the page."""
    out = tmp_path_factory.mktemp("seed-inferred")
    run_kg("build", str(ROOT / "seeds"), "-o", str(out), "--infer")
    return out


@pytest.mark.parametrize("page, command, expected", EXAMPLES, ids=[f"{p}: {c[:50]}" for p, c, _ in EXAMPLES])
def test_console_example_prints_what_the_page_says(request, monkeypatch, page, command, expected):
    args = shlex.split(command)[1:]
    fixture = "inferred_build" if args[1] == "output-inferred" else "seed_build"
    args[1] = str(request.getfixturevalue(fixture))
    monkeypatch.chdir(ROOT)  # --file ontology/queries/... is relative to the repository
    proc = run_kg(*args, check=False)
    printed = (proc.stdout.decode() + proc.stderr.decode()).strip()
    assert printed.splitlines() == expected.splitlines()
