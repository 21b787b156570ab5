"""ac.sweep: results, routes, attributes, progress, errors (serial executor; see test_executors
for the parallel ones and test_storage for stores)."""

from __future__ import annotations

import functools
import json

import numpy as np
import pytest
import xarray as xr

import autocoherence as ac
from autocoherence import spins
from autocoherence.errors import MethodNotApplicableError, NonUniqueSteadyStateError, ParameterError
from autocoherence.sweeps import CollisionFamily, SpinFamily, sweep
from autocoherence.sweeps.evaluate import Job, evaluate
from autocoherence.sweeps.grid import Grid
from autocoherence.sweeps.manifest import build_manifest, factory_identity, manifest_difference

from .conftest import F1, F2, bilinear_model, composite_model

GRID = {"temperature": [0.0, 0.3, 1.2], "cluster_size": [1, 3]}


def per_point(factory, grid, name, method="auto", site=None):
    """Reference: the model's own route at each point, in a plain loop."""
    axes = list(grid.items())
    out = np.empty([len(v) for _, v in axes])
    for idx in np.ndindex(out.shape):
        point = {k: v[i] for (k, v), i in zip(axes, idx, strict=True)}
        model = factory(**point)
        if site is None:
            state = model.steady_state(method)
            out[idx] = {"sz": lambda s: s.bloch[2]}.get(name, lambda s: getattr(s, name))(state)
        else:
            out[idx] = getattr(model[0].gibbs(model[1]), name)(site)
    return out


def test_result_layout_and_values_for_a_python_factory():
    ds = sweep(composite_model, GRID, ["l1_coherence", "purity", "bloch"], executor="serial")
    assert list(ds.dims) == ["temperature", "cluster_size"]
    assert ds.cluster_size.dtype.kind == "i"
    np.testing.assert_array_equal(ds.temperature.values, GRID["temperature"])
    assert list(ds.data_vars) == ["l1_coherence", "purity", "sx", "sy", "sz"]
    for name in ("l1_coherence", "purity", "sz"):
        np.testing.assert_allclose(
            ds[name].values, per_point(composite_model, GRID, name), rtol=0, atol=1e-14
        )
    assert ds.attrs["package_version"] == ac.__version__
    assert ds.attrs["method"] == "auto"
    assert ds.attrs["factory"].endswith("composite_model")
    assert ds.attrs["points_done"] == ds.attrs["points_total"] == 6
    assert json.loads(ds.attrs["sweep_manifest"])["grid"] == GRID
    assert ds.l1_coherence.attrs["long_name"] == "l1 coherence"


@pytest.mark.parametrize("method", ["master_equation", "collisions"])
def test_every_method_reaches_the_model(method):
    ds = sweep(composite_model, GRID, ["l1_coherence"], method=method, executor="serial")
    np.testing.assert_allclose(
        ds.l1_coherence.values,
        per_point(composite_model, GRID, "l1_coherence", method),
        rtol=0,
        atol=1e-12,
    )


def test_family_records_every_fixed_parameter():
    fam = CollisionFamily(f1=F1, f2=F2, omega_b=1.1)
    ds = sweep(fam, GRID, ["purity"], executor="serial")
    assert ds.attrs["family"] == "collision"
    assert ds.attrs["f1"] == F1
    assert ds.attrs["omega_b"] == 1.1
    assert ds.attrs["rwa"] == "true"
    assert "temperature" not in ds.attrs
    ref = sweep(
        lambda temperature, cluster_size: fam(temperature=temperature, cluster_size=cluster_size),
        GRID,
        ["purity"],
        executor="serial",
    )
    np.testing.assert_allclose(ds.purity.values, ref.purity.values, rtol=0, atol=1e-14)


def test_spin_sweep_uses_the_site():
    fam = SpinFamily("transferred", omega0=1.0, omega1=1.0, omega2=1.3, theta=0.5)
    grid = {"gamma": [0.5, 1.0], "temperature": [0.0, 0.4, 2.0]}
    for site in (0, 1, 2):
        ds = sweep(fam, grid, ["l1_coherence", "qfi"], site=site, executor="serial")
        np.testing.assert_allclose(
            ds.l1_coherence.values,
            per_point(fam, grid, "l1_coherence", site=site),
            rtol=0,
            atol=1e-12,
        )
        assert ds.attrs["site"] == site
        assert ds.attrs["preset"] == "transferred"


def test_spin_pairs_from_a_lambda():
    ds = sweep(
        lambda gamma, temperature: (spins.direct(1.0, 0.5, gamma), temperature),
        {"gamma": [0.7], "temperature": [0.3]},
        ["l1_coherence"],
        executor="serial",
    )
    assert round(float(ds.l1_coherence.item()), 6) == 0.378098


