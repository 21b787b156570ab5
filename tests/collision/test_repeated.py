"""collision/repeated.py: the exact one-collision channel is CPTP, its fixed point stationary."""

import math

import numpy as np
import pytest

import autocoherence as ac
from autocoherence.collision import repeated
from autocoherence.errors import NonUniqueSteadyStateError


def _model(**kw):
    base = {
        "target": ac.Qubit(1.0),
        "unit": ac.Qubit(1.0),
        "coupling": ac.Composite(0.3, 0.5),
        "temperature": 0.4,
        "cluster_size": 2,
        "tau": 0.1,
    }
    return ac.CollisionModel(**(base | kw))


def _choi(M, d):
    # M[(s,t),(r,q)] -> Choi[(s,r),(t,q)]
    return M.reshape(d, d, d, d).transpose(0, 2, 1, 3).reshape(d * d, d * d)


@pytest.mark.parametrize("coupling", [ac.Composite(0.3, 0.5), ac.Composite(0.3, 0.5, rwa=False)])
@pytest.mark.parametrize("temperature", [0.0, 0.4, math.inf])
def test_channel_is_cptp(coupling, temperature):
    M = _model(coupling=coupling, temperature=temperature).channel()
    d = 2
    # trace preserving: tr Φ(|r><q|) = δ_rq
    tr = M.reshape(d, d, d, d).trace(axis1=0, axis2=1)
    assert np.allclose(tr, np.eye(d), atol=1e-13)
    choi = _choi(M, d)
    assert np.allclose(choi, choi.conj().T, atol=1e-13)
    assert np.linalg.eigvalsh(choi).min() > -1e-13


def test_unitary_is_unitary_for_complex_hamiltonian():
    rng = np.random.default_rng(0)
    g = rng.normal(size=(6, 6)) + 1j * rng.normal(size=(6, 6))
    U = repeated.collision_unitary(g + g.conj().T, 0.3)
    assert np.allclose(U @ U.conj().T, np.eye(6), atol=1e-13)


def test_fixed_point_is_stationary_and_stroboscopic_converges():
    model = _model()
    M = model.channel()
    rho = repeated.fixed_point(M)
    assert np.allclose((M @ rho.reshape(-1)).reshape(2, 2), rho, atol=1e-13)
    states = repeated.stroboscopic_states(
        M, np.diag([1.0, 0.0]).astype(complex), np.array([0, 3, 4000])
    )
    assert np.allclose(states[0], np.diag([1.0, 0.0]))
    assert np.allclose(states[2], rho, atol=1e-10)


def test_identity_channel_has_no_unique_fixed_point():
    with pytest.raises(NonUniqueSteadyStateError, match="fixed points"):
        repeated.fixed_point(np.eye(4, dtype=complex))


def test_bath_at_zero_temperature_keeps_only_ground_kraus():
    """At T = 0 only the bath ground state carries weight; the channel must still be exact."""
    model = _model(temperature=0.0)
    U = repeated.collision_unitary(model.collision_hamiltonian(), model.tau)
    p = model.bath_populations()
    assert np.count_nonzero(p) == 1
    M = repeated.channel_superoperator(U, p, 2)
    rho = np.array([[0.3, 0.1 - 0.2j], [0.1 + 0.2j, 0.7]])
    j = int(np.flatnonzero(p)[0])
    D = p.size
    joint = U @ np.kron(rho, np.diag(np.eye(D)[j])) @ U.conj().T
    ref = np.einsum("aibi->ab", joint.reshape(2, D, 2, D))
    assert np.allclose((M @ rho.reshape(-1)).reshape(2, 2), ref, atol=1e-14)
