"""The documentation site builds with ``mkdocs build --strict`` and shows what the code registers.

One build per session (about 5 s of CPU): a broken link, a missing page, a docstring mkdocstrings
cannot render or a benchmark file without its command fails it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def page_text(site: Path, page: str) -> str:
    """The visible text of a built page (tags dropped), for checking what a reader sees."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_every_extractor_is_in_the_rule_table(site):
    from kg.extract.rules import EXTRACTORS

    text = page_text(site, "extraction")
    assert "kg:rules" not in text
    for name, func in EXTRACTORS.items():
        assert name in text
        summary = func.__doc__.strip().splitlines()[0]
        # the docstring's first words, as rendered (roles and literals become code)
        words = re.sub(r"[`:]", "", summary).split()[:4]
        assert " ".join(words) in re.sub(r"[`:]", "", text), name


def test_relation_and_class_tables_list_the_whole_vocabulary(site):
    from kg.vocab import CLASSES, RELATIONS

    text = page_text(site, "data-model")
    for name in [*RELATIONS, *CLASSES]:
        assert f"kg:{name}" in text


def test_cli_reference_has_every_command(site):
    from kg.cli import main

    text = page_text(site, "cli")
    for name in main.commands:
        assert f"kg {name}" in text


def test_every_benchmark_file_is_shown_with_its_command(site):
    shown = "".join(page_text(site, page.name) for page in site.iterdir() if (page / "index.html").is_file())
    for path in sorted((ROOT / "benchmarks").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert f"benchmarks/{path.name}" in shown, f"{path.name} is rendered by no page"
        first_line = data["command"].splitlines()[0]
        assert first_line in shown


def test_api_page_renders_docstrings_without_sphinx_roles(site):
    text = page_text(site, "api")
    assert "stable identifier" in text  # kg.model.Article's attribute docs
    assert not re.search(r":(mod|func|class|data):", text) and "~kg." not in text
    for call in ("kg.build(inputs, out, **options)", "kg.extract(text_or_article)", 'kg.load(out, as_="dataset")'):
        assert call in text


def script(name: str):
    """A module of scripts/ (not a package), imported by path."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_pages_missing_from_the_nav_are_added(tmp_path):
    """A page another change adds under docs/ shows up under "More" instead of breaking --strict."""
    mkdocs_hooks = script("mkdocs_hooks")
    (tmp_path / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "quotes.md").write_text("# Quotes and who said them\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "time.md").write_text("no heading\n", encoding="utf-8")
    config = {"docs_dir": str(tmp_path), "nav": [{"Home": "index.md"}]}
    mkdocs_hooks.on_config(config)
    assert config["nav"][-1] == {"More": [{"Time": "notes/time.md"}, {"Quotes and who said them": "quotes.md"}]}


def test_cli_reference_keeps_the_example_lines(site):
    """click's \\b blocks (the examples) stay one command a line, in a code block."""
    html = (site / "cli" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<code>.*kg build seeds -o output\s+# articles", unescape(re.sub(r"<span[^>]*>|</span>", "", html)), re.S)


def test_a_recorded_benchmark_renders_with_its_command_machine_and_date(tmp_path):
    record = script("benchmark_record").record
    path = record("demo", title="Seed build", columns=["articles", "seconds"], rows=[[1, 4.2], [1000, None]],
                  notes="one run", command="kg build seeds -o out", directory=tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["command"] == "kg build seeds -o out" and f"{os.cpu_count()} cores" in data["machine"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", data["date"])
    table = script("mkdocs_hooks").benchmark_table("demo", directory=tmp_path)
    assert "kg build seeds -o out" in table and data["machine"] in table and data["date"] in table
    assert "| 1,000 |  |" in table and "| 1 | 4.2 |" in table
    with pytest.raises(ValueError, match="3 cells"):
        record("bad", title="x", columns=["a", "b", "c"], rows=[[1, 2]], directory=tmp_path)
