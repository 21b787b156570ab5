"""Hypothesis fuzzing of the TOML spec reader (issue 13): any file either loads as a valid
spec or raises SpecError / ParameterError / TypeError naming what is wrong — never anything
else, never a hang."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autocoherence.errors import ParameterError
from autocoherence.sweeps import load_spec, parse_spec

_ALLOWED = (ParameterError, TypeError)  # SpecError is a ParameterError

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(
    [
        "model",
        "grid",
        "sweep",
        "family",
        "f1",
        "f2",
        "temperature",
        "cluster_size",
        "tau",
        "quantities",
        "method",
        "start",
        "stop",
        "num",
        "preset",
        "title",
        "site",
        "n",
        "x",
    ]
)


def _outcome(fn, arg) -> str:
    """ "" for a valid spec, else the message of an allowed error (other errors propagate)."""
    try:
        fn(arg)
    except _ALLOWED as exc:
        return str(exc) or type(exc).__name__ + " without a message"
    return ""


def _table(depth: int) -> st.SearchStrategy:
    leaf = st.one_of(_values, st.lists(_values, max_size=3))
    if depth == 0:
        return st.dictionaries(_keys, leaf, max_size=5)
    return st.dictionaries(_keys, st.one_of(leaf, _table(depth - 1)), max_size=5)


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(_table(2))
def test_random_spec_tables_load_or_raise_a_clear_error(data):
    assert "without a message" not in _outcome(parse_spec, data)


@settings(max_examples=150, deadline=2000)
@given(st.text(alphabet=string.printable + "éλ\x00\ufeff", max_size=200))
def test_random_spec_text_loads_or_raises_a_clear_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("spec") / "fuzz.toml"
    path.write_text(text, encoding="utf-8")
    assert "without a message" not in _outcome(load_spec, path)


@settings(max_examples=60, deadline=2000)
@given(st.binary(max_size=120))
def test_random_spec_bytes_load_or_raise_a_clear_error(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("spec") / "fuzz.toml"
    path.write_bytes(blob)
    assert "without a message" not in _outcome(load_spec, path)
