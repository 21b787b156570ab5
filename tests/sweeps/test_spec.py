"""TOML sweep specs: field-level validation, and the example specs of examples/."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from autocoherence.figures import get_figure
from autocoherence.sweeps import SpecError, load_spec, parse_spec, run_spec
from autocoherence.sweeps.families import CollisionFamily, SpinFamily

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

BASE = {
    "model": {"family": "collision", "f1": 0.3, "f2": 0.6},
    "grid": {"temperature": [0.0, 0.5]},
    "sweep": {"quantities": ["l1_coherence"]},
}


def spec_with(**changes):
    """BASE with fields changed (``None`` drops one) or whole tables replaced (a non-dict or {})."""
    data = {k: dict(v) for k, v in BASE.items()}
    for table, fields in changes.items():
        if not isinstance(fields, dict) or not fields:
            data[table] = fields
            continue
        data.setdefault(table, {})
        for key, value in fields.items():
            if value is None:
                data[table].pop(key, None)
            else:
                data[table][key] = value
    return data


def test_a_minimal_spec():
    spec = parse_spec(BASE)
    assert isinstance(spec.family, CollisionFamily)
    assert spec.family.fixed == {"f1": 0.3, "f2": 0.6}
    assert spec.quantities == ("l1_coherence",)
    assert spec.method == "auto"
    assert spec.site == 0
    assert spec.chunk_points is None


def test_axis_forms():
    spec = parse_spec(
        spec_with(
            grid={
                "temperature": {"start": 0.0, "stop": 1.0, "num": 5},
                "f2": {"start": 0.01, "stop": 1.0, "num": 3, "spacing": "log"},
                "cluster_size": [1, 2, 8],
            },
            model={"f2": None},
        )
    )
    coords = spec.grid.coords()
    np.testing.assert_array_equal(coords["temperature"], np.linspace(0, 1, 5))
    np.testing.assert_allclose(coords["f2"], [0.01, 0.1, 1.0])
    assert coords["cluster_size"].dtype.kind == "i"
    mixed = parse_spec(spec_with(grid={"temperature": [0, 0.5, math.inf]}))
    assert mixed.grid.coords()["temperature"].dtype == float


def test_spins_spec():
    spec = parse_spec(
        {
            "model": {"family": "spins", "preset": "direct", "omega1": 1.0, "omega2": 0.5},
            "grid": {"gamma": [0.5, 1.0], "temperature": [0.1]},
            "sweep": {"quantities": ["qfi"], "site": 1, "method": "dense"},
        }
    )
    assert isinstance(spec.family, SpinFamily)
    assert spec.site == 1


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"models": {"x": 1}}, r"unknown field 'models' in the spec \(top level\); allowed: title"),
        ({"model": "collision"}, r"\[model\] must be a table"),
        ({"model": {"family": "bath"}}, r"\[model\] family must be one of 'collision', 'spins'"),
        ({"model": {"f3": 1.0}}, r"unknown field 'f3' in \[model\]; allowed: family, unit"),
        ({"model": {"f1": "0.3"}}, r"\[model\] f1 must be a real number, got '0.3' \(str\)"),
        ({"model": {"f1": True}}, r"\[model\] f1 must be a real number, got True"),
        (
            {"model": {"temperature": -0.5}, "grid": {"cluster_size": [1]}},
            r"\[model\] temperature must be >= 0 \(0 and inf are allowed\), got -0.5",
        ),
        (
            {"model": {"temperature": math.nan}, "grid": {"cluster_size": [1]}},
            r"\[model\] temperature must be >= 0",
        ),
        ({"model": {"cluster_size": 1.5}}, r"\[model\] cluster_size must be an integer >= 1"),
        ({"model": {"rwa": "yes"}}, r"\[model\] rwa must be true or false"),
        ({"model": {"f2": None}}, r"collision parameter 'f2' is required"),
        (
            {"model": {"unit": "oscillator"}, "sweep": {"method": "master_equation"}},
            r"\[sweep\] method: unit_dim .* is required",
        ),
        ({"grid": {}}, r"\[grid\] needs at least one axis"),
        ({"grid": {"temperature": []}}, r"\[grid\] temperature is empty"),
        ({"grid": {"temperature": [-0.1, 0.5]}}, r"\[grid\] temperature\[0\] must be >= 0"),
        (
            {"grid": {"temperature": {"start": -1.0, "stop": 1.0, "num": 3}}},
            r"\[grid\] temperature\[0\] must be >= 0 .* got -1.0",
        ),
        ({"grid": {"temperature": [0.1, "hot"]}}, r"\[grid\] temperature\[1\] must be a number"),
        ({"grid": {"temperature": [0.1, False]}}, r"\[grid\] temperature\[1\] must be a number"),
        (
            {"grid": {"temperature": 0.5}},
            r"\[grid\] temperature must be a list of values or a table",
        ),
        ({"grid": {"temperature": {"start": 0.0, "stop": 1.0}}}, r"needs the field 'num'"),
        ({"grid": {"temperature": {"start": 0.0, "stop": 1.0, "num": 0}}}, r"num must be >= 1"),
        (
            {"grid": {"temperature": {"start": 0.0, "stop": 1.0, "num": 2.0}}},
            r"num must be an integer",
        ),
        (
            {"grid": {"temperature": {"start": 0.0, "stop": 1.0, "num": 2, "step": 1}}},
            r"unknown field 'step' in \[grid\] temperature",
        ),
        (
            {"grid": {"temperature": {"start": 0.0, "stop": 1.0, "num": 2, "spacing": "cubic"}}},
            r"spacing must be 'linear' or 'log'",
        ),
        (
            {"grid": {"temperature": {"start": 0.0, "stop": 1.0, "num": 2, "spacing": "log"}}},
            r"'log' needs start > 0 and stop > 0",
        ),
        (
            {"grid": {"temperature": {"start": "a", "stop": 1.0, "num": 2}}},
            r"\[grid\] temperature.start must be a number",
        ),
        (
            {"grid": {"temperature": {"start": 0.0, "stop": math.inf, "num": 2}}},
            r"\[grid\] temperature.stop must be finite",
        ),
        ({"grid": {"temperature": [0.1], "f1": [0.2]}}, r"f1 is both fixed"),
        ({"grid": {"temperature": [0.1], "unit": [1, 2]}}, r"unit cannot be swept"),
        ({"grid": {"temp": [0.1]}}, r"\[grid\] 'temp' is not a collision parameter"),
        (
            {"grid": {"temperature": [0.1], "cluster_size": [1.0, 2.0]}},
            r"\[grid\] cluster_size\[0\] must be an integer >= 1",
        ),
        ({"grid": {"temperature": [0.1, 0.1]}}, r"\[grid\] grid axis 'temperature' has repeated"),
        ({"sweep": {"quantities": None}}, r"\[sweep\] needs quantities"),
        ({"sweep": {"quantities": "purity"}}, r"\[sweep\] quantities must be a list of names"),
        ({"sweep": {"quantities": ["coherence"]}}, r"\[sweep\] quantities: unknown quantity"),
        (
            {"sweep": {"method": "dense"}},
            r"\[sweep\] method must be one of 'auto'.* collision family",
        ),
        ({"sweep": {"site": 1}}, r"\[sweep\] site applies to spin networks only"),
        ({"sweep": {"chunk_points": 0}}, r"\[sweep\] chunk_points must be an integer >= 1"),
        ({"sweep": {"workers": 2}}, r"unknown field 'workers' in \[sweep\]"),
        ({"title": 3}, r"title must be a string"),
    ],
)
def test_field_level_errors(changes, match):
    with pytest.raises(SpecError, match=match):
        parse_spec(spec_with(**changes))


@pytest.mark.parametrize("missing", ["model", "grid", "sweep"])
def test_missing_tables(missing):
    data = {k: v for k, v in BASE.items() if k != missing}
    with pytest.raises(SpecError, match=rf"needs a \[{missing}\] table"):
        parse_spec(data)


@pytest.mark.parametrize(
    ("model", "sweep", "match"),
    [
        ({"family": "spins", "preset": "chain"}, {}, r"\[model\] preset must be one of 'direct'"),
        ({"family": "spins"}, {}, r"\[model\] preset must be one of"),
        (
            {"family": "spins", "preset": "direct", "omega1": 1.0, "omega2": 1.0, "theta": 1.0},
            {},
            r"unknown field 'theta' in \[model\]; allowed: family, preset, omega1",
        ),
        (
            {"family": "spins", "preset": "direct", "omega1": 1.0, "omega2": 1.0, "gamma": 0.5},
            {"site": -1},
            r"\[sweep\] site must be an integer >= 0",
        ),
        (
            {"family": "spins", "preset": "direct", "omega1": 1.0, "omega2": 1.0, "gamma": 0.5},
            {"method": "master_equation"},
            r"method must be one of 'auto', 'dense', 'symmetry' for the spins",
        ),
    ],
)
def test_spin_spec_errors(model, sweep, match):
    data = {
        "model": model,
        "grid": {"temperature": [0.1]},
        "sweep": {"quantities": ["purity"], **sweep},
    }
    with pytest.raises(SpecError, match=match):
        parse_spec(data)


def test_load_spec_reports_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[model]\nfamily = "collision"\nf1 = 0.3\nf2 = 0.6\n[grid]\n'
        'temperature = [-1.0]\n[sweep]\nquantities = ["purity"]\n'
    )
    with pytest.raises(SpecError, match=rf"{bad}: \[grid\] temperature\[0\] must be >= 0"):
        load_spec(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("[model\nfamily = 1\n")
    with pytest.raises(SpecError, match=r"broken.toml: not valid TOML"):
        load_spec(broken)
    with pytest.raises(SpecError, match="cannot read the spec"):
        load_spec(tmp_path / "missing.toml")


def test_nothing_in_a_spec_is_evaluated(tmp_path):
    spec = tmp_path / "code.toml"
    spec.write_text(
        '[model]\nfamily = "collision"\nf1 = "0.6/sqrt(2)"\nf2 = 0.6\n'
        '[grid]\ntemperature = [0.1]\n[sweep]\nquantities = ["purity"]\n'
    )
    with pytest.raises(SpecError, match=r"f1 must be a real number, got '0.6/sqrt\(2\)'"):
        load_spec(spec)


def test_toml_infinity_is_a_temperature(tmp_path):
    spec = tmp_path / "inf.toml"
    spec.write_text(
        '[model]\nfamily = "collision"\nf1 = 0.3\nf2 = 0.6\n'
        '[grid]\ntemperature = [0.0, inf]\n[sweep]\nquantities = ["l1_coherence"]\n'
    )
    ds = run_spec(load_spec(spec), executor="serial")
    assert ds.l1_coherence.values[1] == 0.0


def test_every_example_spec_is_valid():
    # device-*.toml are device descriptions for `autocoherence predict` (tests/lab), not sweeps
    paths = sorted(p for p in EXAMPLES.glob("*.toml") if not p.name.startswith("device-"))
    assert len(paths) >= 4
    for path in paths:
        spec = load_spec(path)
        assert spec.title


@pytest.mark.parametrize("name", ["collision-fig2a", "collision-fig5a"])
def test_collision_examples_reproduce_the_figure_curves(name):
    ds = run_spec(load_spec(EXAMPLES / f"{name}.toml"), executor="serial")
    ref = get_figure(name).compute(dot_temperatures=())
    assert ds.attrs["title"].startswith("PRA104")
    for q in ("l1_coherence", "purity"):
        np.testing.assert_allclose(
            ds[q].transpose("cluster_size", "temperature").values, ref[q].values, rtol=0, atol=1e-14
        )


def test_spin_example_matches_dense_gibbs_states():
    spec = load_spec(EXAMPLES / "spins-fig2a.toml")
    ds = run_spec(spec, executor="serial")
    for omega2, gamma, t in [(0.5, 0.5, 0.0), (1.3, 2.0, 0.37), (0.5, 1.0, 2.0)]:
        net, temperature = spec.family(omega2=omega2, gamma=gamma, temperature=t)
        value = ds.l1_coherence.sel(omega2=omega2, gamma=gamma, temperature=t, method="nearest")
        assert abs(float(value) - net.gibbs(temperature).l1_coherence(0)) < 1e-12
