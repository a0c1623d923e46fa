"""Shared fixtures: one loaded pipeline per test session, helpers to build articles and run ``kg``.

``run_kg`` runs the command in this process with click's ``CliRunner`` (the spaCy pipeline
stays loaded between builds), or as the installed console script in a new process when a
real process is the point (``process=True``: serve, kill and resume, the script itself).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from kg.model import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


# --- running in parallel (pytest-xdist, `-n auto --dist loadgroup` in pyproject.toml) ----------------

MAX_WORKERS = 4


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_auto_num_workers(config) -> int | None:
    """``-n auto``: one worker per core this process may use, at most ``MAX_WORKERS``.

    Each worker loads spaCy and may start Chromium, and a build inside a test starts one
    process per core again, so a big machine would gain little from dozens of workers.
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still overrides (xdist's own hook reads it).
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                      MAX_WORKERS))


SHARED_ON_ONE_WORKER = ("allsides_build", "corpus_page")


@pytest.hookimpl(tryfirst=True)  # before xdist tags each grouped test id with its group
def pytest_collection_modifyitems(config, items) -> None:
    """Tests that share an expensive fixture run on one worker, so it is made once (``--dist loadgroup``).

    The session fixtures in ``SHARED_ON_ONE_WORKER`` (the allsides gold build, about 35 s; the synthetic
    corpus page of tests/test_browser.py, about 10 s) each get a group; so does each module whose tests
    use a module-scoped fixture (a build, a server, the mkdocs site), or every worker would make it again.
    """
    for item in items:
        names = getattr(item, "fixturenames", ())
        group = next((name for name in SHARED_ON_ONE_WORKER if name in names), None)
        if group is None:
            definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
            if any(defs and defs[-1].scope == "module" for defs in definitions.values()):
                group = item.module.__name__
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def lexicon():
    from kg.nlp.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture(scope="session")
def analyse(nlp, lexicon):
    """Run the whole per-article pipeline on a text (only ``rules``, when given; ``min_confidence`` as
    ``kg build --min-confidence``, the default floors when ``None``): returns the ArticleResult."""
    from kg.extract.facts import extract_facts

    def run(text: str, article_id: str = "t", rules=None, min_confidence=None, **meta):
        article = Article(id=article_id, text=text, **meta)
        return extract_facts(article, nlp(text), lexicon, rules=rules, min_confidence=min_confidence)

    return run


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """``kg build seeds -o DIR`` run once through the real console script."""
    out = tmp_path_factory.mktemp("seed-build")
    run_kg("build", str(SEEDS), "-o", str(out))
    return out


def run_kg(
    *args: str, input: bytes | None = None, check: bool = True, process: bool = False
) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` as a user does; returns exit status, stdout and stderr (bytes).

    In this process through click's ``CliRunner`` unless ``process`` is true; an exception
    that escapes a command is written to stderr as a traceback, as Python would print it.
    """
    if process:
        env = {**os.environ, "CI": "1"}
        script = Path(sys.executable).parent / "kg"
        command = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
        proc = subprocess.run([*command, *args], input=input, capture_output=True, env=env, timeout=600)
    else:
        from click.testing import CliRunner

        from kg.cli import main

        result = CliRunner(env={"CI": "1"}).invoke(main, list(args), input=input, prog_name="kg")
        stderr = result.stderr_bytes or b""
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            stderr += "".join(traceback.format_exception(*result.exc_info)).encode("utf-8")
        proc = subprocess.CompletedProcess(["kg", *args], result.exit_code, result.stdout_bytes, stderr)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return proc


def require_shared(path: Path, what: str) -> None:
    """Skip, loudly, when a file from ../shared is missing; in CI (``CI=true``) fail instead."""
    if path.exists():
        return
    reason = f"{path} is absent: {what} (needs ../shared beside the clone)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI: {reason}")
    pytest.skip(f"NOT RUN: {reason}")


# --- the allsides gold build (tests/test_eval_allsides.py, tests/test_browser.py) ---------------------

ALLSIDES_GOLD = ROOT / "tests" / "gold" / "allsides"
ALLSIDES_CORPUS = SHARED / "corpora" / "allsides" / "articles.jsonl"
ALLSIDES_REFERENCE = SHARED / "gold" / "allsides-reference.tsv"


def gold_docs(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t", 1)[0] for line in lines if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="session")
def allsides_build(tmp_path_factory) -> Path:
    """One build of every allsides gold article (dev, test and the shared reference): 234 articles
    of many outlets, the gold floors' build and the explorer's built corpus (over 400 nodes: the overview)."""
    if not (ALLSIDES_CORPUS.is_file() and ALLSIDES_REFERENCE.is_file()):
        message = f"{ALLSIDES_CORPUS} or {ALLSIDES_REFERENCE} is absent: the allsides gold cannot be built (needs ../shared)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("allsides-gold")
    wanted = gold_docs(ALLSIDES_GOLD / "split.txt") | gold_docs(ALLSIDES_REFERENCE)
    corpus = root / "articles.jsonl"
    found = set()
    with ALLSIDES_CORPUS.open(encoding="utf-8") as source, corpus.open("w", encoding="utf-8") as out:
        for line in source:
            if json.loads(line)["id"] in wanted:
                out.write(line)
                found.add(json.loads(line)["id"])
    assert found == wanted, f"gold articles missing from the corpus: {sorted(wanted - found)}"
    run_kg("build", str(corpus), "-o", str(root / "out"))
    return root / "out"
