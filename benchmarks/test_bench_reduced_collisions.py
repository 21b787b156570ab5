"""Symmetry-reduced exact collisions against dense routes, in the same process.

Issue-4 targets (qubit target, qubit clusters, Fig. 2(a) couplings, T = 0.5, τ = 0.051):
exact collision steady state for N = 100 in under 1 s, N = 1000 in under 60 s, and at the
papers' largest N = 8 at least 100× faster than dense.

* ``test_reduced_steady_state[N]``: total-spin sectors, cold. Every round builds a fresh
  :class:`~autocoherence.collision.exact.sector_channel.SpinSectorChannel` (the model-level cache
  would otherwise make later rounds free).
* ``test_qutip_dense_reference[8]``: the dense QuTiP route. QuTiP builds H on target ⊗
  cluster and U = expm(-iτH), the channel's 4×4 superoperator from four partial traces of
  U(E_rq ⊗ ρ_B)U†, then its fixed point. Its median, and the ratio to the reduced route,
  are stored in ``extra_info``.
* ``test_numpy_dense[8]``: the package's own dense route (eigh of the 512×512 H, Kraus sum).
* ``test_temperature_sweep[shared|rebuilt]``: 20 temperatures at N = 100, with one set of
  block propagators against a rebuild per temperature.

Run ``make bench`` (or ``pytest benchmarks --benchmark-only``). Results go to
benchmarks/BENCHMARKS.md. Under ``make test`` each runs once, untimed (a smoke run).
"""

import math
import statistics
import time

import numpy as np
import pytest
import qutip

import autocoherence as ac
from autocoherence.collision import repeated
from autocoherence.collision.exact.sector_channel import SpinSectorChannel

F2 = 0.6
F1 = F2 / math.sqrt(2)
TEMPERATURE = 0.5
TAU = 0.051


def _model(n):
    return ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        cluster_size=n,
        coupling=ac.Composite(F1, F2),
        temperature=TEMPERATURE,
        tau=TAU,
    )


def _cold_reduced_steady_state(model, temperatures=(TEMPERATURE,)):
    channel = SpinSectorChannel(
        model.target.hamiltonian(),
        model.coupling.terms(model.target, model.unit),
        model.unit,
        model.cluster_size,
        model.tau,
    )
    return [repeated.fixed_point(r.superoperator) for r in channel.superoperators(temperatures)]


def _qutip_dense_steady_state(model):
    n, tau = model.cluster_size, model.tau
    ident = [qutip.qeye(2)] * n

    def site(op, k):
        ops = list(ident)
        ops[k] = op
        return qutip.tensor(qutip.qeye(2), *ops)

    sm = qutip.destroy(2).dag()  # our σ₋ = |g><e| with |e> = basis(2, 0)
    sz = qutip.sigmaz()
    S_minus = sum(site(sm, k) for k in range(n))
    H = 0.5 * qutip.tensor(sz, *ident) + sum(0.5 * site(sz, k) for k in range(n))
    V = F1 * qutip.tensor(sz, *ident) * (S_minus + S_minus.dag())
    V += F2 * (qutip.tensor(sm.dag(), *ident) * S_minus + qutip.tensor(sm, *ident) * S_minus.dag())
    U = (-1j * tau * (H + V / math.sqrt(tau))).expm()
    rho_b = qutip.tensor(*[qutip.Qobj(ac.states.thermal_state(model.unit, model.temperature))] * n)
    M = np.empty((4, 4), dtype=complex)
    for r in range(2):
        for q in range(2):
            E = qutip.basis(2, r) * qutip.basis(2, q).dag()
            M[:, 2 * r + q] = (U * qutip.tensor(E, rho_b) * U.dag()).ptrace(0).full().reshape(-1)
    return repeated.fixed_point(M)


def _numpy_dense_steady_state(model):
    U = repeated.collision_unitary(model.collision_hamiltonian(), model.tau)
    return repeated.fixed_point(repeated.channel_superoperator(U, model.bath_populations(), 2))


def _median_seconds(fn, *args, rounds=3):
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


@pytest.fixture(scope="module")
def qutip_dense_n8_seconds(request):
    smoke = request.config.getoption("benchmark_disable", default=False)
    return _median_seconds(_qutip_dense_steady_state, _model(8), rounds=1 if smoke else 3)


@pytest.mark.parametrize("n", [8, 100, 1000])
def test_reduced_steady_state(benchmark, n, qutip_dense_n8_seconds):
    m = _model(n)
    rounds = 3 if n == 1000 else 10
    (rho,) = benchmark.pedantic(_cold_reduced_steady_state, args=(m,), rounds=rounds, iterations=1)
    assert np.allclose(np.trace(rho), 1.0)
    if n == 8:
        assert np.abs(rho - _numpy_dense_steady_state(m)).max() < 1e-10
        stats = getattr(benchmark, "stats", None)
        if stats is not None:
            benchmark.extra_info["qutip_dense_median_s"] = qutip_dense_n8_seconds
            benchmark.extra_info["speedup_vs_qutip_dense"] = (
                qutip_dense_n8_seconds / stats.stats.median
            )


def test_qutip_dense_reference(benchmark):
    m = _model(8)
    rho = benchmark.pedantic(_qutip_dense_steady_state, args=(m,), rounds=3, iterations=1)
    assert np.abs(rho - _cold_reduced_steady_state(m)[0]).max() < 1e-10


def test_numpy_dense(benchmark):
    benchmark.pedantic(_numpy_dense_steady_state, args=(_model(8),), rounds=3, iterations=1)


@pytest.mark.parametrize("mode", ["shared", "rebuilt"])
def test_temperature_sweep(benchmark, mode):
    m = _model(100)
    temps = tuple(np.linspace(0.05, 2.0, 20))
    if mode == "shared":
        states = benchmark.pedantic(
            _cold_reduced_steady_state, args=(m, temps), rounds=3, iterations=1
        )
    else:

        def rebuilt():
            return [_cold_reduced_steady_state(m, (t,))[0] for t in temps]

        states = benchmark.pedantic(rebuilt, rounds=3, iterations=1)
    assert len(states) == 20
