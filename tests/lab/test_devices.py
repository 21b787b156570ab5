"""Device presets: the models they build, and the physics each one is chosen for."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import constants as const

import autocoherence as ac
from autocoherence.collision import closed_form
from autocoherence.errors import ParameterError
from autocoherence.lab.devices import (
    double_quantum_dot,
    temperature_from_occupation,
    transmon_tls,
    trapped_ion,
)
from autocoherence.states import cluster_moments

LAB = ac.Lab("5 GHz")


def test_transmon_tls_numbers() -> None:
    m = transmon_tls(LAB, T1="100 us", T2="80 us")
    assert [u.omega for u in m.unit.units] == pytest.approx([0.96, 0.98, 1.0, 1.02, 1.04])
    assert m.target.anharmonicity == pytest.approx(-0.04, rel=1e-15)
    assert m.coupling.f1 == LAB.coupling("1 MHz", "50 ns")
    assert m.temperature == pytest.approx(const.k * 0.02 / (const.h * 5e9), rel=1e-14)
    w_ref = 2 * math.pi * 5e9
    gamma1 = 1 / (w_ref * 100e-6)
    gamma_phi = 1 / (w_ref * 80e-6) - gamma1 / 2
    c1, c2 = m.c_ops
    assert abs(c1[0, 1]) ** 2 == pytest.approx(gamma1, rel=1e-13)
    assert abs(c2[1, 1]) ** 2 == pytest.approx(2 * gamma_phi, rel=1e-13)
    # the 0-1 coherence decays at 1/T2 under the c_ops alone (H_S-free, in model units)
    rho = np.full((3, 3), 0.0, dtype=complex)
    rho[0, 0] = rho[1, 1] = rho[0, 1] = rho[1, 0] = 0.5
    drho = sum(
        c @ rho @ c.conj().T - 0.5 * (c.conj().T @ c @ rho + rho @ c.conj().T @ c) for c in m.c_ops
    )
    assert -drho[0, 1].real / rho[0, 1].real == pytest.approx(1 / (w_ref * 80e-6), rel=1e-12)


def test_transmon_preset_is_the_model_it_stands_for_bit_for_bit() -> None:
    m = transmon_tls(LAB, parallel="sigma_z")
    w_ref, tau = 2 * math.pi * 5e9, 2 * math.pi * 5e9 * 50e-9
    t = ac.Transmon(1.0, -0.2e9 / 5e9, 3)
    f = 1e6 / 5e9 * math.sqrt(tau)
    n, b = t.number(), t.lowering()
    sx, sm = ac.spaces.sigma_x(), ac.spaces.sigma_minus()
    g1 = 1 / (w_ref * 100e-6)
    plain = ac.CollisionModel(
        target=t,
        unit=ac.UnitMixture([ac.Qubit(x) for x in np.linspace(0.96, 1.04, 5)], [0.2] * 5),
        coupling=ac.Interaction(
            [(f * (2 * n - np.eye(3)), sx), (f * b.conj().T, sm), (f * b, sm.conj().T)]
        ),
        temperature=const.k * 0.02 / (const.h * 5e9),
        cluster_size=3,
        tau=tau,
        c_ops=[np.sqrt(g1) * b, np.sqrt(2 * (g1 - g1 / 2)) * n],
    )
    assert np.array_equal(
        m.steady_state(method="master_equation").rho,
        plain.steady_state(method="master_equation").rho,
    )


def test_transmon_ground_state_is_dark_for_number_coupling() -> None:
    """P = b†b: V|0, g...g⟩ = 0, so at T = 0 the steady state is |0⟩, without coherence."""
    dark = transmon_tls(LAB, temperature="0 K", T1=None, T2=None)
    assert dark.steady_state(method="master_equation").l1_coherence < 1e-12
    bright = transmon_tls(LAB, temperature="0 K", T1=None, T2=None, parallel="sigma_z")
    assert bright.steady_state(method="master_equation").l1_coherence > 1e-4


def test_transmon_sigma_z_two_levels_is_the_papers_qubit() -> None:
    m = transmon_tls(
        LAB,
        levels=2,
        tls_band=("5 GHz", "5 GHz"),
        tls_kinds=1,
        T1=None,
        T2=None,
        parallel="sigma_z",
        g_parallel="3 MHz",
        g_exchange="4 MHz",
    )
    f1, f2 = LAB.coupling("3 MHz", "50 ns"), LAB.coupling("4 MHz", "50 ns")
    a, c = cluster_moments(ac.Qubit(1.0), 3, m.temperature)
    expected = float(closed_form.steady_state_coherence(f1, f2, 1.0, a, c))
    got = m.steady_state(method="master_equation").l1_coherence
    assert got == pytest.approx(expected, rel=1e-9)


def test_transmon_t2_longer_than_2t1_is_refused() -> None:
    with pytest.raises(ParameterError, match="T2 must be <= 2 T1"):
        transmon_tls(LAB, T1="10 us", T2="50 us")
    with pytest.raises(ParameterError, match="parallel must be 'number'"):
        transmon_tls(LAB, parallel="x")


def test_trapped_ion_motional_mode() -> None:
    lab = ac.Lab("1 MHz")
    m = trapped_ion(lab, occupation=0.05)
    assert isinstance(m.unit, ac.Oscillator)
    n_bar = 1 / math.expm1(m.unit.omega / m.temperature)
    assert n_bar == pytest.approx(0.05, rel=1e-12)
    s = m.steady_state()
    assert s.method == "closed_form"
    assert s.l1_coherence == pytest.approx(
        m.steady_state(method="master_equation").l1_coherence, rel=1e-9
    )
    assert trapped_ion(lab, occupation=0.0).temperature == 0.0


def test_trapped_ion_spectators_and_dephasing() -> None:
    lab = ac.Lab("1 MHz")
    m = trapped_ion(lab, bath="spectator", occupation=0.01, cluster_size=2, T2="10 ms")
    assert isinstance(m.unit, ac.Qubit)
    assert np.real(np.diag(m.unit_state())) == pytest.approx([0.01, 0.99], rel=1e-12)
    (c,) = m.c_ops
    assert 2 * abs(c[0, 0]) ** 2 == pytest.approx(lab.rate("10 ms"), rel=1e-13)  # √(γφ/2)σz
    assert temperature_from_occupation(1.0, 0.01, boson=False) == pytest.approx(
        1 / math.log(99), rel=1e-15
    )
    with pytest.raises(ParameterError, match="bath must be 'motional' or 'spectator'"):
        trapped_ion(lab, bath="phonon")
    with pytest.raises(ParameterError, match="occupation"):
        trapped_ion(lab, bath="spectator", occupation=0.6)


def test_double_quantum_dot_parts_follow_detuning() -> None:
    m = double_quantum_dot(LAB, detuning="3 GHz", tunnelling="4 GHz")
    assert m.target.omega == pytest.approx(1.0, rel=1e-15)  # √(3² + 4²) = 5 GHz
    f = LAB.coupling("300 MHz", "20 ps")
    assert m.coupling.f1 == pytest.approx(f * 0.6, rel=1e-14)  # ε/Ω
    assert m.coupling.f2 == pytest.approx(f * 0.8, rel=1e-14)  # Δ/Ω
    assert m.unit.omega == m.target.omega
    with pytest.raises(ParameterError, match="tunnelling must be > 0"):
        double_quantum_dot(LAB, tunnelling="0 GHz")


def test_double_quantum_dot_best_detuning_is_delta_over_sqrt2() -> None:
    """N → ∞ (PRA104 Eq. (10)): f1 = f2/√2, i.e. ε = Δ/√2, C → tanh(Ω/2T)/√2."""

    def model(eps: float) -> ac.CollisionModel:
        return double_quantum_dot(
            LAB, detuning=f"{eps!r} GHz", temperature="0 K", cluster_size=10**9
        )

    best = ac.maximize_coherence(model, {"eps": (0.1, 20.0)})
    assert best.params["eps"] == pytest.approx(5 / math.sqrt(2), rel=1e-5)
    assert best.l1_coherence == pytest.approx(1 / math.sqrt(2), abs=1e-6)
