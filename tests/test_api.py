"""The Python API (kg.build, kg.extract, kg.load): its docstring examples are run as doctests."""

from __future__ import annotations

import doctest

import pytest

from conftest import ROOT


def test_api_docstring_examples_run(monkeypatch):
    import kg

    monkeypatch.chdir(ROOT)  # the examples build seeds/
    result = doctest.testmod(kg, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 10 and result.failed == 0


def test_extract_and_build_stay_callable_after_their_packages_load():
    """Python binds kg.build / kg.extract to the subpackages once loaded: they must still be the API."""
    import kg
    import kg.build.pipeline  # noqa: F401
    import kg.extract.facts  # noqa: F401

    assert callable(kg.build) and callable(kg.extract)
    assert kg.extract("Nothing happened.") == ()


def test_load_rejects_an_unknown_form(seed_build):
    import kg

    with pytest.raises(ValueError, match="as_ must be"):
        kg.load(seed_build, as_="pandas")
