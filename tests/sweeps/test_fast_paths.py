"""Vectorised routes against the per-model routes they replace (autocoherence.sweeps.fast_paths).

Tolerances: the closed form evaluated on arrays and per model is the same arithmetic (1e-14);
the batched master equation is the per-model algorithm (the engine's stacked
Liouvillian and trace-constrained solve, item by item), so steady states agree to rounding
(1e-13); the shared diagonalisation of spin networks sums Boltzmann weights over
the same eigenvectors as the dense Gibbs state (1e-12).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import autocoherence as ac
from autocoherence import spins
from autocoherence.errors import MethodNotApplicableError, NonUniqueSteadyStateError, ParameterError
from autocoherence.spaces import sigma_minus
from autocoherence.states import cluster_moments
from autocoherence.sweeps import fast_paths
from autocoherence.sweeps.evaluate import Job, evaluate, point_route
from autocoherence.sweeps.families import CollisionFamily
from autocoherence.sweeps.grid import Grid

from .conftest import F1, F2, bilinear_model, composite_model

TEMPERATURES = [0.0, 0.01, 0.3, 1.0, 7.5, math.inf]


def _with_c_ops(temperature: float) -> ac.CollisionModel:
    """Fig. 2(a) model plus the target's own decay: the closed forms do not cover it."""
    return ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        coupling=ac.Composite(F1, F2),
        temperature=temperature,
        c_ops=[np.sqrt(0.2) * sigma_minus()],
    )


ROUTE_MODELS = [
    composite_model(0.5, 2),
    bilinear_model(0.5, 1.0),
    _with_c_ops(0.5),
    ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.UnitMixture([ac.Qubit(0.9), ac.Qubit(1.1)], weights=[0.5, 0.5]),
        coupling=ac.Composite(F1, F2),
        temperature=0.5,
    ),
    ac.CollisionModel(
        target=ac.Oscillator(1.0, dim=4),
        unit=ac.Qubit(1.0),
        coupling=ac.Composite(0.1, 0.2),
        temperature=0.5,
    ),
]


@pytest.mark.parametrize("model", ROUTE_MODELS)
def test_steady_state_route_is_the_route_steady_state_takes(model):
    route = model.steady_state_route("auto")
    if isinstance(model.target, ac.Oscillator):
        assert route == "master_equation"  # steady_state itself refuses this oscillator target
    else:
        assert route == model.steady_state("auto").method
    assert model.steady_state_route("collisions") == "collisions"
    assert model.steady_state_route("master_equation") == "master_equation"
    if route == "closed_form":
        assert model.steady_state_route("closed_form") == "closed_form"
    else:
        with pytest.raises(MethodNotApplicableError, match="closed_form' does not apply"):
            model.steady_state_route("closed_form")


def test_steady_state_route_rejects_unknown_methods():
    with pytest.raises(ParameterError, match="method"):
        composite_model(0.5).steady_state_route("exact")


@pytest.mark.parametrize("model", ROUTE_MODELS)
def test_sweep_point_route_follows_the_model_route(model):
    for method in ("auto", "closed_form", "master_equation", "collisions"):
        try:
            route = model.steady_state_route(method)
        except MethodNotApplicableError:
            route = "generic"
        vectorised = route == "closed_form" or (
            route == "master_equation" and isinstance(model.target, ac.Qubit)
        )
        expected = route if vectorised else "generic"
        assert point_route("collision", model, method) == expected


def test_sweep_auto_includes_the_targets_own_c_ops():
    """Defect fixed: the sweep's copy of the route rule sent models with c_ops to the closed
    form, which ignores them (l1 coherence 0.1328 instead of 0.1131 at T = 0.5)."""
    ds = ac.sweep(_with_c_ops, {"temperature": [0.0, 0.5]}, ["l1_coherence"], executor="serial")
    ref = [_with_c_ops(t).steady_state("auto").l1_coherence for t in (0.0, 0.5)]
    assert np.max(np.abs(ds.l1_coherence.values - ref)) < 1e-13


@pytest.mark.parametrize("unit", ["qubit", "oscillator"])
def test_cluster_moments_array_matches_the_scalar_function(unit):
    omegas = [0.5, 1.0, 2.0] if unit == "oscillator" else [-1.0, 0.0, 1.0]
    temps = [t for t in TEMPERATURES if not (unit == "oscillator" and t == math.inf)]
    n, w, t = (a.ravel() for a in np.meshgrid([1, 3, 8], omegas, temps, indexing="ij"))
    a, c = fast_paths.cluster_moments_array(unit, n, w, t)
    space = ac.Qubit if unit == "qubit" else (lambda om: ac.Oscillator(om, dim=2))
    ref = np.array(
        [cluster_moments(space(wi), int(ni), ti) for ni, wi, ti in zip(n, w, t, strict=True)]
    )
    np.testing.assert_allclose(a, ref[:, 0], rtol=1e-15)
    np.testing.assert_allclose(c, ref[:, 1], rtol=1e-15)


def test_oscillator_moments_at_infinite_temperature_are_infinite():
    a, c = fast_paths.cluster_moments_array(
        "oscillator", np.array([2.0]), np.array([1.0]), np.array([math.inf])
    )
    assert a[0] == math.inf
    assert c[0] == 2.0


