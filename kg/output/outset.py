"""The output set: a build's files switched into place together, and the manifest readers check.

A build writes its files (graph.nq, graph.trig, graph.ttl, graph.jsonld, graph.html,
report.json) into a staging folder, then a manifest naming each file with its size and
sha256, and a build id, last. One rename is the commit point: the staging folder becomes
``OUT/.kg-next``. Each file is then renamed over its public name and the manifest moved to
``OUT/.kg-manifest.json``; ``.kg-next`` is removed.

- A build killed before the commit leaves the old set untouched (its staging folder lies in
  ``OUT/.kg-work``, which the next build empties, stray ``.tmp`` files included).
- A build killed after it leaves ``.kg-next`` with its manifest. Readers (:func:`resolve`)
  then take each file from ``.kg-next`` if it is still there, else from ``OUT``: the whole new
  set. The next ``kg build`` finishes the switch first (:func:`finish`).

So a reader sees the whole old set or the whole new one. Readers also check the file they
read against the manifest (size, then sha256) and refuse a file that does not match it with
one clear line (:class:`MixedOutput`), for example one copied in from another build.

Why not a directory switched by one symlink: users, web servers and copies (zip, scp,
Windows) expect ``OUT/graph.ttl`` to be a plain file, and the public file names stay where
they were. Not covered: a power cut (nothing is fsync'ed; kill -9 and crashes are), and a
reader that opens a file during the milliseconds of a live switch may have to retry.
Hand-written: no library keeps a set of files switched together this way.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

MANIFEST = ".kg-manifest.json"
NEXT = ".kg-next"


class MixedOutput(ValueError):
    """An output file does not match the manifest of the build that wrote the directory."""


def digest(path: Path) -> str:
    """The sha256 of a file, in hex."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def write_manifest(staged: Path, names: Iterable[str]) -> dict:
    """Record ``names`` (files in ``staged``) with size and sha256 in ``staged/.kg-manifest.json``.

    The build id is the hash of that record, so the same files give the same id.
    """
    files = {name: {"bytes": (staged / name).stat().st_size, "sha256": digest(staged / name)} for name in sorted(names)}
    build = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    manifest = {"build": build, "files": files}
    (staged / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def commit(staged: Path, out: Path) -> None:
    """Switch the set in ``staged`` (holding its manifest) into ``out``; ``staged`` is gone after."""
    finish(out)
    os.replace(staged, out / NEXT)  # the commit point
    finish(out)


def finish(out: Path) -> None:
    """Complete a switch a killed build left half done (``OUT/.kg-next``); nothing when there is none."""
    pending = out / NEXT
    manifest = _manifest(pending)
    if manifest is None:
        return
    for name in manifest["files"]:
        if (pending / name).exists():
            os.replace(pending / name, out / name)
    os.replace(pending / MANIFEST, out / MANIFEST)
    for leftover in pending.iterdir():  # nothing but kg's own temp files can be there
        leftover.unlink()
    pending.rmdir()


def remove_stale_temps(out: Path, names: Iterable[str]) -> None:
    """Delete ``.graph.trig.*.tmp``-style files that builds before the switch left beside kg's own files."""
    for name in names:
        for stale in out.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


def resolve(out: Path, name: str) -> Path | None:
    """Where the current set's ``name`` is in the output directory ``out``, checked against its manifest.

    ``None`` when ``out`` has no manifest (a folder kg did not write, or one written before
    manifests) or the set has no such file. Raises :class:`MixedOutput` when the file is not
    the one the manifest records.
    """
    pending = out / NEXT
    manifest = _manifest(pending)
    if manifest is not None:
        where = pending / name if (pending / name).exists() else out / name
    else:
        manifest = _manifest(out)
        where = out / name
    if manifest is None or name not in manifest["files"]:
        return None
    _check(where, manifest["files"][name], manifest["build"])
    return where


def _manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise MixedOutput(f"{folder / MANIFEST}: unreadable ({err}); run `kg build` again") from err
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise MixedOutput(f"{folder / MANIFEST}: not a kg manifest; run `kg build` again")
    return manifest


_checked: dict[tuple, bool] = {}  # (path, inode, size, mtime, sha256) already verified in this process


def _check(path: Path, expected: dict, build: str) -> None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise MixedOutput(f"{path}: missing from build {build} (see {MANIFEST}); run `kg build` again") from None
    key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns, expected.get("sha256"))
    if key in _checked:
        return
    if stat.st_size != expected.get("bytes") or digest(path) != expected.get("sha256"):
        raise MixedOutput(f"{path}: not the file build {build} wrote (its size or sha256 differs from {MANIFEST}): "
                          "the folder mixes files of different builds or the file was changed; run `kg build` "
                          "again, or name the file itself instead of the folder")
    _checked[key] = True