@pytest.mark.parametrize(
    ("factory", "method", "routes"),
    [
        (CollisionFamily(f1=F1, f2=F2), "auto", ("closed_form_family",)),
        (composite_model, "auto", ("closed_form",)),
        (composite_model, "master_equation", ("master_equation",)),
        (composite_model, "collisions", ("generic",)),
        (
            lambda temperature, cluster_size: bilinear_model(temperature, 1.0, cluster_size),
            "auto",
            ("master_equation",),
        ),
        (SpinFamily("direct", omega1=1.0, omega2=0.5, gamma=0.7), "auto", ("gibbs_dense",)),
    ],
)
def test_routes(factory, method, routes):
    grid = {"temperature": [0.2, 0.5]} if isinstance(factory, SpinFamily) else GRID
    job = Job(factory, Grid.from_mapping(grid), ("l1_coherence",), method)
    _, used = evaluate(job, np.arange(job.grid.size))
    assert used == routes


def test_auto_mixes_routes_within_a_block():
    def factory(temperature, cluster_size):
        if cluster_size == 1:
            return composite_model(temperature, cluster_size)
        return bilinear_model(temperature, 0.5, cluster_size)

    job = Job(factory, Grid.from_mapping(GRID), ("purity",), "auto")
    values, used = evaluate(job, np.arange(6))
    assert used == ("closed_form", "master_equation")
    np.testing.assert_allclose(values[0], per_point(factory, GRID, "purity").ravel(), atol=1e-12)


def test_results_do_not_depend_on_the_block_size():
    a = sweep(
        bilinear_model,
        {"temperature": [0.1, 0.5, 1.0], "ratio": [0.2, 1.0]},
        ["qfi"],
        executor="serial",
        chunk_points=1,
    )
    b = sweep(
        bilinear_model,
        {"temperature": [0.1, 0.5, 1.0], "ratio": [0.2, 1.0]},
        ["qfi"],
        executor="serial",
    )
    xr.testing.assert_allclose(a, b, rtol=0, atol=1e-15)


def test_progress_reports_every_block():
    calls = []
    sweep(
        composite_model,
        GRID,
        ["purity"],
        method="collisions",
        executor="serial",
        chunk_points=2,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(0, 6), (2, 6), (4, 6), (6, 6)]


def test_errors_name_the_grid_point():
    with pytest.raises(NonUniqueSteadyStateError, match=r"at grid point temperature=0.5, f2=0.0"):
        sweep(
            lambda temperature, f2: composite_model(temperature, f2=f2),
            {"temperature": [0.5], "f2": [0.6, 0.0]},
            ["purity"],
            executor="serial",
        )
    with pytest.raises(NonUniqueSteadyStateError, match=r"at grid point temperature=0.5, f2=0.0"):
        sweep(
            lambda temperature, f2: composite_model(temperature, f2=f2),
            {"temperature": [0.5], "f2": [0.6, 0.0]},
            ["purity"],
            method="master_equation",
            executor="serial",
        )
    with pytest.raises(MethodNotApplicableError, match=r"closed_form.*\[at grid point"):
        sweep(
            bilinear_model,
            {"temperature": [0.5], "ratio": [1.0]},
            ["purity"],
            method="closed_form",
            executor="serial",
        )
    with pytest.raises(ParameterError, match=r"site must be in \[0, 1\].*at grid point"):
        sweep(
            SpinFamily("direct", omega1=1.0, omega2=0.5, gamma=0.7),
            {"temperature": [0.1]},
            ["l1_coherence"],
            site=2,
            executor="serial",
        )


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"factory": 3}, TypeError, "factory must be callable"),
        (
            {"factory": lambda _temp: None},
            TypeError,
            r"unexpected keyword argument 'temperature'.*"
            r"\[at grid point temperature=0.1\]",
        ),
        ({"factory": lambda temperature: temperature}, TypeError, "must return a CollisionModel"),
        ({"quantities": ["coherence"]}, ParameterError, "unknown quantity 'coherence'"),
        ({"method": "dense"}, ParameterError, "method must be one of 'auto'.* for collision"),
        ({"method": 3}, TypeError, "method must be a string"),
        ({"site": -1}, ParameterError, "site must be an integer >= 0"),
        ({"spec_id": ""}, ParameterError, "spec_id must be a non-empty string"),
        ({"chunk_points": 0}, ParameterError, "chunk_points must be an integer >= 1"),
        ({"executor": "threads"}, ParameterError, "executor must be one of 'local', 'dask'"),
        ({"executor": object()}, TypeError, "executor must be 'local'"),
        ({"address": "tcp://127.0.0.1:1"}, ParameterError, "address is only used with"),
        ({"grid": {"purity": [0.1]}}, ParameterError, "name of a quantity"),
        ({"grid": {"done": [0.1]}}, ParameterError, "name of a quantity or of a stored array"),
    ],
)
def test_bad_arguments(kwargs, error, match):
    args = {
        "factory": composite_model,
        "grid": {"temperature": [0.1]},
        "quantities": ["purity"],
        "executor": "serial",
    }
    args |= kwargs
    with pytest.raises(error, match=match):
        sweep(args.pop("factory"), args.pop("grid"), args.pop("quantities"), **args)


