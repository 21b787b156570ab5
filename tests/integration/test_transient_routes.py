"""Cross-route agreement for the transient peak and the thermodynamic rates (PRA104 III B, V).

Routes, all built here with QuTiP from its own operators (sigmaz, sigmam, tensor, expm):

* ``transient_peak(method="master_equation")`` ↔ QuTiP ``mesolve`` on a fine grid;
* ``transient_peak(method="collisions")`` ↔ a QuTiP collision unitary iterated n times;
* Eq. (24) rates ↔ the energy each subsystem gains in one exact collision of small τ,
  divided by τ (the meaning of (24): Q̇ = -ΔE_B/τ, Ẇ = Δ(E_S + E_B)/τ, dE/dt = ΔE_S/τ as
  τ → 0, error O(τ));
* dE/dt ↔ tr(H_S 𝓛ρ) with 𝓛 = ``qutip.liouvillian``.
"""

import math

import numpy as np
import pytest
import qutip

from autocoherence.collision import CollisionModel, Composite
from autocoherence.spaces import Qubit
from autocoherence.states import thermal_state


def _model(*, rwa, n, temperature, f1=0.15, f2=0.15, tau=0.051):
    return CollisionModel(
        target=Qubit(1.0),
        unit=Qubit(1.0),
        coupling=Composite(f1, f2, rwa=rwa),
        temperature=temperature,
        cluster_size=n,
        tau=tau,
    )


def qutip_parts(model):
    """H_S, H_B, V on target ⊗ N qubit units from QuTiP's own Pauli operators."""
    n = model.cluster_size
    cp = model.coupling
    eye = qutip.qeye(2)
    # QuTiP's basis |0⟩ is σz = +1, as our [e, g]; σ₋ lowers it
    assert qutip.sigmam().full()[1, 0] == 1
    assert qutip.sigmaz().full()[0, 0] == 1

    def unit_op(op, k):
        ops = [eye] * (n + 1)
        ops[k + 1] = op
        return qutip.tensor(*ops)

    def target_op(op):
        return qutip.tensor(op, *([eye] * n))

    s_minus = sum(unit_op(qutip.sigmam(), k) for k in range(n))
    x_b = s_minus + s_minus.dag()
    V = cp.f1 * target_op(qutip.sigmaz()) * x_b
    if cp.rwa:
        V += cp.f2 * (
            target_op(qutip.sigmap()) * s_minus + target_op(qutip.sigmam()) * s_minus.dag()
        )
    else:
        V += cp.f2 * target_op(qutip.sigmax()) * x_b
    H_S = target_op(0.5 * model.target.omega * qutip.sigmaz())
    H_B = sum(unit_op(0.5 * model.unit.omega * qutip.sigmaz(), k) for k in range(n))
    return H_S, H_B, V


def joint_state(model, rho):
    unit = qutip.Qobj(thermal_state(model.unit, model.temperature))
    return qutip.tensor(qutip.Qobj(rho), *([unit] * model.cluster_size))


# ------------------------------------------------------------------------ transient peak
@pytest.mark.parametrize(("rwa", "n", "temperature"), [(True, 1, 0.0), (False, 3, 0.5)])
def test_master_equation_peak_matches_qutip_mesolve(rwa, n, temperature):
    m = _model(rwa=rwa, n=n, temperature=temperature)
    peak = m.transient_peak()
    H, c_ops = m.to_qutip()
    rho0 = qutip.Qobj(thermal_state(m.target, temperature))
    times = np.linspace(peak.time - 0.05, peak.time + 0.05, 401)
    times = np.concatenate(([0.0], times))
    opts = {"atol": 1e-13, "rtol": 1e-11, "nsteps": 100000}
    states = qutip.mesolve(H, rho0, times, c_ops, options=opts).states[1:]
    coherence = np.array([2 * abs(s.full()[0, 1]) for s in states])
    # grid spacing 2.5e-4: a smooth maximum is missed by at most C''·h²/8 < 1e-9
    assert coherence.max() <= peak.l1_coherence + 1e-9
    assert coherence.max() == pytest.approx(peak.l1_coherence, abs=2e-9)
    assert times[1 + int(np.argmax(coherence))] == pytest.approx(peak.time, abs=3e-4)


@pytest.mark.parametrize(("rwa", "n"), [(True, 2), (False, 2)])
def test_collision_peak_matches_a_qutip_collision_iterated(rwa, n):
    m = _model(rwa=rwa, n=n, temperature=0.3)
    peak = m.transient_peak(method="collisions")
    H_S, H_B, V = qutip_parts(m)
    U = (-1j * m.tau * (H_S + H_B + V / math.sqrt(m.tau))).expm()
    unit = qutip.Qobj(thermal_state(m.unit, m.temperature))
    rho = qutip.Qobj(thermal_state(m.target, m.temperature))
    values = []
    for _ in range(2 * peak.collisions):
        values.append(2 * abs(rho.full()[0, 1]))
        joint = qutip.tensor(rho, *([unit] * n))
        rho = (U * joint * U.dag()).ptrace(0)
    assert int(np.argmax(values)) == peak.collisions
    assert max(values) == pytest.approx(peak.l1_coherence, abs=1e-12)


# ----------------------------------------------------------------------- thermodynamics
def collision_energy_changes(model, rho, tau):
    """(-ΔE_B, Δ(E_S + E_B), ΔE_S)/τ in one exact collision of duration τ (QuTiP)."""
    H_S, H_B, V = qutip_parts(model)
    U = (-1j * tau * (H_S + H_B + V / math.sqrt(tau))).expm()
    x = joint_state(model, rho)
    after = U * x * U.dag()

    def change(op):
        return float(np.real(qutip.expect(op, after) - qutip.expect(op, x))) / tau

    return np.array([-change(H_B), change(H_S + H_B), change(H_S)])


@pytest.mark.parametrize("rwa", [True, False])
def test_eq_24_rates_are_the_energy_exchanged_per_collision(rwa):
    m = _model(rwa=rwa, n=2, temperature=0.4, f1=0.3, f2=0.5)
    rho = np.array([[0.3, 0.1 - 0.2j], [0.1 + 0.2j, 0.7]])
    r = m.thermodynamics(rho)
    rates = np.array([r.heat_rate, r.work_rate, r.energy_rate])
    errors = [np.abs(collision_energy_changes(m, rho, tau) - rates).max() for tau in (2e-3, 1e-3)]
    # first-order convergence in τ: halving τ halves the gap
    assert errors[0] / errors[1] == pytest.approx(2.0, rel=0.05)
    assert errors[1] < 2e-3


def test_energy_rate_equals_qutip_liouvillian():
    m = _model(rwa=True, n=3, temperature=0.6, f1=0.3, f2=0.5)
    rho = np.array([[0.55, 0.2j], [-0.2j, 0.45]])
    H, c_ops = m.to_qutip()
    L = qutip.liouvillian(H, c_ops)
    drho = qutip.vector_to_operator(L * qutip.operator_to_vector(qutip.Qobj(rho)))
    reference = float(np.real((H * drho).tr()))
    assert m.thermodynamics(rho).energy_rate == pytest.approx(reference, abs=1e-12)