@pytest.mark.parametrize(("unit", "rwa"), [("qubit", True), ("oscillator", True), ("qubit", False)])
def test_family_closed_form_equals_each_model_closed_form(unit, rwa):
    fam = CollisionFamily(f2=F2, unit=unit, rwa=rwa, omega=1.3)
    f1, temps, ns = np.meshgrid([0.0, F1, -0.2], [0.0, 0.2, 1.0, 3.0], [1, 2, 8], indexing="ij")
    points = {"f1": f1.ravel(), "temperature": temps.ravel(), "cluster_size": ns.ravel()}
    x, y, z = fast_paths.collision_family_bloch(fam, points)
    for k in range(x.size):
        m = fam(
            f1=float(f1.flat[k]), temperature=float(temps.flat[k]), cluster_size=int(ns.flat[k])
        )
        ref = m.steady_state("closed_form").bloch
        np.testing.assert_allclose([x[k], y[k], z[k]], ref, rtol=0, atol=1e-14)


def test_models_closed_form_equals_each_model():
    models = [composite_model(t, n) for t in (0.0, 0.4, 2.0) for n in (1, 5)]
    models.append(
        ac.CollisionModel(
            target=ac.Qubit(1.0),
            unit=ac.Qubit(1.0),
            coupling=ac.Composite(0.3, 0.6, rwa=False),
            temperature=0.3,
        )
    )
    x, y, z = fast_paths.closed_form_bloch(models)
    ref = np.array([m.steady_state("closed_form").bloch for m in models])
    np.testing.assert_allclose(np.stack([x, y, z], axis=1), ref, rtol=0, atol=1e-14)


def _me_models():
    models = [
        bilinear_model(t, r, n)
        for t in (0.0, 0.3, 1.5, math.inf)
        for r in (0.0, 0.7, 2.0)
        for n in (1, 4)
    ]
    models += [composite_model(t, n) for t in (0.1, 1.0) for n in (1, 3)]
    models.append(
        ac.CollisionModel(
            target=ac.Qubit(1.0),
            unit=ac.Oscillator(1.0, dim=20),
            coupling=ac.Composite(F1, F2),
            temperature=0.7,
            cluster_size=2,
        )
    )
    return models


def test_batched_master_equation_equals_each_steady_state():
    models = _me_models()
    x, y, z = fast_paths.master_equation_bloch(models)
    ref = np.array([m.steady_state("master_equation").bloch for m in models])
    assert np.max(np.abs(np.stack([x, y, z], axis=1) - ref)) < 1e-13


def test_master_equation_states_group_targets_by_dimension():
    models = [
        composite_model(0.3),
        ac.CollisionModel(
            target=ac.Oscillator(1.0, dim=12),
            unit=ac.Qubit(1.0),
            coupling=ac.Composite(0.1, 0.2),
            temperature=0.1,
        ),
        bilinear_model(1.0, 0.7, 2),
    ]
    states = fast_paths.master_equation_states(models)
    for rho, m in zip(states, models, strict=True):
        assert np.max(np.abs(rho - m.steady_state("master_equation").rho)) < 1e-13


def test_sweep_master_equation_equals_each_model_steady_state():
    fam = CollisionFamily(f1=F1, f2=F2)
    grid = {"temperature": [0.0, 0.05, 0.7, 3.0, math.inf], "cluster_size": [1, 2, 17, 100]}
    ds = ac.sweep(fam, grid, ["l1_coherence", "purity"], method="master_equation")
    job = Job(fam, Grid.from_mapping(grid), ("purity",), "master_equation")
    assert evaluate(job, np.arange(job.grid.size))[1] == ("master_equation",)
    for i, t in enumerate(grid["temperature"]):
        for j, n in enumerate(grid["cluster_size"]):
            s = fam(temperature=t, cluster_size=n).steady_state("master_equation")
            assert abs(ds.l1_coherence.values[i, j] - s.l1_coherence) < 1e-13
            assert abs(ds.purity.values[i, j] - s.purity) < 1e-13


def test_batched_master_equation_refuses_non_unique_steady_states():
    good = composite_model(0.5)
    bad = composite_model(0.5, f2=0.0)  # pure dephasing: populations are conserved
    with pytest.raises(NonUniqueSteadyStateError, match=r"item 1 of the stack"):
        fast_paths.master_equation_bloch([good, bad])


def test_spins_shared_diagonalisation_equals_each_gibbs_state():
    nets = [
        spins.direct(1.0, 0.5, 0.7),
        spins.indirect_n(1.0, 0.5, 0.5, 0.5, n=2),
        spins.direct(1.0, 0.5, 0.7),
    ]  # equal Hamiltonians: one group
    op = spins.SpinNetwork.from_operator(spins.direct(1.0, 1.3, 0.4).hamiltonian)
    pairs = [(net, t) for net in [*nets, op] for t in (0.0, 0.25, 1.0, math.inf)]
    for site in (0, 1):
        x, y, z = fast_paths.spins_dense_bloch(pairs, site)
        ref = np.array([net.gibbs(t, method="dense").bloch(site) for net, t in pairs])
        np.testing.assert_allclose(np.stack([x, y, z], axis=1), ref, rtol=0, atol=1e-12)


def test_spins_fast_path_applies_to_the_dense_route_only():
    assert fast_paths.spins_dense_applies("dense")
    assert fast_paths.spins_dense_applies("auto", spins.direct(1, 0.5, 0.7))
    assert not fast_paths.spins_dense_applies("auto", spins.direct_n(1, 0.5, 0.2, n=3))
    assert not fast_paths.spins_dense_applies("symmetry")
