"""Shared fixtures: one loaded pipeline per test session, helpers to build articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


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
    """Run the whole per-article pipeline on a text: returns the ArticleResult."""
    from kg.extract.facts import extract_facts

    def run(text: str, article_id: str = "t", **meta):
        article = Article(id=article_id, text=text, **meta)
        return extract_facts(article, nlp(text), lexicon)

    return run


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """``kg build seeds -o DIR`` run once through the real console script."""
    out = tmp_path_factory.mktemp("seed-build")
    run_kg("build", str(SEEDS), "-o", str(out))
    return out


def run_kg(*args: str, input: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the installed ``kg`` command the way a user does."""
    env = {**os.environ, "CI": "1"}
    script = Path(sys.executable).parent / "kg"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    proc = subprocess.run([*command, *args], input=input, capture_output=True, env=env, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return proc
