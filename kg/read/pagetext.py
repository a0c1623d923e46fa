"""Split scraped page text into headline, byline, body and trailing page chrome.

Text copied out of a web page often runs the headline, the byline and the body
together on one line and drags page furniture along at the end (related
headlines, counters, "previous post" links). :func:`clean_page_text` undoes that
with a few general, independent rules, each a small function below:

1. :func:`split_trailing_chrome` -- short unpunctuated lines at the end, and a
   fragment glued to the last sentence ("...people.Read more"), are chrome.
2. :func:`find_headline` -- a short first line of its own, or a prefix of the
   body that the chrome or the known title repeats, is the headline.
3. :func:`find_byline` -- "By Jane Smith" (anywhere at the start), or a bare
   2-3 word name right after a detected headline, is the author.
4. :func:`drop_link_cards` -- a politician's link card pasted after the name (The Hill:
   "Sen. Cory Booker Cory Anthony BookerGOP senator blasts ... MORE (D-N.J.)") goes.

These are hand-written heuristics because no maintained library handles
*plain text* page chrome (boilerplate removers such as trafilatura need HTML).

Example:
    >>> page = clean_page_text("Storm hits coast\\nBy Jane Smith\\nThe storm arrived.\\nshare")
    >>> page.title, page.author, page.body, page.chrome
    ('Storm hits coast', 'Jane Smith', 'The storm arrived.', ('share',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

STOP_WORDS = frozenset(
    line.strip()
    for line in resources.files("kg.read").joinpath("stop_words.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
"""Lower-case function words that never start a name (``stop_words.txt``, spaCy's English list)."""

# A trailing line with at most this many words and no sentence punctuation is chrome.
MAX_CHROME_WORDS = 12
# A first line of its own with at most this many words (and no final period) is a headline.
MAX_HEADLINE_WORDS = 20
# A headline candidate found in chrome or the given title must have this many words.
MIN_ECHO_WORDS = 2

# Characters that end a sentence, possibly followed by closing quotes/brackets.
SENTENCE_END_CHARS = ".!?…"
CLOSING_CHARS = "\"'”’»)]"

# A sentence end somewhere in a text: punctuation, closing marks, then space or end.
_SENTENCE_END = re.compile(
    rf"[{re.escape(SENTENCE_END_CHARS)}][{re.escape(CLOSING_CHARS)}]*(?=\s|$)"
)
# Sentence-final punctuation glued to a capitalised word: "people.What". The character
# before must be lower-case, a digit or a closing mark, so "U.S.Army" is not split.
_GLUED = re.compile(
    rf"(?<=[a-z0-9%{re.escape(CLOSING_CHARS)}])[.!?][{re.escape(CLOSING_CHARS)}]*(?=[A-Z])"
)
# One word of a person's name: capitalised letters, hyphens, apostrophes ("O'Brien", "Jean-Luc").
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*")
_BY = re.compile(r"by\s+", re.IGNORECASE)
# English inflections ignored when matching a repeated headline ("Names" ~ "named").
_SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(frozen=True)
class PageText:
    """A page's text split into parts.

    Attributes:
        body: the article text, stripped, with headline, byline and chrome removed.
        title: the headline found at the start of the text, in the text's casing.
        author: the byline's name (without "By").
        chrome: the removed trailing pieces, in text order.
    """

    body: str
    title: str | None = None
    author: str | None = None
    chrome: tuple[str, ...] = ()


def clean_page_text(text: str, title: str | None = None) -> PageText:
    """Split ``text`` into headline, byline, body and trailing chrome.

    Args:
        text: the page text (lines separated by ``\\n``).
        title: the headline when known from elsewhere (metadata); it helps to find a
            headline run together with the body.

    Returns:
        A :class:`PageText`. If no sentence (text with a sentence-final ``.!?``) would
        remain, the body is ``text`` stripped and nothing is removed.

    Example:
        >>> clean_page_text("Markets rally Stocks rose on Friday.", title="Markets Rally").title
        'Markets rally'
    """
    body, chrome = split_trailing_chrome(drop_link_cards(drop_related_links(drop_video_players(text))))
    opening = body.lstrip().partition("\n")[0].strip()
    author, rest = (None, body) if title and opening.lower() == title.strip().lower() else find_byline_block(body)
    if author is not None:
        headline = None  # the page opens with its byline: no headline before it
    else:
        headline, rest = find_headline(body, title=title, echoes=chrome)
        author, rest = find_byline(rest, after_headline=headline is not None)
    # (a caption's labels go only now: a caption opening the page is no headline)
    rest = drop_media_labels(rest).strip()
    if not _SENTENCE_END.search(rest):
        return PageText(body=text.strip())
    return PageText(body=rest, title=headline, author=author, chrome=chrome)


# A video player's line left in a page's text: "JUST WATCHED Giffords battles for NRA member votes Replay More Videos
# ... MUST WATCH Giffords battles for NRA member votes 03:03" (CNN).
_VIDEO_PLAYER = re.compile(r"^[ \t]*JUST WATCHED [^\n]{1,300}? Replay More Videos \.\.\. MUST WATCH [^\n]{1,300}? \d{1,2}:\d{2}[ \t]*\n?",
                           re.MULTILINE)


# A link to another story left in a page's text: "Also see: Schumer says stimulus won't aid Trump's businesses",
# "Related: China is crushing the U.S. in 'economic warfare'", "READ MORE:" (its headline on the next line stays).
_RELATED_LINK = re.compile(r"^[ \t]*(?:also see|see also|related|related coverage|read more|also read|watch)[ \t]*:[^\n]*\n?",
                           re.MULTILINE | re.IGNORECASE)


def drop_related_links(text: str) -> str:
    """Remove the lines that link to other stories ("Also see: ...", "Related: ...", "READ MORE:"): their
    headlines are no statements of this article.

    Example:
        >>> drop_related_links("He spoke.\\nAlso see: Schumer says aid won't go to Trump\\nShe left.")
        'He spoke.\\nShe left.'
    """
    return _RELATED_LINK.sub("", text)


# A broadcaster's media labels before a caption: "Image copyright Reuters Image caption The two leaders met ...",
# "Media playback is unsupported on your device Media caption Three things to look for ..." (BBC).
_MEDIA_LABELS = re.compile(r"^[ \t]*(?:Image copyright\b[^\n]*?(?: Image caption |$)|Media playback is unsupported on your "
                           r"device(?: Media caption)?[ \t]*)", re.MULTILINE)


def drop_media_labels(text: str) -> str:
    """Remove the labels a broadcaster's page puts before a picture's or a video's caption (and the picture's
    credit), keeping the caption: "AFP Image caption President Trump" made the president an agency's.

    Example:
        >>> drop_media_labels("Image copyright AFP Image caption The two leaders met\\nThey spoke.")
        'The two leaders met\\nThey spoke.'
    """
    return _MEDIA_LABELS.sub("", text)


def drop_video_players(text: str) -> str:
    """Remove the lines a video player leaves in a page's text (its buttons read as a speaker's name otherwise).

    Example:
        >>> drop_video_players("He spoke.\\nJUST WATCHED Votes Replay More Videos ... MUST WATCH Votes 03:03\\nShe left.")
        'He spoke.\\nShe left.'
    """
    return _VIDEO_PLAYER.sub("", text)


# A link card: the shown name's last word, then the full name (up to four more words) ending in that word again
# glued to the first related headline (or a space before it, after a full name of three words or more), the headlines, and "MORE" ("Rand Paul Randal (Rand) Howard PaulSenate GOP
# waves Trump off ... MORE (R-Ky.)"), also before a possessive ("Joe Biden Joe BidenTrump tweets ... MORE's campaign").
_LINK_CARD = re.compile(
    r"\b(?P<last>[A-Z][\w'’-]+) (?:(?P<glued>(?:\S+ ){0,4}?)(?P=last)|(?P<spaced>(?:\S+ ){2,4}?)(?P=last) )(?=[A-Z0-9'\"“‘$])"
    r"[^\n]{0,900}? MORE\b(?= |[,.;:)'’]|$)"
)


def drop_link_cards(text: str) -> str:
    """Remove the link cards a page pastes after a person's name, keeping the name.

    Example:
        >>> drop_link_cards("Sen. Rand Paul Randal (Rand) Howard PaulSenate GOP waves Trump off MORE (R-Ky.) said no.")
        'Sen. Rand Paul (R-Ky.) said no.'
    """
    return _LINK_CARD.sub(_shown_name, text)


def _shown_name(card: re.Match) -> str:
    """What a link card leaves: its first word, the shown name's last; or, where the card repeats a whole name
    that the match opened on its first word ("Cathy McMorris Rodgers Cathy McMorris RodgersShimkus ..."), that
    name."""
    middle = (card.group("glued") or card.group("spaced") or "").split()
    after = card.string[card.end("glued") if card.group("glued") is not None else card.end("spaced"):]
    repeated = after[len(card.group("last")):].lstrip()
    if middle and repeated.startswith(" ".join(middle)):
        return " ".join([card.group("last"), *middle])
    return card.group("last")


def split_trailing_chrome(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove page chrome from the end of ``text``.

    Walking back from the end, lines of at most :data:`MAX_CHROME_WORDS` words that do
    not end in sentence punctuation are chrome (blank lines are dropped). Then a short
    unpunctuated fragment glued after the last line's final full stop ("people.What
    next") is chrome too. If no sentence end would remain, nothing is removed.

    Returns:
        ``(body, chrome)``: the remaining text and the removed pieces in text order.

    Example:
        >>> split_trailing_chrome("It rained.\\nshare\\n12")
        ('It rained.', ('share', '12'))
    """
    lines = text.rstrip().split("\n")
    chrome: list[str] = []
    while lines and (_is_chrome_line(lines[-1]) or not lines[-1].strip()):
        line = lines.pop().strip()
        if line:
            chrome.insert(0, line)
    if lines:
        kept, glued = _split_glued_fragment(lines[-1])
        if glued:
            lines[-1] = kept
            chrome.insert(0, glued)
    body = "\n".join(lines).strip()
    if not _SENTENCE_END.search(body):
        return text.strip(), ()
    return body, tuple(chrome)


def find_headline(
    text: str, *, title: str | None = None, echoes: tuple[str, ...] = ()
) -> tuple[str | None, str]:
    """Find the headline at the start of ``text``.

    Rules, in order:

    (a) the first line is short (at most :data:`MAX_HEADLINE_WORDS` words), does not end
        with a full stop or comma, is not a "By ..." byline, and is followed by a line
        that does not continue it in lower case (a hard-wrapped paragraph);
    (b) ``title`` or one of ``echoes`` (e.g. chrome lines) repeats a prefix of the
        text's words, ignoring case, punctuation and inflection -- a headline run
        together with the body;
    (c) otherwise there is none.

    Returns:
        ``(headline, rest)``: the headline as written in ``text`` (or ``None``) and the
        text after it.

    Example:
        >>> find_headline("Rates held Banks kept rates.", title="Rates Held")
        ('Rates held', 'Banks kept rates.')
    """
    text = text.lstrip()
    first, newline, rest = text.partition("\n")
    if newline and _is_headline_line(first, rest):
        return first.strip(), rest.lstrip()
    candidates = [c for c in (title, *echoes) if c]
    best = None
    for candidate in candidates:
        end = _echoed_prefix_end(text, candidate)
        if end is not None and text[end:].strip() and (best is None or end > best):
            best = end
    if best is None:
        return None, text
    return text[:best].strip(), text[best:].lstrip()


# The parts of a byline line: "Deborah Barfield Berry and Eliza Collins and Herb Jackson", "Ann Lee, Tom Hale".
_BYLINE_PARTS = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
MAX_BYLINE_NAMES = 5
# Page buttons that look like two capitalised names ("Play Facebook", "Share Twitter").
_BUTTON_WORDS = {"play", "share", "facebook", "twitter", "email", "print", "comment", "comments", "save", "follow",
                 "watch", "listen", "subscribe", "embed", "copy", "link"}
MAX_AFFILIATION_WORDS = 5


def find_byline_block(text: str) -> tuple[str | None, str]:
    """A byline block opening the page: a line of only names (one to five people, each of 2-3 name words,
    joined by "and" or commas), then, after a blank line, a short line that is no sentence: the outlet or
    role the names write for ("Roger Yu" / "USA TODAY", "Slade Gorton" / "Opinion contributor").

    Returns ``(names, rest)``: the names line and the text after it (the outlet line stays, the first line
    of the body), or ``(None, text)``.

    Example:
        >>> find_byline_block("Ann Lee and Tom Hale\\n\\nUSA TODAY\\n\\nWASHINGTON - The bill passed.")
        ('Ann Lee and Tom Hale', 'USA TODAY\\n\\nWASHINGTON - The bill passed.')
        >>> find_byline_block("Rates held\\n\\nBanks kept rates where they were.")
        (None, 'Rates held\\n\\nBanks kept rates where they were.')
    """
    text = text.lstrip()
    first, blank, rest = text.partition("\n\n")
    affiliation = rest.lstrip().partition("\n")[0]
    if not blank or "\n" in first.strip() or not affiliation.strip():
        return None, text
    parts = _BYLINE_PARTS.split(first.strip())
    if not 1 <= len(parts) <= MAX_BYLINE_NAMES or not all(
            2 <= len(p.split()) <= 3 and all(_is_name_token(t) and t.lower() not in _BUTTON_WORDS for t in p.split())
            for p in parts):
        return None, text
    if len(affiliation.split()) > MAX_AFFILIATION_WORDS or _ends_sentence(affiliation) or _BY.match(affiliation):
        return None, text
    return first.strip(), rest.lstrip()


def find_byline(text: str, *, after_headline: bool) -> tuple[str | None, str]:
    """Find a byline at the start of ``text`` (which follows the headline, if any).

    A byline is 2-3 name tokens (capitalised; letters, hyphens, apostrophes; not an
    English stop word; not an all-caps word like "NATO"), either on a line of its own
    or run together with the body. "By Jane Smith" is accepted anywhere at the start;
    a bare name only right after a detected headline. A run-on name must be followed
    by a capitalised word that starts the body; for a bare name that word must be a
    function word ("After", "The", "In"), so a body opening "Prime Minister Keir
    Starmer said" is not taken for a byline.

    Returns:
        ``(author, rest)``: the name (or ``None``) and the text after the byline.

    Example:
        >>> find_byline("By Jane Smith The storm came.", after_headline=False)
        ('Jane Smith', 'The storm came.')
    """
    text = text.lstrip()
    by = _BY.match(text)
    if not by and not after_headline:
        return None, text
    start = by.end() if by else 0
    first, newline, rest = text[start:].partition("\n")
    tokens = first.split()
    if newline and 2 <= len(tokens) <= 3 and all(_is_name_token(t) for t in tokens):
        return " ".join(tokens), rest.lstrip()
    name = _run_on_name(text[start:], strict=not by)
    if name is None:
        return None, text
    author, end = name
    return author, text[start + end :].lstrip()


def _is_chrome_line(line: str) -> bool:
    """A short line without sentence punctuation at its end ("previous post", "11")."""
    words = line.split()
    return 0 < len(words) <= MAX_CHROME_WORDS and not _ends_sentence(line)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(CLOSING_CHARS).endswith(tuple(SENTENCE_END_CHARS))


def _split_glued_fragment(line: str) -> tuple[str, str | None]:
    """Split "...people.What next" into ("...people.", "What next") when the tail is chrome."""
    matches = list(_GLUED.finditer(line))
    if not matches:
        return line, None
    cut = matches[-1].end()
    tail = line[cut:].strip()
    if _is_chrome_line(tail) and not re.search(r"[.!?…]", tail):
        return line[:cut].rstrip(), tail
    return line, None


def _is_headline_line(line: str, following: str) -> bool:
    """Rule (a): a short first line, standing alone, that is not a sentence or byline."""
    words = line.split()
    next_line = following.lstrip()
    return (
        0 < len(words) <= MAX_HEADLINE_WORDS
        and not line.rstrip().endswith((".", ",", ";"))
        and not _BY.match(line.lstrip())
        and not _MEDIA_LABELS.match(line)  # a picture's caption
        and bool(next_line)
        and not next_line[0].islower()
    )


def _word_key(word: str) -> str:
    """Compare words ignoring case, punctuation and common English inflections."""
    key = "".join(ch for ch in word.casefold() if ch.isalnum())
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            return key[: -len(suffix)]
    return key


def _echoed_prefix_end(text: str, candidate: str) -> int | None:
    """Return where the prefix of ``text`` that ``candidate`` repeats ends, if it does."""
    wanted = [k for k in map(_word_key, candidate.split()) if k]
    if len(wanted) < MIN_ECHO_WORDS:
        return None
    seen: list[str] = []
    for match in re.finditer(r"\S+", text):
        key = _word_key(match.group())
        if not key:
            continue
        seen.append(key)
        if seen[-1] != wanted[len(seen) - 1]:
            return None
        if len(seen) == len(wanted):
            return match.end()
    return None


def _is_name_token(token: str) -> bool:
    return (
        _NAME_TOKEN.fullmatch(token) is not None
        and token[0].isupper()
        and token.lower() not in STOP_WORDS
        and not (len(token) > 1 and token.isupper())
    )


def _run_on_name(text: str, *, strict: bool) -> tuple[str, int] | None:
    """Find 2-3 name tokens followed by a capitalised word; return (name, end offset).

    When both a 2- and a 3-token name fit, the one followed by a function word wins
    (the body's first word is more often "The" than a surname); on a tie, 2 tokens.
    With ``strict``, only a name followed by a function word is accepted.
    """
    words = list(re.finditer(r"\S+", text))[:4]
    fits = []
    for size in (2, 3):
        if len(words) <= size or not all(_is_name_token(w.group()) for w in words[:size]):
            continue
        following = words[size].group()
        if not following[0].isupper():
            continue
        starts_sentence = following.lower() in STOP_WORDS
        if strict and not starts_sentence:
            continue
        fits.append((starts_sentence, -size, size))
    if not fits:
        return None
    size = max(fits)[2]
    name = " ".join(w.group() for w in words[:size])
    return name, words[size - 1].end()
