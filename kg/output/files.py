"""Writing files safely: the one atomic-write helper, fresh work folders and sorted line files.

Every file kg writes (output files, shards, cache entries, exports, pictures) goes through
:func:`atomic_write`, so an interrupted run leaves either the old file or the new one,
never half of one.

:func:`merge_sorted` merges any number of sorted line files with :func:`heapq.merge` (at
most :data:`MAX_OPEN` files at a time), so memory stays bounded by one line per open file
whatever the corpus size. Sorting everything that is merged is what makes a build's output
byte-identical whatever the number of jobs, the engine or the cache state. Hand-written
because the standard library's ``heapq.merge`` does the real work and no RDF library offers
an external sort of N-Quads.
"""

from __future__ import annotations

import heapq
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

MAX_OPEN = 64
"""Most files merged at once; more are merged in rounds through temporary files."""


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place.

    An interrupted build leaves either the old file or the new one, never half of one.

    Example:
        >>> import tempfile
        >>> target = Path(tempfile.mkdtemp()) / "a.txt"
        >>> atomic_write(target, lambda tmp: tmp.write_text("hi", encoding="utf-8"))
        >>> target.read_text(encoding="utf-8")
        'hi'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, file_mode())  # mkstemp makes 0600; an output file is as readable as any file the user writes
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_mode() -> int:
    """The mode a new file gets under this process's umask (0644 under the usual 022)."""
    try:  # Linux: read the umask without setting it (os.umask sets as it reads: a race with other threads)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def fresh_dir(path: Path) -> Path:
    """An empty directory at ``path`` (whatever a killed build left there is removed)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Write ``lines`` to ``path``, each followed by ``\\n`` (not atomic: see :func:`atomic_write`)."""
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line)
            handle.write("\n")


def read_lines(path: Path) -> Iterator[str]:
    """The lines of a file written by :func:`write_lines`, without newlines."""
    with open(path, encoding="utf-8", newline="\n") as handle:
        for line in handle:
            yield line.rstrip("\n")


def unique(lines: Iterable[str]) -> Iterator[str]:
    """Drop consecutive repeats (the input is sorted, so all repeats)."""
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


def merge_sorted(
    paths: list[Path],
    out: Path,
    *,
    key: Callable[[str], object] | None = None,
    dedupe: bool = False,
    head: Iterable[str] = (),
) -> Path:
    """Merge sorted line files into ``out`` (sorted the same way, optionally unique).

    ``head`` lines are written first, as given. At most :data:`MAX_OPEN` files are open
    at once: larger sets are merged in rounds through temporary files.
    """
    paths = list(paths)
    with tempfile.TemporaryDirectory(prefix=".merge-", dir=out.parent) as tmp:
        round_number = 0
        while len(paths) > MAX_OPEN:
            merged = []
            for i in range(0, len(paths), MAX_OPEN):
                target = Path(tmp) / f"r{round_number}-{i}.txt"
                _merge_files(paths[i : i + MAX_OPEN], target, key, dedupe)
                merged.append(target)
            paths, round_number = merged, round_number + 1
        _merge_files(paths, out, key, dedupe, head)
    return out


def _merge_files(paths: list[Path], out: Path, key, dedupe: bool, head: Iterable[str] = ()) -> None:
    with ExitStack() as stack:
        streams = [stack.enter_context(open(p, encoding="utf-8", newline="\n")) for p in paths]
        lines = heapq.merge(*((line.rstrip("\n") for line in s) for s in streams), key=key)
        write_lines(out, itertools.chain(head, unique(lines) if dedupe else lines))
