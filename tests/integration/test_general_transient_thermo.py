"""Transient peak and thermodynamic rates of general models (issue 10).

Routes compared:
* ``CollisionModel.thermodynamics`` (single-unit moments, Eq. (24)) ↔ literal double
  commutators on the dense target ⊗ cluster space written out here with ``np.kron``;
* ``CollisionModel.transient_peak`` (certified march + derivative root) ↔ the maximum of the
  l1 coherence in H_S's eigenbasis over a fine ``scipy.linalg.expm`` grid of the same generator.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla

import autocoherence as ac
from autocoherence.spaces import sigma_minus, sigma_plus, sigma_z


def _qutrit_ops():
    b = np.diag(np.sqrt([1.0, 2.0]), 1).astype(complex)
    return b, b.conj().T


def _transmon_model(n=2, temperature=0.6, c_ops=()):
    t = ac.Transmon(omega=1.0, anharmonicity=-0.15, levels=3)
    unit = ac.System.from_energies([0.0, 0.95, 2.0])
    b, bd = _qutrit_ops()
    a = t.lowering()
    V = ac.Interaction([(0.3 * a.conj().T, b), (0.3 * a, bd), (0.2 * t.number(), b + bd)])
    return ac.CollisionModel(
        target=t,
        unit=unit,
        cluster_size=n,
        coupling=V,
        temperature=temperature,
        tau=0.05,
        c_ops=list(c_ops),
    )


def _dense_rates(m, rho):
    """Q̇ = ½⟨[V,[V,H_B]]⟩, Ẇ = -½⟨[V,[V,H_S+H_B]]⟩, dE/dt = -½⟨[V,[V,H_S]]⟩ on ρ ⊗ ρ_B."""
    n, d = m.cluster_size, m.target.dim
    h = m.unit.hamiltonian()
    dB = h.shape[0]
    D = dB**n
    eye_b = [np.eye(dB)] * n

    def site(op, k):
        ops = list(eye_b)
        ops[k] = op
        out = np.eye(1)
        for o in ops:
            out = np.kron(out, o)
        return out

    V = sum(np.kron(s, sum(site(b, k) for k in range(n))) for s, b in m.coupling.terms)
    hs = np.kron(m.target.hamiltonian(), np.eye(D))
    hb = np.kron(np.eye(d), sum(site(h, k) for k in range(n)))
    w, U = np.linalg.eigh(h)
    p = np.exp(-(w - w.min()) / m.temperature)
    rho_u = U @ np.diag(p / p.sum()) @ U.conj().T
    rho_b = np.eye(1)
    for _ in range(n):
        rho_b = np.kron(rho_b, rho_u)
    x = np.kron(rho, rho_b)

    def vv(op):
        c = V @ op - op @ V
        return float(np.real(np.trace((V @ c - c @ V) @ x)))

    return 0.5 * vv(hb), -0.5 * vv(hs + hb), -0.5 * vv(hs)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_thermodynamics_of_a_transmon_with_qutrit_units(n):
    m = _transmon_model(n)
    rng = np.random.default_rng(n)
    g = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    rho = g @ g.conj().T
    rho /= np.trace(rho)
    r = m.thermodynamics(rho)
    np.testing.assert_allclose(
        (r.heat_rate, r.work_rate, r.energy_rate), _dense_rates(m, rho), atol=1e-12
    )
    assert r.info["lindblad_energy_rate"] == pytest.approx(r.energy_rate, abs=1e-12)


def test_c_ops_energy_is_reported_apart():
    sm = ac.Transmon(1.0, -0.15, 3).lowering()
    m = _transmon_model(1, c_ops=[0.1 * sm])
    r = m.thermodynamics()
    assert r.info["c_ops_energy_rate"] < 0  # T1 drains energy from the target
    # stationary: the bath's input balances the c_ops drain
    assert r.energy_rate + r.info["c_ops_energy_rate"] == pytest.approx(0.0, abs=1e-12)


def test_transient_peak_of_a_general_target_beats_a_fine_grid():
    m = _transmon_model(2, temperature=0.3)
    peak = m.transient_peak()
    L = m.liouvillian()  # user basis = energy basis (diagonal H_S)
    rho0 = m.evolve([0.0]).rho.values[0]
    dt = 0.01
    step = sla.expm(L * dt)
    vec, best = rho0.reshape(-1), 0.0
    for _ in range(int(4 * max(peak.time, 1.0) / dt)):
        vec = step @ vec
        r = vec.reshape(3, 3)
        best = max(best, float(np.abs(r).sum() - np.abs(np.diag(r)).sum()))
    assert peak.l1_coherence >= best - 1e-12  # nothing on the grid beats the certified peak
    assert peak.l1_coherence - best < 1e-4  # and the grid comes within its resolution


def test_transient_peak_of_a_non_diagonal_target_uses_its_eigenbasis():
    H = np.kron(0.5 * sigma_z(), np.eye(2)) + np.kron(np.eye(2), 0.45 * sigma_z())
    H = H + 0.1 * (np.kron(sigma_plus(), sigma_minus()) + np.kron(sigma_minus(), sigma_plus()))
    S = np.kron(sigma_minus(), np.eye(2))
    m = ac.CollisionModel(
        target=ac.System(H),
        unit=ac.Qubit(1.0),
        coupling=ac.Bilinear(S + 0.5 * np.kron(sigma_z(), np.eye(2)), sigma_minus()),
        temperature=0.2,
        tau=0.05,
    )
    peak = m.transient_peak()
    _, W = np.linalg.eigh(H)
    energy = W.conj().T @ peak.rho @ W
    assert peak.l1_coherence == pytest.approx(
        float(np.abs(energy).sum() - np.abs(np.diag(energy)).sum()), abs=1e-12
    )
