"""The output directory: kg writes only into one that is empty or that it made.

A directory kg made holds the marker :data:`kg.read.files.OUTPUT_MARKER` (``.kg-output``),
written before anything else, so a build killed at any point leaves a directory the next
build still recognizes. A non-empty directory without the marker is refused unless the user
passes ``force`` (``kg build --force``); the home folder and the filesystem root are refused
even then. kg never deletes a file it did not create, forced or not.
"""

from __future__ import annotations

from pathlib import Path

from kg.build.options import NotKgOwned
from kg.read.files import OUTPUT_MARKER

MARKER_TEXT = "kg build output directory: kg may replace graph.*, report.json and .kg-* here\n"


def claim(out_dir: Path, force: bool = False) -> bool:
    """Make ``out_dir`` kg's (creating it if needed) or raise :class:`NotKgOwned`; True if kg created it.

    Example:
        >>> import tempfile
        >>> claim(Path(tempfile.mkdtemp()) / "out")
        True
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NotKgOwned(f"{out_dir} is a file, not a directory: choose another -o")
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    marker = out_dir / OUTPUT_MARKER
    if marker.is_file():
        return created
    if any(out_dir.iterdir()):
        where = out_dir.resolve()
        if where == Path(where.anchor) or where == Path.home().resolve():
            raise NotKgOwned(f"{out_dir} is {'the filesystem root' if where == Path(where.anchor) else 'your home folder'}"
                             " and not empty: kg will not write its files there, even with --force; choose another -o")
        if not force:
            raise NotKgOwned(f"{out_dir} is not empty and was not made by kg (no {OUTPUT_MARKER} file inside): kg writes "
                             "only into an empty folder or one it made. Choose another -o, or pass --force to write "
                             "graph.*, report.json and .kg-* files there anyway (kg deletes nothing it did not make)")
    marker.write_text(MARKER_TEXT, encoding="utf-8")
    return created


def release(out_dir: Path) -> None:
    """Undo :func:`claim` for a directory kg created and left empty (a build that wrote nothing)."""
    marker = out_dir / OUTPUT_MARKER
    if {p.name for p in out_dir.iterdir()} <= {OUTPUT_MARKER}:
        marker.unlink(missing_ok=True)
        out_dir.rmdir()
