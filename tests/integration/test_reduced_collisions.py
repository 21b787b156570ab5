"""Symmetry-reduced exact collisions ↔ dense exact collisions (PRA104 App. A, Eq. (A1)).

Routes compared:
* total-spin sectors (collision/spin_sectors.py, sector_channel.py) ↔ the dense channel on
  target ⊗ (C²)^{⊗N} (``CollisionModel.channel()`` before the reduction, N ≤ 8): 1e-10 on
  every superoperator and steady-state element (exact ↔ exact; the pruning error bound is
  ~1e-14 and rounding ~1e-15 per operation);
* one collective mode (collision/collective_mode.py) ↔ the dense cluster of two truncated
  oscillators: both are truncations of the same exact channel, so they agree to the
  truncation error, which we make ≤ 1e-9 by the Fock dimensions;
* pruning: its a-priori bound ↔ the actual change of the steady state when tol is loosened.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autocoherence as ac
from autocoherence.collision import reduced, repeated
from autocoherence.collision.exact.sector_channel import SpinSectorChannel
from autocoherence.spaces import sigma_minus, sigma_z

F2 = 0.6
F1 = F2 / math.sqrt(2)


def _qubits(n, *, coupling=None, target=None, omega_b=1.0, temperature=0.4, tau=0.2):
    return ac.CollisionModel(
        target=target or ac.Qubit(1.1),
        unit=ac.Qubit(omega_b),
        cluster_size=n,
        coupling=coupling or ac.Composite(0.3, 0.5),
        temperature=temperature,
        tau=tau,
    )


def _dense_channel(model):
    return repeated.channel_superoperator(
        repeated.collision_unitary(model.collision_hamiltonian(), model.tau),
        model.bath_populations(),
        model.target.dim,
    )


# ------------------------------------------------------------------- sectors vs dense
@pytest.mark.parametrize("rwa", [True, False])
@pytest.mark.parametrize("n", [1, 3, 8])
@pytest.mark.parametrize("temperature", [0.0, 0.3, math.inf])
def test_sector_channel_equals_dense_channel(rwa, n, temperature):
    model = _qubits(n, coupling=ac.Composite(0.3, 0.5, rwa=rwa), temperature=temperature)
    M, info = reduced.sector_superoperator(model.operators(), model.unit, model.temperature)
    assert info["collision_route"] == "spin_sectors"
    assert np.abs(M - _dense_channel(model)).max() < 1e-10


@pytest.mark.parametrize("rwa", [True, False])
@pytest.mark.parametrize("n", [2, 8])
def test_sector_steady_state_equals_dense_steady_state(rwa, n):
    model = _qubits(n, coupling=ac.Composite(F1, F2, rwa=rwa), temperature=0.5, tau=0.051)
    s = model.steady_state(method="collisions")
    rho, info = s.rho, s.info
    assert np.abs(rho - repeated.fixed_point(_dense_channel(model))).max() < 1e-10
    assert info["error_bound"] < 1e-10


def test_negative_unit_frequency_bilinear_coupling_and_qutrit_target():
    """Ladders counted from m = +j (p_e > p_g), a general V, and a target of dimension 3."""
    s = np.diag([1.0, 0.5], 1) + 0.2 * np.eye(3)
    model = ac.CollisionModel(
        target=ac.Oscillator(0.9, 3),
        unit=ac.Qubit(-0.7),
        cluster_size=4,
        coupling=ac.Bilinear(s, 0.4 * sigma_minus() + 0.3 * sigma_z()),
        temperature=0.6,
        tau=0.15,
    )
    M = model.channel()
    assert np.abs(M - _dense_channel(model)).max() < 1e-10


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(1, 6),
    f1=st.floats(-1, 1),
    f2=st.floats(-1, 1),
    omega_b=st.floats(-2, 2),
    temperature=st.one_of(st.just(0.0), st.just(math.inf), st.floats(1e-2, 1e2)),
    tau=st.floats(1e-3, 2.0),
    rwa=st.booleans(),
)
def test_sector_channel_equals_dense_for_random_models(n, f1, f2, omega_b, temperature, tau, rwa):
    model = _qubits(
        n,
        coupling=ac.Composite(f1, f2, rwa=rwa),
        omega_b=omega_b,
        temperature=temperature,
        tau=tau,
    )
    M = model.channel()
    assert np.abs(M - _dense_channel(model)).max() < 1e-10


def test_sector_channel_is_cptp_at_large_n():
    M = _qubits(200, coupling=ac.Composite(F1, F2), tau=0.051).channel()
    d = 2
    tr = M.reshape(d, d, d, d).trace(axis1=0, axis2=1)
    assert np.allclose(tr, np.eye(d), atol=1e-13)
    choi = M.reshape(d, d, d, d).transpose(0, 2, 1, 3).reshape(d * d, d * d)
    assert np.allclose(choi, choi.conj().T, atol=1e-13)
    assert np.linalg.eigvalsh(choi).min() > -1e-13


# -------------------------------------------------------------------------- pruning
@pytest.mark.parametrize("loose", [1e-3, 1e-6])
def test_pruning_error_bound_holds(loose):
    """‖ρ(tol) - ρ(1e-14)‖_F never exceeds the bound reported at tol."""
    model = _qubits(150, coupling=ac.Composite(F1, F2), temperature=0.8, tau=0.051)
    ch = SpinSectorChannel(
        model.target.hamiltonian(),
        model.coupling.terms(model.target, model.unit),
        model.unit,
        150,
        0.051,
    )
    tight = ch.superoperator(0.8, tol=1e-14)
    coarse = ch.superoperator(0.8, tol=loose)
    assert coarse.n_levels < tight.n_levels  # something was actually dropped
    diff = np.linalg.norm(
        repeated.fixed_point(coarse.superoperator) - repeated.fixed_point(tight.superoperator)
    )
    assert diff <= coarse.fixed_point_error_bound() + tight.fixed_point_error_bound()
    assert 0 < coarse.dropped_weight <= loose


def test_temperature_sweep_reuses_the_block_propagators():
    model = _qubits(60, coupling=ac.Composite(F1, F2), tau=0.051)
    ch = model.sector_channel()
    # models that differ only in temperature share the cached channel
    for t in (0.2, 1.0, math.inf):
        assert (
            _qubits(60, coupling=ac.Composite(F1, F2), tau=0.051, temperature=t).sector_channel()
            is ch
        )
    fresh = SpinSectorChannel(
        model.target.hamiltonian(),
        model.coupling.terms(model.target, model.unit),
        model.unit,
        60,
        0.051,
    )
    results = fresh.superoperators([0.1, 0.3, 0.6, 1.0])
    sectors = fresh.propagated_sectors
    assert fresh.n_propagations == len(sectors)  # each sector propagated once for all T
    for t in (0.15, 0.45, 0.8):  # inside the sweep: nothing new is propagated
        fresh.superoperator(t)
    assert fresh.n_propagations == len(sectors)
    assert len(results) == 4


# ----------------------------------------------------------------- τ → 0 at large N
def test_large_cluster_collisions_converge_to_the_master_equation():
    """N = 100: the exact fixed point approaches the closed form (Eq. (8)) linearly in τ."""
    cf = _qubits(100, coupling=ac.Composite(F1 / 10, F2 / 10), temperature=0.5).steady_state(
        method="closed_form"
    )
    errs = []
    for tau in (0.02, 0.01, 0.005):
        rho = (
            _qubits(100, coupling=ac.Composite(F1 / 10, F2 / 10), temperature=0.5, tau=tau)
            .steady_state(method="collisions")
            .rho
        )
        errs.append(np.abs(rho - cf.rho).max())
    ratios = np.array(errs[:-1]) / np.array(errs[1:])
    assert np.all(np.abs(ratios - 2) < 0.2), (errs, ratios)


# ------------------------------------------------------------- oscillator clusters
@pytest.mark.parametrize("rwa", [True, False])
def test_collective_mode_equals_dense_two_oscillator_cluster(rwa):
    """N = 2 oscillators: one mode with √2·f ↔ the dense two-unit cluster (dim 12 each)."""
    kw = {
        "target": ac.Qubit(1.0),
        "coupling": ac.Composite(0.3, 0.4, rwa=rwa),
        "temperature": 0.3,
        "tau": 0.1,
        "truncation_tol": 1e-9,
    }
    pair = ac.CollisionModel(unit=ac.Oscillator(1.0, 12), cluster_size=2, **kw)
    M_dense = _dense_channel(pair)
    mode = ac.CollisionModel(unit=ac.Oscillator(1.0, 24), cluster_size=2, **kw)
    M_mode = mode.channel()
    assert mode.reduction() == "collective_mode"
    assert np.abs(M_mode - M_dense).max() < 1e-9
    s = mode.steady_state(method="collisions")
    rho, info = s.rho, s.info
    assert info["collision_route"] == "collective_mode"
    assert info["dense_dim"] == 2 * 24
    assert np.abs(rho - repeated.fixed_point(M_dense)).max() < 1e-8


def test_collective_mode_equals_dense_cluster_for_a_linear_bilinear_coupling():
    s = 0.3 * sigma_z() + 0.4 * sigma_minus()

    def model(dim, n):
        b = ac.Oscillator(1.0, dim).lowering()
        return ac.CollisionModel(
            target=ac.Qubit(1.0),
            unit=ac.Oscillator(1.0, dim),
            cluster_size=n,
            coupling=ac.Bilinear(s, 0.5 * b + 0.2 * b.conj().T),
            temperature=0.25,
            tau=0.05,
            truncation_tol=1e-6,
        )

    M_mode = model(30, 3).channel()
    assert model(30, 3).reduction() == "collective_mode"
    # dim 7 per unit truncates the dense cluster of 3 at ~1e-7 (thermal tail e^{-7/0.25})
    assert np.abs(M_mode - _dense_channel(model(7, 3))).max() < 1e-6
