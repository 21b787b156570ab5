"""Sweeps at scale: the vectorised closed form and the batched master equation.

Targets (issue 6): a 10^6-point closed-form grid in under 1 s; 10^4 master-equation steady
states of a Bilinear coupling (no closed form) in under 10 s, with the ratio against a loop
of ``qutip.steadystate`` measured in the same run. Issue 14: 10^4 master-equation steady
states of the PRA104 family (``CollisionFamily``, ``method="master_equation"``) through the
batched engine, against the same QuTiP loop. QuTiP takes ~10 ms per 4x4 problem, so
its loop is timed on a 200-point subset of the same grid and scaled to 10^4 points (the cost
per point does not depend on the parameters); ``extra_info`` records both numbers.

Run `make bench` (or `pytest benchmarks --benchmark-only`); under `make test` each benchmark
runs once, untimed (smoke run).
"""

import math
import time

import numpy as np
import qutip

import autocoherence as ac
from autocoherence.spaces import sigma_minus, sigma_z
from autocoherence.sweeps import CollisionFamily, sweep

F2 = 0.6
F1 = F2 / math.sqrt(2)
QUTIP_SUBSET = 200


def bilinear(temperature, ratio):
    """s = 0.3·ratio·σz + 0.6·σ₋, A = σ₋: a Bilinear coupling, so no closed form applies."""
    return ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        coupling=ac.Bilinear(0.3 * ratio * sigma_z() + 0.6 * sigma_minus(), sigma_minus()),
        temperature=temperature,
        cluster_size=2,
    )


def test_closed_form_grid_1e6(benchmark):
    grid = {"temperature": np.linspace(0.01, 3.0, 1000), "cluster_size": np.arange(1, 1001)}
    family = CollisionFamily(f1=F1, f2=F2)
    ds = benchmark.pedantic(
        sweep,
        args=(family, grid, ["l1_coherence", "purity"]),
        kwargs={"executor": "serial"},
        rounds=3,
        iterations=1,
        warmup_rounds=1,
    )
    assert ds.l1_coherence.size == 10**6
    check = family(temperature=float(grid["temperature"][17]), cluster_size=400)
    assert abs(ds.l1_coherence.values[17, 399] - check.steady_state().l1_coherence) < 1e-14
    benchmark.extra_info["points"] = 10**6


def test_batched_master_equation_1e4(benchmark):
    grid = {"temperature": np.linspace(0.05, 3.0, 100), "ratio": np.linspace(0.1, 2.0, 100)}
    elapsed = {}

    def run():
        start = time.perf_counter()
        out = sweep(bilinear, grid, ["l1_coherence", "purity"], method="master_equation")
        elapsed["sweep"] = time.perf_counter() - start
        return out

    ds = benchmark.pedantic(run, rounds=1, iterations=1)
    assert ds.l1_coherence.size == 10**4
    rng = np.random.default_rng(6)
    picks = rng.choice(10**4, size=QUTIP_SUBSET, replace=False)
    start = time.perf_counter()
    for flat in picks:
        i, j = np.unravel_index(flat, (100, 100))
        H, c_ops = bilinear(grid["temperature"][i], grid["ratio"][j]).to_qutip()
        rho = qutip.steadystate(H, c_ops).full()
        ours = ds.purity.values[i, j]
        assert abs(float(np.real(np.trace(rho @ rho))) - ours) < 1e-8
    qutip_per_point = (time.perf_counter() - start) / QUTIP_SUBSET
    benchmark.extra_info["points"] = 10**4
    benchmark.extra_info["sweep_s"] = elapsed["sweep"]
    benchmark.extra_info["qutip_loop_per_point_s"] = qutip_per_point
    benchmark.extra_info["qutip_loop_1e4_estimate_s"] = qutip_per_point * 10**4
    benchmark.extra_info["ratio_qutip_over_sweep"] = qutip_per_point * 10**4 / elapsed["sweep"]


def test_family_master_equation_1e4(benchmark):
    """10^4 Lindblad steady states (Eq. (A5)) of the Fig. 2(a) family over T x N; the smoke
    run (``--benchmark-disable``) takes a 10 x 10 corner of the grid and 10 QuTiP points."""
    side, subset = (10, 10) if benchmark.disabled else (100, QUTIP_SUBSET)
    grid = {
        "temperature": np.linspace(0.05, 3.0, 100)[:side],
        "cluster_size": np.arange(1, 101)[:side],
    }
    family = CollisionFamily(f1=F1, f2=F2)
    elapsed = {}

    def run():
        start = time.perf_counter()
        out = sweep(
            family, grid, ["l1_coherence", "purity"], method="master_equation", executor="serial"
        )
        elapsed["sweep"] = time.perf_counter() - start
        return out

    ds = benchmark.pedantic(run, rounds=1, iterations=1)
    assert ds.l1_coherence.size == side**2
    closed = sweep(family, grid, ["l1_coherence"], executor="serial")
    assert np.max(np.abs(ds.l1_coherence.values - closed.l1_coherence.values)) < 1e-12
    rng = np.random.default_rng(14)
    picks = rng.choice(side**2, size=subset, replace=False)
    start = time.perf_counter()
    for flat in picks:
        i, j = np.unravel_index(flat, (side, side))
        model = family(temperature=float(grid["temperature"][i]), cluster_size=int(j + 1))
        H, c_ops = model.to_qutip()
        rho = qutip.steadystate(H, c_ops).full()
        assert abs(float(np.real(np.trace(rho @ rho))) - ds.purity.values[i, j]) < 1e-8
    qutip_per_point = (time.perf_counter() - start) / subset
    benchmark.extra_info["points"] = side**2
    benchmark.extra_info["sweep_s"] = elapsed["sweep"]
    benchmark.extra_info["qutip_loop_per_point_s"] = qutip_per_point
    benchmark.extra_info["qutip_loop_estimate_s"] = qutip_per_point * side**2
    benchmark.extra_info["ratio_qutip_over_sweep"] = qutip_per_point * side**2 / elapsed["sweep"]
