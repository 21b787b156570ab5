"""Collision-model steady states: our routes against the dense QuTiP reference, same process.

Run `make bench` (or `pytest benchmarks --benchmark-only`); results and the machine go to
benchmarks/BENCHMARKS.md. Under `make test` each benchmark runs once, untimed (smoke run).
"""

import math

import pytest
import qutip

import autocoherence as ac

F2 = 0.6
F1 = F2 / math.sqrt(2)


def _model(n, tau=0.051):
    return ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        cluster_size=n,
        coupling=ac.Composite(F1, F2),
        temperature=0.5,
        tau=tau,
    )


def _qutip_dense_collision_steady_state(model):
    """Reference: QuTiP builds H on target ⊗ cluster, U = expm(-iHτ), the channel as a
    superoperator from to_super(U) and ptrace, and the fixed point with its eigensolver."""
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

    def channel(rho):
        return (U * qutip.tensor(rho, rho_b) * U.dag()).ptrace(0)

    # fixed point by iterating the channel from I/2 to 1e-12 (the QuTiP user's route)
    rho = qutip.qeye(2) / 2
    for _ in range(200000):
        new = channel(rho)
        if (new - rho).norm() < 1e-12:
            return new
        rho = new
    raise RuntimeError("no convergence")


@pytest.mark.parametrize("method", ["closed_form", "master_equation"])
def test_steady_state_n8(benchmark, method):
    m = _model(8)
    benchmark(m.steady_state, method=method)


@pytest.mark.parametrize("n", [1, 3, 8])
def test_dense_collisions(benchmark, n):
    m = _model(n)
    benchmark(m.steady_state, method="collisions", dense=True)


@pytest.mark.parametrize("n", [1, 3])
def test_qutip_dense_collision_reference(benchmark, n):
    m = _model(n)
    rho = benchmark.pedantic(_qutip_dense_collision_steady_state, args=(m,), rounds=1, iterations=1)
    ours = m.steady_state(method="collisions").rho
    assert abs(rho.full() - ours).max() < 1e-9


def test_master_equation_n1000(benchmark):
    m = _model(1000)
    s = benchmark(m.steady_state, method="master_equation")
    assert s.l1_coherence == pytest.approx(
        m.steady_state(method="closed_form").l1_coherence, abs=1e-10
    )
