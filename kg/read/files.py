"""Read news articles from files, directories and stdin.

:func:`read_articles` turns paths into :class:`~kg.model.Article` objects. One
reader per format (plain text, HTML, JSONL); every problem with an input becomes a
:class:`~kg.model.Skip` passed to a callback, never an exception, so one bad file
does not stop a batch.

Example:
    >>> skips = []
    >>> list(read_articles(["missing.txt"], on_skip=skips.append)), str(skips[0])
    ([], 'missing.txt: no such file or directory')
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import trafilatura

from kg.model import Article, Skip
from kg.read.dates import dateline_date, read_date
from kg.read.pagetext import clean_page_text

log = logging.getLogger("kg.read.files")

OUTPUT_MARKER = ".kg-output"
"""The file kg writes into every output directory it owns (see :mod:`kg.build.outdir`)."""

OUTPUT_FILES = frozenset({"graph.ttl", "graph.trig", "graph.jsonld", "graph.nq", "graph.html", "report.json"})
"""What ``kg build`` writes into an output directory: never read back as input."""

MAX_CHARS = 1_000_000
"""Longest article text accepted, in characters (after normalization)."""

BINARY_SNIFF_BYTES = 8192
"""How much of a file is looked at to tell binary from text."""

MAX_CONTROL_FRACTION = 0.30
"""More control bytes than this (in the sniffed head) means a binary file."""

MAX_NON_ASCII_FRACTION = 0.30
"""Invalid UTF-8 is read as Windows-1252 only if at most this much of it is non-ASCII."""

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")

# trafilatura settings: no reader comments; drop site navigation and footers, which
# its fallback extractors otherwise return as "text" for pages without an article;
# only dates the page states (extensive search invents dates from years in the text).
TRAFILATURA_OPTIONS = {
    "with_metadata": True,
    "include_comments": False,
    "prune_xpath": ["//nav", "//footer"],
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}

# Bytes that do not occur in text: C0 controls other than \t \n \v \f \r \x1b, and DEL.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}
# Characters removed from text: control (Cc) other than \n and \t, format (Cf: zero-width
# spaces and joiners, soft hyphens, bidi overrides) and lone surrogates (Cs, from JSON).
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_KEPT_CONTROLS = frozenset("\n\t")
_MARKUP_BLOCK = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_MARKUP_TAG = re.compile(r"<[^>]*>")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)

OnSkip = Callable[[Skip], None]


class _Rejected(Exception):
    """An input cannot be read; the message is the Skip reason."""


class _Draft(NamedTuple):
    """An article before its id is checked against the ids seen so far."""

    article: Article
    path: str
    line: int | None = None


def read_articles(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    on_skip: OnSkip | None = None,
    on_warning: OnSkip | None = None,
) -> Iterator[Article]:
    """Yield the articles in ``inputs``; report unreadable inputs instead of raising.

    Args:
        inputs: files, directories (walked recursively in sorted order, hidden entries
            skipped) or ``-`` for stdin (plain text, or JSONL if every non-empty line is
            a JSON object). Formats by extension: ``.txt``/``.md`` plain text,
            ``.html``/``.htm`` (main text and metadata via trafilatura), ``.jsonl`` (one
            object per line with ``id``, ``text`` and optional ``title``, ``url``,
            ``author``, ``date``, ``source``; ``source`` is used as the URL when it is
            an http(s) address and ``url`` is missing; other keys are ignored). Plain
            text and JSONL text go through :func:`kg.read.pagetext.clean_page_text`.
            HTML bytes are decoded by trafilatura (declared charset or detection).
        on_skip: called with a :class:`Skip` for each input (file or JSONL line) that
            yields no article. Default: log a warning on ``kg.read.files``.
        on_warning: called with a :class:`Skip`-shaped notice for an input that *is*
            yielded but was repaired (invalid UTF-8 read as Windows-1252). Kept apart
            from ``on_skip`` so that counting skips counts lost articles. Default: log
            a warning on ``kg.read.files``.

    Yields:
        :class:`Article` objects with unique ids. An id repeated with the same text is
        skipped as ``"duplicate of <id>"``; with different text it gets ``-<8 hex>``.

    Example:
        >>> [a.id for a in read_articles(["seeds/"])]  # doctest: +SKIP
        ['000_bedcb93597ba2cf9']
    """
    skip = on_skip or _log_notice
    warn = on_warning or _log_notice
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    seen: dict[str, str] = {}
    for given in inputs:
        for draft in _read_input(os.fspath(given), skip, warn):
            article = _claim_id(draft.article, seen)
            if isinstance(article, str):
                skip(Skip(draft.path, f"duplicate of {article}", draft.line))
                continue
            if article.id != draft.article.id:
                warn(Skip(draft.path, f"id {draft.article.id!r} is already used by another text; "
                                      f"this article is {article.id!r}", draft.line))
            yield article


def _log_notice(notice: Skip) -> None:
    log.warning(str(notice))


def _read_input(given: str, skip: OnSkip, warn: OnSkip) -> Iterator[_Draft]:
    """Yield drafts from one input (stdin, a directory or a file)."""
    if given == "-":
        yield from _catching(_read_stdin(skip, warn), "-", skip)
    elif os.path.isdir(given):
        for path in walk(given, skip, warn):
            yield from _catching(_read_file(path, skip, warn), path, skip)
    else:
        yield from _catching(_read_file(given, skip, warn), given, skip)


def _catching(drafts: Iterator[_Draft], path: str, skip: OnSkip) -> Iterator[_Draft]:
    """Pass drafts through; turn a rejection or a read error into one Skip for ``path``."""
    try:
        yield from drafts
    except _Rejected as exc:
        skip(Skip(path, str(exc)))
    except OSError as exc:
        skip(Skip(path, (exc.strerror or str(exc)).lower()))


def walk(directory: str, skip: OnSkip | None = None, warn: OnSkip | None = None) -> Iterator[str]:
    """Yield the files under ``directory``: sorted, each folder's files before its subfolders.

    Hidden files and folders (name starting with ``.``) are not read, each with a notice to
    ``warn`` (kg's own ``.kg-*`` entries silently); unreadable folders are reported. In a
    folder kg wrote its output to (:data:`OUTPUT_MARKER` inside), kg's own files
    (:data:`OUTPUT_FILES`) are not read, so a build never takes its ``graph.html`` for an article.
    """

    def report(exc: OSError) -> None:
        if skip is not None:
            skip(Skip(exc.filename or directory, (exc.strerror or str(exc)).lower()))

    for root, dirs, files in os.walk(directory, onerror=report):
        if OUTPUT_MARKER in files:  # kg's own outputs are not articles
            files = [name for name in files if name not in OUTPUT_FILES]
        if warn is not None:
            for name in sorted(dirs) + sorted(files):
                if name.startswith(".") and not name.startswith(".kg-"):
                    warn(Skip(os.path.join(root, name), "hidden (name starts with '.'): not read"))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def count_articles(inputs: Iterable[str | os.PathLike[str]]) -> int | None:
    """A quick estimate of how many articles ``inputs`` hold (for a progress bar's ETA).

    Walks directories as :func:`read_articles` does (:func:`walk`); counts one article per
    supported file and one per non-empty JSONL line, without reading anything else.
    ``None`` when an input is standard input.

    Example:
        >>> count_articles(["missing.txt"])
        0
    """
    total = 0
    for given in map(os.fspath, inputs):
        if given == "-":
            return None
        paths = walk(given) if os.path.isdir(given) else [given]
        for path in paths:
            suffix = os.path.splitext(path)[1].lower()
            if suffix not in SUPPORTED_SUFFIXES or not os.path.isfile(path):
                continue
            if suffix == ".jsonl":
                with open(path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


def _read_file(path: str, skip: OnSkip, warn: OnSkip) -> Iterator[_Draft]:
    """Yield drafts from one file, choosing the reader by extension."""
    suffix = Path(path).suffix.lower()
    if not os.path.exists(path):
        raise _Rejected("no such file or directory")
    if not os.path.isfile(path):
        raise _Rejected("not a regular file")
    if suffix == ".json":
        raise _Rejected("JSON files are not supported; use .jsonl (one JSON object per line)")
    if suffix not in SUPPORTED_SUFFIXES:
        found = f"'{suffix}'" if suffix else "(no extension)"
        raise _Rejected(f"unsupported file type {found}; expected {', '.join(SUPPORTED_SUFFIXES)}")
    name = _repaired_path(path, warn)
    if suffix == ".jsonl":
        yield from _read_jsonl_file(path, name, skip, warn)
        return
    data = _utf16_to_utf8(Path(path).read_bytes())
    if not data.strip():
        raise _Rejected("empty")
    _check_not_binary(data)
    if suffix in (".html", ".htm"):
        yield _Draft(_html_article(data, name, warn), path)
    else:
        text = _decode(data, path, None, warn)
        if suffix == ".md":
            text = _MD_HEADING.sub(r"\1", text)
        yield _Draft(_plain_article(text, Path(name).stem, name), path)


def _repaired_path(path: str, warn: OnSkip) -> str:
    """``path`` as text that encodes to UTF-8: undecodable bytes of a file name become U+FFFD (with a warning)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        repaired = os.fsencode(path).decode("utf-8", "replace")
        warn(Skip(repaired, "file name is not UTF-8; undecodable bytes read as U+FFFD"))
        return repaired


def _utf16_to_utf8(data: bytes) -> bytes:
    """UTF-16 text with a byte-order mark, re-encoded as UTF-8; other data unchanged."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


def _read_stdin(skip: OnSkip, warn: OnSkip) -> Iterator[_Draft]:
    """Yield drafts from stdin: JSONL if every non-empty line is a JSON object, else one text."""
    data = _utf16_to_utf8(sys.stdin.buffer.read())
    _check_not_binary(data)
    # Split before normalizing: U+2028 inside a JSON string is not a line end.
    text = _decode(data, "-", None, warn, normalize=False)
    lines = text.split("\n")
    if _all_json_objects(lines):
        yield from _jsonl_drafts(enumerate(lines, 1), "-", skip, warn)
    else:
        yield _Draft(_plain_article(normalize_text(text), None, "-"), "-")


def _all_json_objects(lines: list[str]) -> bool:
    found = False
    for line in lines:
        if line.strip():
            try:
                if not isinstance(json.loads(line), dict):
                    return False
            except (ValueError, RecursionError):
                return False
            found = True
    return found


def _read_jsonl_file(path: str, name: str, skip: OnSkip, warn: OnSkip) -> Iterator[_Draft]:
    """JSONL lines one by one. A NUL byte rejects only its line; a UTF-16 file is read whole."""
    with open(path, "rb") as handle:
        head = handle.read(BINARY_SNIFF_BYTES)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            data = _utf16_to_utf8(head + handle.read())
            yield from _jsonl_drafts(enumerate(data.split(b"\n"), 1), name, skip, warn)
            return
        _check_not_binary(head, allow_nul=True)
        handle.seek(0)
        yield from _jsonl_drafts(enumerate(handle, 1), name, skip, warn)


def _jsonl_drafts(
    lines: Iterable[tuple[int, bytes | str]], path: str, skip: OnSkip, warn: OnSkip
) -> Iterator[_Draft]:
    """Yield one draft per JSONL line; skip bad lines one by one. Blank lines are ignored."""
    any_lines = False
    for number, line in lines:
        if not line.strip():
            continue
        any_lines = True
        try:
            if isinstance(line, bytes):
                if b"\x00" in line:
                    raise _Rejected("binary data (a NUL byte), not text")
                line = _decode(line, path, number, warn, normalize=False)
            yield _Draft(_record_article(line, path, number, warn), path, number)
        except _Rejected as exc:
            skip(Skip(path, str(exc), number))
    if not any_lines:
        raise _Rejected("empty")


def _record_article(line: str, path: str, number: int, warn: OnSkip) -> Article:
    """Build an article from one JSONL line; a date that cannot be read whole is warned about.

    The line is parsed as it is and the decoded strings are normalized afterwards, so a
    raw U+2028 inside a string or an escape that NFC would touch stays valid JSON.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Rejected(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # huge integers, deep nesting
        raise _Rejected(f"not valid JSON: {exc}") from None
    if not isinstance(record, dict):
        raise _Rejected(f"expected a JSON object, got {_json_kind(record)}")
    text = record.get("text")
    if not isinstance(text, str):
        raise _Rejected("no 'text' field")
    record_id = record.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int, float, type(None))):
        raise _Rejected("'id' must be a string or a number")
    url = _clean_url(record.get("url")) or _clean_url(record.get("source"))
    for key in ("url", "source"):
        value = record.get(key)
        if isinstance(value, str) and _has_surrogates(value):
            warn(Skip(path, f"'{key}' has a lone surrogate (invalid Unicode): dropped", number))
    article_id = None
    if record_id is not None:
        raw_id = str(record_id)
        article_id = " ".join(normalize_text(raw_id).split()) or None
        if article_id != raw_id.strip():
            warn(Skip(path, f"'id' repaired (control, format or invalid characters removed): {article_id!r}", number))
    return _plain_article(
        normalize_text(text),
        article_id,
        f"{path}:{number}",
        title=_clean_field(record.get("title")),
        author=_clean_field(record.get("author")),
        date=_date(record.get("date"), warn, path, number),
        url=url,
        outlet=_outlet(record),
    )


def _outlet(record: dict) -> str | None:
    """The outlet that published the article: ``outlet`` or ``publisher``, else a ``source`` that is a name, not an address.

    Example: ``{"source": "Vox"}`` gives ``"Vox"``; ``{"source": "https://vox.com/a"}`` gives ``None`` (that is the URL).
    """
    for key in ("outlet", "publisher"):
        if (name := _clean_field(record.get(key))) is not None:
            return name
    source = _clean_field(record.get("source"))
    return source if source is not None and "://" not in source else None


def _json_kind(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


def _plain_article(
    text: str,
    article_id: str | None,
    source: str,
    *,
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Article:
    """Clean plain page text (headline, byline, chrome) into an article; no date given: the dateline's."""
    _check_size(text)
    page = clean_page_text(text, title=title)
    return Article(
        id=article_id or content_id(page.body),
        text=page.body,
        title=title or page.title,
        author=author or page.author,
        date=date or dateline_date(page.body),
        url=url,
        source=source,
        outlet=outlet,
    )


def _html_article(data: bytes, path: str, warn: OnSkip) -> Article:
    """Extract the main text and metadata of an HTML page with trafilatura.

    Bytes go to trafilatura undecoded so that it honours the page's declared charset.
    """
    try:
        doc = trafilatura.bare_extraction(data, **TRAFILATURA_OPTIONS)
    except Exception as exc:  # a third-party parser on untrusted input: never raise
        raise _Rejected(f"could not parse HTML: {exc}") from None
    text = normalize_text(doc.text or "") if doc is not None else ""
    if not text.strip():
        raise _Rejected("no article text found in HTML")
    _check_size(text)
    title = _clean_field(doc.title)
    text = _drop_leading_line(text, title).strip()
    if not text:
        raise _Rejected("no article text found in HTML")
    return Article(
        id=Path(path).stem,
        text=text,
        title=title,
        author=_clean_field(doc.author),
        date=_date(doc.date, warn, path, None) or dateline_date(text),
        url=_clean_url(doc.url),
        source=path,
        outlet=_clean_field(doc.sitename),
    )


def _drop_leading_line(text: str, title: str | None) -> str:
    """Remove the first line when it repeats the title (trafilatura keeps the <h1>)."""
    first, _, rest = text.lstrip().partition("\n")
    if title and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def _claim_id(article: Article, seen: dict[str, str]) -> Article | str:
    """Make ``article.id`` unique among ``seen`` (id -> text hash).

    Returns the article (renamed ``<id>-<8 hex>`` when the id is taken by another
    text) or, when the id is taken by the same text, the id it duplicates.
    """
    digest = hashlib.sha1(article.text.encode("utf-8")).hexdigest()
    candidate = article.id
    for suffix_length in (0, 8, 16, 40):
        if suffix_length:
            candidate = f"{article.id}-{digest[:suffix_length]}"
        if candidate not in seen:
            seen[candidate] = digest
            return article if candidate == article.id else replace(article, id=candidate)
        if seen[candidate] == digest:
            return candidate
    raise AssertionError("sha1 collision")  # pragma: no cover


def content_id(text: str) -> str:
    """The id of an article that has none: a digest of its text (``sha1-`` and 16 hex digits)."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _check_not_binary(head: bytes, *, allow_nul: bool = False) -> None:
    """Reject data with NUL bytes or mostly control bytes in its first 8 KB.

    ``allow_nul``: a NUL alone does not reject (JSONL: each line is checked by itself).
    """
    head = head[:BINARY_SNIFF_BYTES]
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if (b"\x00" in head and not allow_nul) or (head and controls / len(head) > MAX_CONTROL_FRACTION):
        raise _Rejected("binary file, not text")


def _check_size(text: str) -> None:
    if not text.strip():
        raise _Rejected("empty")
    if len(text) > MAX_CHARS:
        raise _Rejected(
            f"{len(text):,} characters, more than the {MAX_CHARS:,} limit; split the article"
        )


def _decode(data: bytes, path: str, line: int | None, warn: OnSkip, *, normalize: bool = True) -> str:
    """Decode UTF-8 (BOM allowed); fall back to Windows-1252 with a warning; normalize (unless told not to).

    The fallback is taken only when the Windows-1252 reading is plausible text: at
    most 30% non-ASCII characters and none of the bytes cp1252 leaves undefined.
    """
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    data = data[bom:]
    try:
        text = data.decode("utf-8")
        return normalize_text(text) if normalize else text
    except UnicodeDecodeError as exc:
        where = f"not valid UTF-8 (first bad byte at offset {bom + exc.start})"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _Rejected(where) from None
    letters = [ch for ch in text if not ch.isspace()]
    if sum(1 for ch in letters if ord(ch) > 0x7F) > MAX_NON_ASCII_FRACTION * len(letters):
        raise _Rejected(where)
    warn(Skip(path, f"{where}; decoded as Windows-1252", line))
    return normalize_text(text) if normalize else text


def normalize_text(text: str) -> str:
    """Normalize article text: NFC, ``\\n`` line ends, no trailing spaces, no control chars.

    Control and format characters (zero-width spaces and joiners, soft hyphens, bidi
    controls) are removed, except ``\\n`` and ``\\t``; ``\\r\\n``, ``\\r`` and Unicode
    line/paragraph separators become ``\\n``.

    Example:
        >>> normalize_text("Cafe\\u0301 \\u200bopen  \\r\\nnow")
        'Café open\\nnow'
    """
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )
    text = "".join(
        ch
        for ch in text
        if ch in _KEPT_CONTROLS or unicodedata.category(ch) not in _DROPPED_CATEGORIES
    )
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _date(value: object, warn: OnSkip, path: str, line: int | None) -> str | None:
    """The certain part of a metadata date (:func:`kg.read.dates.read_date`); what was lost is warned about."""
    if value is not None and not isinstance(value, str):
        warn(Skip(path, f"date {value!r} is not a string; ignored", line))
        return None
    parsed = read_date(_clean_field(value))
    if parsed.note:
        warn(Skip(path, parsed.note, line))
    return parsed.value


def _clean_field(value: object) -> str | None:
    """A metadata string with markup removed and whitespace collapsed, or ``None``."""
    if not isinstance(value, str):
        return None
    value = _MARKUP_TAG.sub(" ", _MARKUP_BLOCK.sub(" ", value))
    value = " ".join(normalize_text(value).split())
    return value or None


def _clean_url(value: object) -> str | None:
    """An absolute http(s) URL, or ``None`` (``javascript:``, relative and other URLs)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in value):
        return None
    return value


def _has_surrogates(value: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in value)
