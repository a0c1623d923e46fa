"""Tests for kg.read.files: formats, ids, order, stdin and every kind of bad input."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import shutil
import sys
from pathlib import Path

import pytest

from kg.model import Article, Skip
from kg.read.files import MAX_CHARS, normalize_text, read_articles

DATA = Path(__file__).parent / "data"
SENTENCE = "Rain fell all night in the valley."


def read(inputs, **kwargs):
    """Return (articles, skips, warnings) of one read_articles call."""
    skips: list[Skip] = []
    warnings: list[Skip] = []
    articles = list(
        read_articles(inputs, on_skip=skips.append, on_warning=warnings.append, **kwargs)
    )
    return articles, skips, warnings


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# --- formats -------------------------------------------------------------------------


def test_txt_with_headline_and_byline(tmp_path):
    path = write(tmp_path / "000_ab12.txt", f"Storm hits coast\nBy Jane Smith\n{SENTENCE}\nshare\n")
    articles, skips, _ = read([path])
    assert skips == []
    assert articles == [
        Article(
            id="000_ab12",
            text=SENTENCE,
            title="Storm hits coast",
            author="Jane Smith",
            source=str(path),
        )
    ]


def test_md_heading_is_the_title(tmp_path):
    path = write(tmp_path / "note.MD", f"# Storm hits coast\n\n{SENTENCE}\n")
    [article], skips, _ = read([path])
    assert (article.id, article.title, article.text, skips) == (
        "note",
        "Storm hits coast",
        SENTENCE,
        [],
    )


def test_html_main_text_and_metadata(tmp_path):
    path = shutil.copy(DATA / "article.html", tmp_path / "bridge.HTM")
    [article], skips, _ = read([path])
    assert skips == []
    assert article.id == "bridge"
    assert article.title == "Council approves new bridge"
    assert article.author == "Jane Smith"
    assert article.date == "2024-03-05"
    assert article.url == "https://news.example.com/2024/03/bridge"
    assert article.source == str(path)
    assert article.text.startswith("The city council of Riverton approved")
    assert article.text.endswith("challenge the decision in court.")


def test_html_hostile_markup_does_not_reach_the_article():
    [article], skips, _ = read([DATA / "article.html"])
    assert skips == []
    for field in (article.text, article.title, article.author):
        for marker in ("alert", "SCRIPT-IN", "IMG-ONERROR", "javascript", "<", "Home", "Copyright"):
            assert marker not in field


def test_html_javascript_urls_and_markup_in_metadata_are_dropped(tmp_path):
    paragraph = f"<p>{SENTENCE * 6}</p>"
    page = (
        '<html><head><title>Floods<script>alert("T")</script></title>'
        '<link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="javascript:alert(2)"></head>'
        f"<body><article>{paragraph}</article></body></html>"
    )
    [article], skips, _ = read([write(tmp_path / "evil.html", page)])
    assert (article.title, article.url, skips) == ("Floods", None, [])


def test_jsonl_records(tmp_path):
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {
                "id": 7,
                "text": SENTENCE,
                "title": "Rain",
                "url": "https://x.example/7",
                "author": "Jo Doe",
                "date": "2024-01-02",
                "lang": "en",
            },
            {"text": f"Storm hits coast\nBy Jane Smith\n{SENTENCE}", "url": "javascript:alert(1)"},
        ),
    )
    articles, skips, _ = read([path])
    assert skips == []
    assert articles == [
        Article(
            id="7",
            text=SENTENCE,
            title="Rain",
            author="Jo Doe",
            date="2024-01-02",
            url="https://x.example/7",
            source=f"{path}:1",
        ),
        Article(
            id="sha1-" + _sha1(SENTENCE)[:16],
            text=SENTENCE,
            title="Storm hits coast",
            author="Jane Smith",
            source=f"{path}:2",
        ),
    ]


@pytest.mark.parametrize("fields, outlet, url", [
    ({"source": "Vox"}, "Vox", None),  # the allsides corpus names the outlet in "source"
    ({"outlet": "Reuters", "source": "Vox"}, "Reuters", None),
    ({"publisher": " The  Hill "}, "The Hill", None),
    ({"source": "https://www.vox.com/a"}, None, "https://www.vox.com/a"),  # an address is the URL, not an outlet
    ({"source": "file:///tmp/a.txt"}, None, None),
    ({"source": 7}, None, None),
    ({}, None, None),
])
def test_jsonl_outlet(tmp_path, fields, outlet, url):
    [article], skips, _ = read([write(tmp_path / "feed.jsonl", jsonl({"id": "a", "text": SENTENCE, **fields}))])
    assert (article.outlet, article.url, skips) == (outlet, url, [])


def test_html_outlet_is_the_site_name(tmp_path):
    paragraph = "<p>" + SENTENCE * 3 + "</p>"
    page = ('<html><head><title>Floods</title><meta property="og:site_name" content="Vox"></head>'
            f"<body><article>{paragraph}</article></body></html>")
    [article], _, _ = read([write(tmp_path / "page.html", page)])
    assert article.outlet == "Vox"


def test_jsonl_title_is_removed_from_a_run_on_body(tmp_path):
    path = write(
        tmp_path / "a.jsonl",
        jsonl({"id": "a", "title": "Rain Falls", "text": f"Rain falls {SENTENCE}"}),
    )
    [article], _, _ = read([path])
    assert (article.title, article.text) == ("Rain Falls", SENTENCE)


def test_single_path_is_not_iterated_as_characters(tmp_path):
    path = write(tmp_path / "one.txt", SENTENCE)
    assert [a.id for a in read_articles(str(path))] == ["one"]


# --- text normalization ----------------------------------------------------------------


def test_text_is_normalized(tmp_path):
    raw = "Cafe\u0301 opens.  \r\nIt\u200b is\u00ad new.\x07\tYes.\r\n"
    path = write(tmp_path / "n.txt", raw)
    [article], _, _ = read([path])
    assert article.text == "Café opens.\nIt is new.\tYes."


def test_normalize_text_keeps_newlines_and_tabs():
    assert normalize_text("a\tb\u2028c\u202e\n") == "a\tb\nc\n"


# --- directories, stdin, ids ------------------------------------------------------------


def test_directory_is_walked_in_sorted_order_without_hidden_entries(tmp_path):
    for rel in (
        "b.txt",
        "a.txt",
        "sub/d.txt",
        "sub/c.txt",
        "a_sub/e.txt",
        ".hidden/x.txt",
        ".x.txt",
    ):
        write(tmp_path / rel, f"{rel} says that {SENTENCE}")
    articles, skips, _ = read([tmp_path])
    assert skips == []
    assert [Path(a.source).relative_to(tmp_path).as_posix() for a in articles] == [
        "a.txt",
        "b.txt",
        "a_sub/e.txt",
        "sub/c.txt",
        "sub/d.txt",
    ]


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text(monkeypatch):
    _stdin(monkeypatch, f"Storm hits coast\n{SENTENCE}\n".encode())
    [article], skips, _ = read(["-"])
    assert article == Article(
        id="sha1-" + _sha1(SENTENCE)[:16], text=SENTENCE, title="Storm hits coast", source="-"
    )
    assert skips == []


def test_stdin_jsonl(monkeypatch):
    _stdin(
        monkeypatch,
        jsonl({"id": "a", "text": SENTENCE}, "", {"id": "b", "text": "It stopped."}).encode(),
    )
    articles, skips, _ = read(["-"])
    assert [(a.id, a.source) for a in articles] == [("a", "-:1"), ("b", "-:3")]
    assert skips == []


def test_stdin_with_a_non_object_line_is_plain_text(monkeypatch):
    _stdin(monkeypatch, b'{"id": "a", "text": "Rain."}\n[1, 2]\n')
    [article], skips, _ = read(["-"])
    assert (article.source, article.text, skips) == (
        "-",
        '{"id": "a", "text": "Rain."}\n[1, 2]',
        [],
    )


def test_duplicate_id_with_same_text_is_skipped(tmp_path):
    first = write(tmp_path / "one" / "x.txt", SENTENCE)
    second = write(tmp_path / "two" / "x.txt", SENTENCE + "\n")
    articles, skips, _ = read([first, second])
    assert [a.id for a in articles] == ["x"]
    assert skips == [Skip(str(second), "duplicate of x")]


def test_duplicate_id_with_other_text_is_renamed(tmp_path):
    first = write(tmp_path / "one" / "x.txt", SENTENCE)
    second = write(tmp_path / "two" / "x.txt", "It stopped.")
    third = write(tmp_path / "feed.jsonl", jsonl({"id": "x", "text": "It stopped."}))
    articles, skips, _ = read([first, second, third])
    assert [a.id for a in articles] == ["x", "x-" + _sha1("It stopped.")[:8]]
    assert skips == [Skip(str(third), "duplicate of x-" + _sha1("It stopped.")[:8], 1)]


# --- bad input -----------------------------------------------------------------------

NAV_ONLY = b'<html><body><nav><a href="/">Home</a></nav><footer>Copyright</footer></body></html>'

BAD_FILES = [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\t\r\n", "empty"),
    ("zero-width.txt", "\u200b\u200b\n".encode(), "empty"),
    ("nul.txt", b"Some text\x00 more.", "binary file, not text"),
    ("controls.txt", bytes(range(1, 9)) * 100, "binary file, not text"),
    # Mostly control bytes: binary. (A NUL in one line rejects only that line: test_hostile_input.py.)
    ("nul.jsonl", b'\x00\x01\x02\x03' * 100, "binary file, not text"),
    ("latin.txt", b"Hello \x81\x8d world.", "not valid UTF-8 (first bad byte at offset 6)"),
    (
        "cyrillic.txt",
        "Привет, как дела? Всё хорошо.".encode("koi8_r"),
        "not valid UTF-8 (first bad byte at offset 0)",
    ),
    (
        "paper.PDF",
        b"%PDF-1.4",
        "unsupported file type '.pdf'; expected .txt, .md, .html, .htm, .jsonl",
    ),
    (
        "README",
        b"Text.",
        "unsupported file type (no extension); expected .txt, .md, .html, .htm, .jsonl",
    ),
    (
        "feed.json",
        b'{"text": "a"}',
        "JSON files are not supported; use .jsonl (one JSON object per line)",
    ),
    (
        "huge.txt",
        b"x" * (MAX_CHARS + 1),
        "1,000,001 characters, more than the 1,000,000 limit; split the article",
    ),
    ("nav.html", NAV_ONLY, "no article text found in HTML"),
    ("empty.html", b"\n", "empty"),
    ("empty.jsonl", b"\n\n", "empty"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gives_one_skip_and_others_are_read(tmp_path, name, content, reason):
    bad = write(tmp_path / name, content)
    before = write(tmp_path / "before.txt", SENTENCE)
    after = write(tmp_path / "after.txt", "It stopped.")
    articles, skips, warnings = read([before, bad, after])
    assert [a.id for a in articles] == ["before", "after"]
    assert skips == [Skip(str(bad), reason)]
    assert warnings == []


def test_missing_path_gives_one_skip(tmp_path):
    good = write(tmp_path / "good.txt", SENTENCE)
    articles, skips, _ = read([tmp_path / "missing.txt", good])
    assert [a.id for a in articles] == ["good"]
    assert skips == [Skip(str(tmp_path / "missing.txt"), "no such file or directory")]


def test_bad_files_in_a_directory_are_skipped_one_by_one(tmp_path):
    write(tmp_path / "a.txt", SENTENCE)
    write(tmp_path / "b.pdf", b"%PDF")
    write(tmp_path / "c.txt", b"")
    write(tmp_path / "d.txt", "It stopped.")
    articles, skips, _ = read([tmp_path])
    assert [a.id for a in articles] == ["a", "d"]
    assert [(Path(s.source).name, s.reason.split(";")[0]) for s in skips] == [
        ("b.pdf", "unsupported file type '.pdf'"),
        ("c.txt", "empty"),
    ]


BAD_LINES = [
    ("not json", "not valid JSON: Expecting value (column 1)"),
    ("[1, 2]", "expected a JSON object, got an array"),
    ('"text"', "expected a JSON object, got a string"),
    ('{"id": "x"}', "no 'text' field"),
    ('{"id": "x", "text": 5}', "no 'text' field"),
    ('{"id": "x", "text": " \\n "}', "empty"),
    ('{"id": ["x"], "text": "Words."}', "'id' must be a string or a number"),
    (
        json.dumps({"text": "x" * (MAX_CHARS + 1)}),
        "1,000,001 characters, more than the 1,000,000 limit; split the article",
    ),
    ("[" * 100_000 + "]" * 100_000, None),
]


@pytest.mark.parametrize(
    ("line", "reason"), BAD_LINES, ids=[b[1] or "deep nesting" for b in BAD_LINES]
)
def test_bad_jsonl_line_gives_one_skip_with_line_number(tmp_path, line, reason):
    path = write(
        tmp_path / "feed.jsonl",
        jsonl({"id": "a", "text": SENTENCE}, line, {"id": "b", "text": "It stopped."}),
    )
    articles, skips, _ = read([path])
    assert [a.id for a in articles] == ["a", "b"]
    assert [(s.source, s.line) for s in skips] == [(str(path), 2)]
    if reason is None:
        assert skips[0].reason.startswith("not valid JSON")
    else:
        assert skips[0].reason == reason


def test_windows_1252_is_read_with_one_warning(tmp_path):
    path = write(tmp_path / "cp.txt", "Café au lait costs €3. It is “good”.".encode("cp1252"))
    [article], skips, warnings = read([path])
    assert article.text == "Café au lait costs €3. It is “good”."
    assert skips == []
    assert warnings == [
        Skip(str(path), "not valid UTF-8 (first bad byte at offset 3); decoded as Windows-1252")
    ]


def test_windows_1252_jsonl_line_warning_has_line_number(tmp_path):
    path = write(tmp_path / "cp.jsonl", b'{"text": "ok."}\n{"text": "Caf\xe9 open."}\n')
    articles, skips, warnings = read([path])
    assert [a.text for a in articles] == ["ok.", "Café open."]
    assert [(w.line, w.reason.split(";")[1]) for w in warnings] == [(2, " decoded as Windows-1252")]


def test_default_callbacks_log_warnings(tmp_path, caplog):
    missing = tmp_path / "missing.txt"
    with caplog.at_level(logging.WARNING, logger="kg.read.files"):
        assert list(read_articles([missing])) == []
    assert caplog.messages == [f"{missing}: no such file or directory"]


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