def test_one_kind_per_sweep():
    def factory(temperature):
        return composite_model(temperature) if temperature < 1 else (spins.direct(1, 1, 1), 1.0)

    with pytest.raises(TypeError, match="one kind of model"):
        sweep(factory, {"temperature": [0.5, 2.0]}, ["purity"], executor="serial")


def test_identity_of_python_factories():
    grid = Grid.from_mapping({"temperature": [0.1]})

    def ident(f, spec_id=None):
        return factory_identity(f, Job(f, grid, ("purity",), "auto"), spec_id)

    def make(f2):
        return lambda temperature: composite_model(temperature, f2=f2)

    assert ident(make(0.6)) == ident(make(0.6))
    assert ident(make(0.6)) != ident(make(0.5))  # closure values count
    assert ident(lambda temperature: composite_model(temperature, 1)) != ident(
        lambda temperature: composite_model(temperature, 2)
    )  # constants count
    assert ident(make(0.6), "my-map") == {"spec_id": "my-map"}
    part = ident(functools.partial(composite_model, f2=0.5))
    assert part["keywords"] == {"f2": 0.5}
    assert part["factory"].endswith("composite_model")


def test_manifest_difference_names_the_field():
    job = Job(composite_model, Grid.from_mapping(GRID), ("purity",), "auto")
    a = build_manifest(job, None)
    b = build_manifest(
        Job(composite_model, Grid.from_mapping(GRID), ("purity",), "collisions"), None
    )
    assert manifest_difference(a, a) is None
    assert manifest_difference(a, b) == (
        'field \'method\' differs: the store has "auto", this sweep has "collisions"'
    )
    assert "is not in the store" in manifest_difference({}, {"x": 1})
    assert "but not in this sweep" in manifest_difference({"x": 1}, {})


def test_thermodynamic_rates_in_the_steady_state():
    grid = {"temperature": [0.2, 1.0], "ratio": [0.5, 1.5]}
    ds = sweep(
        bilinear_model,
        grid,
        ["heat_rate", "work_rate", "energy_rate", "l1_coherence"],
        executor="serial",
    )
    for i, t in enumerate(grid["temperature"]):
        for j, r in enumerate(grid["ratio"]):
            m = bilinear_model(t, r)
            ref = m.thermodynamics(state=m.steady_state("auto"))
            assert ds.heat_rate.values[i, j] == ref.heat_rate
            assert ds.work_rate.values[i, j] == ref.work_rate
    # first law in the steady state: dE/dt = 0, so W = -Q (PRA104 Sec. V)
    np.testing.assert_allclose(ds.energy_rate.values, 0.0, atol=1e-12)
    np.testing.assert_allclose(ds.work_rate.values, -ds.heat_rate.values, atol=1e-12)


def test_transient_peak_quantities():
    grid = {"temperature": [0.0, 0.5], "cluster_size": [1, 2]}
    fam = CollisionFamily(f1=0.15, f2=0.15, tau=0.051)
    ds = sweep(
        fam,
        grid,
        ["peak_l1_coherence", "peak_time", "peak_purity", "l1_coherence"],
        executor="serial",
    )
    peak = fam(temperature=0.0, cluster_size=1).transient_peak()
    assert ds.peak_time.values[0, 0] == peak.time
    assert ds.peak_l1_coherence.values[0, 0] == peak.l1_coherence
    assert ds.peak_purity.values[0, 0] == peak.purity
    assert (ds.peak_l1_coherence >= ds.l1_coherence - 1e-12).all()  # a peak is a supremum


def test_oscillator_targets_give_coherence_and_purity_only():
    def factory(temperature):
        return ac.CollisionModel(
            target=ac.Oscillator(1.0, 8),
            unit=ac.Qubit(1.0),
            coupling=ac.Composite(0.3, 0.4),
            temperature=temperature,
            truncation_tol=1e-6,
        )

    grid = {"temperature": [0.2, 0.3]}
    ds = sweep(factory, grid, ["l1_coherence", "purity"], executor="serial")
    ref = [factory(t).steady_state("auto") for t in grid["temperature"]]
    np.testing.assert_array_equal(ds.l1_coherence.values, [s.l1_coherence for s in ref])
    np.testing.assert_array_equal(ds.purity.values, [s.purity for s in ref])
    with pytest.raises(MethodNotApplicableError, match=r"'sx' needs a qubit target.*grid point"):
        sweep(factory, grid, ["sx"], executor="serial")
