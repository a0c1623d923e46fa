"""Issue 16 items 9 and 11: the output set switches whole, and kg writes only into a folder it owns.

Item 9: a build killed while writing left graph.nq of the new build beside the old
graph.ttl/trig/jsonld/html/report.json, and a stale ``.graph.trig.*.tmp`` after a good rerun.
Item 11: kg wrote into any folder (a user's, ``~``), replacing what was there.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, run_kg
from test_scale import _kg_command, write_corpus

from kg.build.options import NotKgOwned
from kg.build.outdir import claim
from kg.output import outset
from kg.output.store import graph_file

SET = ("graph.nq", "graph.trig", "graph.ttl", "graph.jsonld", "graph.html")
OLD, NEW = 20, 30  # articles in the old and the new build: report.json tells them apart


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The old and the new corpus, each built once into its own folder, sharing one cache."""
    root = tmp_path_factory.mktemp("sets")
    cache = root / "cache"
    old, new = write_corpus(root / "old.jsonl", OLD), write_corpus(root / "new.jsonl", NEW, start=100)
    for corpus in (old, new):
        run_kg("build", str(corpus), "-o", str(root / corpus.stem), "--cache-dir", str(cache), "--jobs", "1")
    return root


def reader_view(out: Path) -> dict[str, bytes]:
    """Each file of the set as a reader (kg query, kg serve, kg.load ...) finds it."""
    return {name: (outset.resolve(out, name) or out / name).read_bytes() for name in (*SET, "report.json")}


def which_build(out: Path, builds: Path) -> str:
    """'old' or 'new' when every file of the set is that build's; fails on a mix."""
    seen = reader_view(out)
    articles = json.loads(seen.pop("report.json"))["articles"]
    owners = {name: [b for b in ("old", "new") if (builds / b / name).read_bytes() == data] for name, data in seen.items()}
    assert all(owners.values()), owners
    names = {owner for found in owners.values() for owner in found}
    assert len(names) == 1, f"a mixed set: {owners}"
    (name,) = names
    assert articles == {"old": OLD, "new": NEW}[name]
    return name


def stale_temps(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))


# What shows that the build has reached a point of its write stage: the new graph.nq (written
# first) or the temporary graph.html (written last), wherever the build puts them.
TRIGGERS = {
    "graph.nq written": lambda out, before: (out / ".kg-work" / "set" / "graph.nq").exists()
    or (out / "graph.nq").stat().st_ino != before,
    "graph.html being written": lambda out, before: any(out.glob(".graph.html.*.tmp"))
    or any(out.glob(".kg-work/set/.graph.html.*.tmp")),
}


