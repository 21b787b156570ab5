"""General models (issue 10): our dense routes against a QuTiP construction, same process.

A transmon target (3 levels) colliding with clusters of qubit units under a three-term
interaction, with the target's own T1 (c_ops): the master equation (moment generator) against
QuTiP's ``steadystate`` of the literal partial-trace generator, and the exact joint-Lindblad
collision channel against QuTiP's ``(τ·liouvillian).expm()`` + ``ptrace`` on target ⊗ cluster.
Under `make test` each benchmark runs once, untimed (smoke run).
"""

import math

import numpy as np
import pytest
import qutip

import autocoherence as ac
from autocoherence.spaces import sigma_minus, sigma_plus, sigma_x

TRANSMON = ac.Transmon(omega=1.0, anharmonicity=-0.2, levels=3)
GAMMA1 = 0.01


def _model(n):
    b = TRANSMON.lowering()
    coupling = ac.Interaction(
        [
            (0.4 * b.conj().T, sigma_minus()),
            (0.4 * b, sigma_plus()),
            (0.2 * TRANSMON.number(), sigma_x()),
        ]
    )
    return ac.CollisionModel(
        target=TRANSMON,
        unit=ac.Qubit(1.0),
        cluster_size=n,
        coupling=coupling,
        temperature=0.5,
        tau=0.05,
        c_ops=[math.sqrt(GAMMA1) * b],
    )


def _qutip_channel_fixed_point(model):
    """QuTiP: H and c ⊗ 1 on target ⊗ cluster with tensor, the joint Liouvillian's expm over τ,
    ptrace of each basis input, and the fixed point as the eigenvector of eigenvalue 1."""
    n, tau, d = model.cluster_size, model.tau, model.target.dim
    ident = [qutip.qeye(2)] * n

    def site(op, k):
        ops = list(ident)
        ops[k] = qutip.Qobj(op)
        return qutip.tensor(qutip.qeye(d), *ops)

    H = qutip.tensor(qutip.Qobj(TRANSMON.hamiltonian()), *ident)
    H += sum(site(ac.Qubit(1.0).hamiltonian(), k) for k in range(n))
    for s, b in model.coupling.terms:
        H += (
            qutip.tensor(qutip.Qobj(s), *ident) * sum(site(b, k) for k in range(n)) / math.sqrt(tau)
        )
    c = [qutip.tensor(qutip.Qobj(op), *ident) for op in model.c_ops]
    prop = (tau * qutip.liouvillian(H, c)).expm()
    rho_b = qutip.tensor(*[qutip.Qobj(ac.states.thermal_state(ac.Qubit(1.0), 0.5))] * n)
    M = np.zeros((d * d, d * d), dtype=complex)
    for r in range(d):
        for q in range(d):
            E = np.zeros((d, d), dtype=complex)
            E[r, q] = 1.0
            x = qutip.operator_to_vector(qutip.tensor(qutip.Qobj(E), rho_b))
            out = qutip.vector_to_operator(prop * x).ptrace(0).full()
            M[:, r * d + q] = out.reshape(-1)
    w, v = np.linalg.eig(M)
    rho = v[:, np.argmin(abs(w - 1))].reshape(d, d)
    return rho / np.trace(rho)


@pytest.mark.parametrize("n", [1, 3])
def test_general_collisions_with_c_ops(benchmark, n):
    m = _model(n)
    benchmark(m.steady_state, method="collisions")


@pytest.mark.parametrize("n", [1, 3])
def test_qutip_general_collision_reference(benchmark, n):
    m = _model(n)
    rho = benchmark.pedantic(_qutip_channel_fixed_point, args=(m,), rounds=1, iterations=1)
    assert abs(rho - m.steady_state(method="collisions").rho).max() < 1e-9


def test_general_master_equation_n1000(benchmark):
    m = _model(1000)
    s = benchmark(m.steady_state, method="master_equation")
    assert abs(np.trace(s.rho) - 1) < 1e-12
