"""The quantity registry (autocoherence.sweeps.quantities)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autocoherence import spins
from autocoherence.errors import ParameterError
from autocoherence.sweeps.quantities import (
    check_for_kind,
    classify,
    expand_quantities,
    long_name,
    methods,
    quantities,
    sources,
)

from .conftest import bilinear_model, composite_model


def test_expand_quantities_expands_bloch_and_keeps_order():
    assert expand_quantities(["qfi", "bloch", "purity"]) == ("qfi", "sx", "sy", "sz", "purity")


@pytest.mark.parametrize(
    ("names", "error", "match"),
    [
        (["coherence"], ParameterError, r"unknown quantity 'coherence'; available: .*l1_coherence"),
        (["sx", "bloch"], ParameterError, "requested twice"),
        ([], ParameterError, "at least one"),
        ("l1_coherence", TypeError, "list of names"),
        ([3], ParameterError, "unknown quantity 3"),
    ],
)
def test_bad_quantity_names(names, error, match):
    with pytest.raises(error, match=match):
        expand_quantities(names)


@pytest.mark.parametrize("kind", ["collision", "spins"])
def test_from_bloch_agrees_with_the_model_route(kind):
    """Every quantity's vectorised form equals its value read from the state object."""
    if kind == "collision":
        cases = [composite_model(0.4, 3), bilinear_model(0.7, 1.3, 2)]
        steady = sources("collision")["steady_state"]
        results = [steady.compute(m, "auto", lambda _name: None) for m in cases]
        blochs = [r.bloch for r in results]
    else:
        net = spins.transferred(1.0, 1.0, 1.3, 0.5, 0.5)
        results = [net.gibbs(t) for t in (0.2, 1.0)]
        blochs = [r.bloch(1) for r in results]
    bloch_derived = [q for q in quantities(kind).values() if q.from_bloch is not None]
    assert [q.name for q in bloch_derived] == ["l1_coherence", "purity", "qfi", "sx", "sy", "sz"]
    for q in bloch_derived:
        name = q.name
        for result, bloch in zip(results, blochs, strict=True):
            x, y, z = (np.array([v]) for v in bloch)
            assert abs(q.from_bloch(x, y, z)[0] - q.extract(result, 1)) < 1e-14, name


def test_classify_recognises_both_kinds():
    m = composite_model(0.5)
    assert classify(m) == ("collision", m)
    pair = (spins.direct(1.0, 0.5, 0.7), 0.3)
    assert classify(pair) == ("spins", pair)


@pytest.mark.parametrize("obj", [None, spins.direct(1.0, 0.5, 0.7), (0.3, 0.2), [1]])
def test_classify_refuses_anything_else(obj):
    with pytest.raises(TypeError, match=r"CollisionModel or a \(SpinNetwork, temperature\)"):
        classify(obj)


def test_methods_follow_the_models():
    assert "master_equation" in methods("collision")
    assert "dense" in methods("spins")
    with pytest.raises(ParameterError, match="for spins models"):
        check_for_kind("spins", ["purity"], "master_equation")
    check_for_kind("collision", ["purity"], "collisions")


@pytest.mark.parametrize("call", [quantities, sources])
def test_unknown_kind(call):
    with pytest.raises(ParameterError, match="kind must be one of 'collision', 'spins'"):
        call("oscillators")


def test_long_names():
    assert long_name("l1_coherence") == "l1 coherence"
    assert long_name("something_new") == "something_new"
    assert math.isfinite(len(long_name("sz")))
