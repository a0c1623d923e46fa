"""byline.v2: one author_of per person a byline names (sentences and bylines written for these tests)."""

from __future__ import annotations

import pytest

from test_extractors import facts_of


@pytest.mark.parametrize(
    "author, expected",
    [
        ("Nora Quill, Tomas Berg", {"Nora Quill", "Tomas Berg"}),
        ("Nora Quill and Tomas Berg", {"Nora Quill", "Tomas Berg"}),
        ("Nora Quill, Senior Research Scientist", {"Nora Quill"}),
        ("Nora Quill", {"Nora Quill"}),
        ("CNN Staff", set()),
        ("Reuters Staff", set()),
    ],
)
def test_byline_names_each_author(analyse, author, expected):
    result = analyse("The council met on Monday.", author=author)
    assert {s for s, _, _ in facts_of(result, "author_of")} == expected