@pytest.mark.parametrize("point", TRIGGERS)
def test_kill_9_in_the_write_stage_leaves_the_whole_old_set_and_a_rerun_leaves_no_temp_files(builds, tmp_path, point):
    out = tmp_path / "out"
    shutil.copytree(builds / "old", out)
    cache = builds / "cache"
    command = [*_kg_command(), "build", str(builds / "new.jsonl"), "-o", str(out), "--cache-dir", str(cache), "--jobs", "1"]
    for attempt in range(5):  # the write stage lasts a fraction of a second: try again if the build ends first
        before = (out / "graph.nq").stat().st_ino
        proc = subprocess.Popen(command, env={**os.environ, "CI": "1"}, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while proc.poll() is None and not TRIGGERS[point](out, before):
            assert time.monotonic() < deadline
            time.sleep(0.001)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.returncode == -signal.SIGKILL:
            break
        shutil.rmtree(out)
        shutil.copytree(builds / "old", out)
    assert proc.returncode == -signal.SIGKILL, "the build always ended before the kill"
    assert which_build(out, builds) == "old"
    assert run_kg("query", str(out), "ASK { ?s ?p ?o }").returncode == 0

    run_kg("build", str(builds / "new.jsonl"), "-o", str(out), "--cache-dir", str(cache), "--jobs", "1")
    assert which_build(out, builds) == "new"
    assert stale_temps(out) == [] and not (out / ".kg-work").exists() and not (out / outset.NEXT).exists()


def test_a_switch_killed_half_way_shows_the_whole_new_set_and_the_next_build_finishes_it(builds, tmp_path, monkeypatch):
    """Killed between the commit (the staged set renamed to OUT/.kg-next) and the last rename."""
    import kg

    out = tmp_path / "out"
    shutil.copytree(builds / "old", out)
    renames = []
    real_replace = os.replace

    def replace(source, target):
        if outset.NEXT in Path(source).parts or Path(target).name == outset.NEXT:  # the switch's renames only
            if len(renames) == 3:  # the commit, then two files in place
                raise SystemExit("killed")
            renames.append(target)
        real_replace(source, target)

    monkeypatch.setattr(outset.os, "replace", replace)
    with pytest.raises(SystemExit):
        kg.build(builds / "new.jsonl", out, cache_dir=builds / "cache", jobs=1)
    monkeypatch.undo()
    assert (out / outset.NEXT / outset.MANIFEST).is_file()
    assert which_build(out, builds) == "new"
    assert graph_file(out) == out / outset.NEXT / "graph.trig" or graph_file(out) == out / "graph.trig"
    assert run_kg("query", str(out), "ASK { ?s ?p ?o }").returncode == 0

    run_kg("build", str(builds / "old.jsonl"), "-o", str(out), "--cache-dir", str(builds / "cache"), "--jobs", "1")
    assert which_build(out, builds) == "old" and not (out / outset.NEXT).exists()


def test_a_file_from_another_build_is_refused_by_readers_with_one_line(builds, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(builds / "old", out)
    shutil.copy(builds / "new" / "graph.trig", out / "graph.trig")
    proc = run_kg("query", str(out), "ASK { ?s ?p ?o }", check=False)
    stderr = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in stderr
    assert "graph.trig: not the file build" in stderr and "kg build" in stderr
    assert run_kg("query", str(out / "graph.trig"), "ASK { ?s ?p ?o }").returncode == 0  # the file itself: no check
    (out / outset.MANIFEST).unlink()  # a folder without a manifest (kg before it, or hand-made) is read as before
    assert run_kg("query", str(out), "ASK { ?s ?p ?o }").returncode == 0


def test_manifest_names_every_file_with_size_and_sha256(builds):
    manifest = json.loads((builds / "old" / outset.MANIFEST).read_text())
    assert sorted(manifest["files"]) == sorted([*SET, "report.json"]) and len(manifest["build"]) == 16
    for name, entry in manifest["files"].items():
        assert entry == {"bytes": (builds / "old" / name).stat().st_size, "sha256": outset.digest(builds / "old" / name)}


# ---- item 11: kg writes only into an empty folder or one it made

SENTENCE = "Vladimir Putin met Donald Trump in Helsinki on Monday."


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE)
    return path


def test_a_non_empty_folder_kg_did_not_make_is_refused_and_left_as_it_was(article, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "graph.ttl").write_text("my own turtle")
    (folder / "notes.txt").write_text("my notes")
    proc = run_kg("build", str(article), "-o", str(folder), check=False)
    stderr = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1
    assert "is not empty and was not made by kg" in stderr and "--force" in stderr
    assert sorted(p.name for p in folder.iterdir()) == ["graph.ttl", "notes.txt"]
    assert (folder / "graph.ttl").read_text() == "my own turtle"


def test_force_writes_into_it_deleting_nothing_and_the_folder_is_kg_s_after(article, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    run_kg("build", str(article), "-o", str(folder), "--force")
    assert (folder / "notes.txt").read_text() == "my notes" and (folder / "graph.ttl").is_file()
    run_kg("build", str(article), "-o", str(folder))  # kg's own now: no --force needed
    assert (folder / "notes.txt").read_text() == "my notes"


def test_home_is_refused_even_with_force(article, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("# mine")
    proc = subprocess.run([*_kg_command(), "build", str(article), "-o", str(home), "--force"], capture_output=True,
                          env={**os.environ, "HOME": str(home), "CI": "1"}, timeout=300)
    assert proc.returncode == 1 and b"your home folder" in proc.stderr
    assert sorted(p.name for p in home.iterdir()) == [".bashrc"]


def test_the_filesystem_root_is_refused_even_with_force():
    with pytest.raises(NotKgOwned, match="the filesystem root"):
        claim(Path("/"), force=True)
    assert not Path("/.kg-output").exists()


def test_an_empty_folder_is_kg_s_and_a_build_that_reads_nothing_leaves_none_behind(article, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    run_kg("build", str(article), "-o", str(empty))
    assert (empty / ".kg-output").is_file()
    missing = tmp_path / "new"
    assert run_kg("build", str(tmp_path / "nothing.txt"), "-o", str(missing), check=False).returncode == 1
    assert not missing.exists()


def test_quick_start_twice_into_the_repository_output_folder_keeps_its_readme(tmp_path):
    """`kg build seeds -o output` in a fresh clone, twice: output/ holds README.md and the committed marker."""
    output = tmp_path / "output"
    shutil.copytree(ROOT / "output", output, ignore=shutil.ignore_patterns("graph.*", "report.json", ".kg-[cmnw]*"))
    assert sorted(p.name for p in output.iterdir()) == [".kg-output", "README.md"]
    readme = (output / "README.md").read_bytes()
    for _ in range(2):
        run_kg("build", str(SEEDS), "-o", str(output))
    assert (output / "README.md").read_bytes() == readme and (output / "graph.html").is_file()
