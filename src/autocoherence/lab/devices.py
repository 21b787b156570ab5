"""Device presets in lab units: what provides the parallel coupling, on which platform.

Every preset takes a :class:`~autocoherence.lab.Lab` and lab quantities (strings such as
``"5 GHz"``, ``"20 mK"``, ``"50 ns"`` or ``pint`` quantities) with realistic defaults, and
returns a :class:`~autocoherence.collision.CollisionModel` in model units. The collision
coupling of PRA104 is f = g√τ (:meth:`Lab.coupling`): g the interaction strength (cyclic
frequency, h g the energy), τ the time one bath unit stays coupled before a fresh one takes
its place. The papers' composite interaction needs a **parallel** part f1 n̂_S ⊗ X_B (it
commutes with the target's H_S) next to the usual exchange f2 (s₊ ⊗ A + s₋ ⊗ A†); each
preset says which physical coupling provides it. Ranges and sources: ``docs/lab-units.md``.

* :func:`transmon_tls`: a transmon (Transmon ladder) and a band of TLS defects (a
  :class:`~autocoherence.systems.UnitMixture` of qubits), with its T1 and T2 as ``c_ops``;
* :func:`trapped_ion`: an ion's qubit in the frame of its drive, colliding with its
  re-cooled motional mode (``Oscillator`` units) or with re-pumped spectator ions
  (``Qubit`` units);
* :func:`double_quantum_dot`: the charge qubit of Purkayastha et al. (PRA104 ref. [14]),
  whose phonon coupling has both parts, in the ratio detuning : tunnelling.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from autocoherence._checks import check_int, check_positive
from autocoherence.collision import CollisionModel, Composite, Interaction
from autocoherence.errors import ParameterError
from autocoherence.lab.units import Lab, QuantityLike
from autocoherence.spaces import Oscillator, Qubit
from autocoherence.systems import Transmon, UnitMixture
from autocoherence.typing import ComplexArray

__all__ = [
    "decoherence_c_ops",
    "double_quantum_dot",
    "ladder_coupling",
    "oscillator_dim",
    "temperature_from_occupation",
    "tls_mixture",
    "transmon_tls",
    "trapped_ion",
]


def decoherence_c_ops(
    lab: Lab,
    lowering: ComplexArray,
    number: ComplexArray,
    T1: QuantityLike | None,
    T2: QuantityLike | None,
) -> list[ComplexArray]:
    """Collapse operators of T1 (energy relaxation) and T2 (coherence decay of 0-1).

    γ1 = 1/T1 and γφ = 1/T2 - 1/(2T1) are **rates** (1/s; divided by ω_ref = 2π f_ref, not
    by f_ref: :meth:`Lab.rate`); c = √γ1 b and √(2γφ) n̂ with n̂ = diag(0, 1, 2, ...), so the
    0-1 coherence decays at 1/T2 (QuTiP's convention, rates folded in). ``None`` leaves one
    out (T2 = None: no pure dephasing).

    Examples
    --------
    >>> import numpy as np
    >>> lab = Lab("5 GHz")
    >>> t = Transmon(1.0, -0.04, 3)
    >>> c1, c2 = decoherence_c_ops(lab, t.lowering(), t.number(), "100 us", "100 us")
    >>> bool(np.isclose(abs(c1[0, 1]) ** 2, lab.rate("100 us"), rtol=1e-14))
    True
    """
    ops: list[ComplexArray] = []
    gamma1 = 0.0
    if T1 is not None:
        gamma1 = lab.rate(T1, "T1")
        ops.append(np.sqrt(gamma1) * np.asarray(lowering, dtype=complex))
    if T2 is not None:
        gamma2 = lab.rate(T2, "T2")
        gamma_phi = gamma2 - 0.5 * gamma1
        if gamma_phi < -1e-12 * gamma2:
            raise ParameterError(
                f"T2 must be <= 2 T1 (1/T2 = 1/(2T1) + gamma_phi with gamma_phi >= 0), got "
                f"T1={T1!r}, T2={T2!r}"
            )
        if gamma_phi > 0:
            ops.append(np.sqrt(2 * gamma_phi) * np.asarray(number, dtype=complex))
    return ops


def tls_mixture(
    lab: Lab, band: Sequence[QuantityLike], kinds: int = 5, name: str = "tls_band"
) -> UnitMixture:
    """TLS defects spread uniformly over a band [f_lo, f_hi]: ``kinds`` equally likely qubits.

    Frequencies are cyclic (GHz): each TLS is ``Qubit(f/f_ref)``.

    Examples
    --------
    >>> [round(u.omega, 6) for u in tls_mixture(Lab("5 GHz"), ("4.8 GHz", "5.2 GHz"), 3).units]
    [0.96, 1.0, 1.04]
    """
    if isinstance(band, str) or len(band) != 2:
        raise ParameterError(f"{name} must be a pair (f_lo, f_hi), got {name}={band!r}")
    kinds = check_int(kinds, "kinds", minimum=1)
    lo, hi = (lab.frequency(f, name) for f in band)
    if not 0 < lo <= hi:
        raise ParameterError(f"{name} needs 0 < f_lo <= f_hi, got {name}={tuple(band)!r}")
    freqs = np.linspace(lo, hi, kinds) if kinds > 1 else np.array([0.5 * (lo + hi)])
    return UnitMixture([Qubit(float(f)) for f in freqs], weights=[1.0 / kinds] * kinds)


def temperature_from_occupation(omega: float, occupation: float, *, boson: bool) -> float:
    """The apparent temperature (model units) of a mode or qubit prepared with ``occupation``.

    Oscillator: n̄ = 1/(e^{ω/T} - 1), T = ω / ln(1 + 1/n̄). Qubit: excited population p,
    T = ω / ln((1 - p)/p) (PRA104 Sec. II: any diagonal qubit state is a Gibbs state).

    Examples
    --------
    >>> round(temperature_from_occupation(1.0, 0.05, boson=True), 6)
    0.328459
    >>> temperature_from_occupation(1.0, 0.0, boson=False)
    0.0
    """
    omega = check_positive(omega, "omega")
    occ = check_positive(occupation, "occupation", allow_zero=True)
    if occ == 0:
        return 0.0
    if boson:
        return omega / math.log1p(1.0 / occ)
    if occ >= 0.5:
        raise ParameterError(
            f"occupation (excited population of a qubit) must be < 0.5 for a positive "
            f"temperature, got occupation={occupation!r}"
        )
    return omega / math.log((1.0 - occ) / occ)


def oscillator_dim(omega: float, temperature: float, tail: float = 1e-12) -> int:
    """Fock levels that hold a thermal mode up to a population ``tail`` above the top level.

    Examples
    --------
    >>> oscillator_dim(1.0, 0.1), oscillator_dim(1.0, 1.0)
    (5, 30)
    """
    if temperature == 0:
        return 3
    r = math.exp(-omega / temperature)
    return max(3, math.ceil(math.log(tail) / math.log(r)) + 2)


def ladder_coupling(
    target: Transmon, unit: Qubit | Oscillator, f1: float, f2: float, parallel: str
) -> Composite | Interaction:
    """The composite RWA coupling of a transmon with P = b†b or 2b†b - 1 (see transmon_tls).

    Examples
    --------
    >>> ladder_coupling(Transmon(1.0, -0.04, 3), Qubit(1.0), 0.1, 0.2, "sigma_z")
    Interaction(3 terms, target dim 3, unit dim 2)
    """
    if parallel not in ("number", "sigma_z"):
        raise ParameterError(
            f"parallel must be 'number' (b†b) or 'sigma_z' (2b†b - 1), got parallel={parallel!r}"
        )
    if parallel == "number":
        return Composite(f1, f2)
    n, b = target.number(), target.lowering()
    x_b, a = unit.position(), unit.lowering()
    return Interaction(
        [
            (f1 * (2 * n - np.eye(target.dim)), x_b),
            (f2 * b.conj().T, a),
            (f2 * b, a.conj().T),
        ]
    )


def transmon_tls(
    lab: Lab,
    *,
    frequency: QuantityLike = "5 GHz",
    anharmonicity: QuantityLike = "-200 MHz",
    levels: int = 3,
    tls_band: Sequence[QuantityLike] = ("4.8 GHz", "5.2 GHz"),
    tls_kinds: int = 5,
    g_parallel: QuantityLike = "1 MHz",
    g_exchange: QuantityLike = "1 MHz",
    tau: QuantityLike = "50 ns",
    temperature: QuantityLike = "20 mK",
    T1: QuantityLike | None = "100 us",
    T2: QuantityLike | None = "100 us",
    cluster_size: int = 3,
    parallel: str = "number",
) -> CollisionModel:
    """A transmon colliding with TLS defects spread over a band, with its own T1 and T2.

    V = f1 P ⊗ σx^TLS + f2 (b† ⊗ σ₋ + b ⊗ σ₊) with f_i = g_i √τ (:meth:`Lab.coupling`) and
    P = b†b (``parallel="number"``, a shift of the transmon's frequency) or P = 2b†b - 1
    (``parallel="sigma_z"``, PRA104's σz on the qubit levels).

    **Which P matters.** With P = b†b the ground state |0⟩ of the transmon with the TLS in
    their ground state is dark (V|0, g⟩ = 0): at T = 0 no coherence forms at all, and at
    20 mK only the thermally excited TLS (e^{-hf/k_BT} ≈ 6·10⁻⁶ at 5 GHz) make any
    (C_ss ~ 10⁻⁹ for g = 1 MHz, τ = 50 ns). PRA104's σz = 2b†b - 1 adds -f1 1 ⊗ σx, a
    drive of each TLS in step with the collisions, and the coherence is then ~ f1 f2 N/ω
    (10⁻⁴ for the same g, τ).

    * **Parallel part** (b†b ⊗ σx): a TLS in the junction barrier or at an interface whose
      state shifts the transmon's frequency: through the critical current (junction TLS) or
      the dispersive shift of a detuned TLS; its transverse component σx of the TLS dipole
      in the TLS's own eigenbasis is what makes the shift non-diagonal for the TLS.
    * **Exchange part**: the electric dipole coupling of a near-resonant TLS to the
      transmon's charge, g_exchange ~ 0.1–50 MHz (Müller, Cole & Lisenfeld, Rep. Prog. Phys.
      2019; Lisenfeld et al., npj Quantum Inf. 2019).
    * **τ**: how long one TLS stays within the coupling before spectral diffusion moves it
      away and another takes its place (10 ns – 10 µs; Klimov et al., PRL 2018 for
      fluctuating TLS). The collision picture is an idealisation of that drift.

    Parameters
    ----------
    lab : Lab
    frequency, anharmonicity : lab frequency (cyclic)
        The 0-1 transition ω/2π and α/2π (-100 … -350 MHz; Koch et al., PRA 2007).
    levels : int
        Transmon levels kept (3: the qubit and its leakage level).
    tls_band : (f_lo, f_hi)
        The TLS band; ``tls_kinds`` TLS frequencies spread evenly over it, drawn with equal
        weights for each of the ``cluster_size`` TLS of a collision.
    g_parallel, g_exchange : lab frequency (cyclic)
        g1, g2 of the two parts.
    tau : lab time
    temperature : lab temperature
        Of the TLS (the fridge's mixing chamber 10–30 mK, TLS often hotter: 30–60 mK).
    T1, T2 : lab time or None
        The transmon's own relaxation and coherence times (20–500 µs in current devices;
        Place et al., Nat. Commun. 2021): ``c_ops`` of :func:`decoherence_c_ops`.
    cluster_size : int
        TLS met per collision.
    parallel : {"number", "sigma_z"}
        The operator P of the parallel part (see above).

    Examples
    --------
    >>> lab = Lab("5 GHz")
    >>> m = transmon_tls(lab)
    >>> m.target.dim, len(m.unit.units), len(m.c_ops), round(m.coupling.f1, 7)
    (3, 5, 2, 0.0079267)
    >>> f"{m.steady_state(method='master_equation').l1_coherence:.3g}"   # dark ground state
    '3.03e-09'
    >>> m = transmon_tls(lab, parallel="sigma_z")
    >>> f"{m.steady_state(method='master_equation').l1_coherence:.3g}"
    '0.000189'
    """
    target = Transmon(
        lab.frequency(frequency, "frequency"),
        lab.frequency(anharmonicity, "anharmonicity"),
        levels,
    )
    f1 = lab.coupling(g_parallel, tau, name="g_parallel")
    f2 = lab.coupling(g_exchange, tau, name="g_exchange")
    return CollisionModel(
        target=target,
        unit=tls_mixture(lab, tls_band, tls_kinds, "tls_band"),
        coupling=ladder_coupling(target, Qubit(1.0), f1, f2, parallel),
        temperature=lab.temperature(temperature),
        cluster_size=cluster_size,
        tau=lab.time(tau, "tau"),
        c_ops=decoherence_c_ops(lab, target.lowering(), target.number(), T1, T2),
    )


def trapped_ion(
    lab: Lab,
    *,
    qubit_frequency: QuantityLike = "1 MHz",
    bath: str = "motional",
    bath_frequency: QuantityLike = "1 MHz",
    occupation: float = 0.05,
    g_parallel: QuantityLike = "10 kHz",
    g_exchange: QuantityLike = "10 kHz",
    tau: QuantityLike = "20 us",
    cluster_size: int = 1,
    T2: QuantityLike | None = None,
) -> CollisionModel:
    """An ion's qubit colliding with its re-cooled motional mode or re-pumped spectator ions.

    The qubit is taken in the frame of its drive: its splitting ``qubit_frequency`` is the
    drive's detuning (kHz – MHz), comparable with the trap frequency; each "collision" is a
    pulse of duration τ after which the mode is re-cooled (sideband cooling, n̄ = 0.01–0.1;
    Doppler n̄ ~ 5–20) or the spectator re-pumped (excited population ``occupation``). The
    occupation sets the apparent temperature (:func:`temperature_from_occupation`).

    * **Parallel part** σz ⊗ (b + b†): a state-dependent (spin-dependent) optical force,
      the σz-type light-shift gate (Leibfried et al., Nature 2003); g = η Ω_force ~
      1–50 kHz.
    * **Exchange part** σ₊ b + σ₋ b†: the red motional sideband (Jaynes–Cummings), g = η Ω
      ~ 1–100 kHz (Leibfried, Blatt, Monroe & Wineland, Rev. Mod. Phys. 2003). PRA104 cites
      Flühmann et al., Nature 2019 (ref. [38]) for such pulsed spin-motion dynamics.
    * **Spectators** (``bath="spectator"``): σz ⊗ σx and the flip-flop σ₊σ₋ + h.c. are
      spin-spin couplings mediated by the motional modes (Mølmer–Sørensen / Ising-type
      couplings, J ~ 0.1–1 kHz; Porras & Cirac, PRL 2004; Kim et al., Nature 2010).

    Parameters
    ----------
    lab : Lab
    qubit_frequency : lab frequency (cyclic)
    bath : {"motional", "spectator"}
    bath_frequency : lab frequency (cyclic)
        Trap frequency (0.1–10 MHz) or the spectator's splitting in the drive frame.
    occupation : float
        n̄ of the re-cooled mode, or the excited population of a re-pumped spectator.
    g_parallel, g_exchange : lab frequency (cyclic)
    tau : lab time
        Pulse length (1–100 µs).
    cluster_size : int
        Spectator ions per collision (motional: 1 mode).
    T2 : lab time or None
        The qubit's own dephasing (T2 ~ 1 ms – 1 s for hyperfine qubits).

    Examples
    --------
    >>> lab = Lab("1 MHz")
    >>> m = trapped_ion(lab)
    >>> type(m.unit).__name__, round(m.temperature, 6)
    ('Oscillator', 0.328459)
    >>> round(m.steady_state().l1_coherence, 6)
    0.012565
    """
    if bath not in ("motional", "spectator"):
        raise ParameterError(f"bath must be 'motional' or 'spectator', got bath={bath!r}")
    omega_b = lab.frequency(bath_frequency, "bath_frequency")
    boson = bath == "motional"
    temperature = temperature_from_occupation(omega_b, occupation, boson=boson)
    unit = Oscillator(omega_b, oscillator_dim(omega_b, temperature)) if boson else Qubit(omega_b)
    target = Qubit(lab.frequency(qubit_frequency, "qubit_frequency"))
    c_ops = []
    if T2 is not None:
        c_ops.append(math.sqrt(0.5 * lab.rate(T2, "T2")) * target.number())  # √(γφ/2) σz
    return CollisionModel(
        target=target,
        unit=unit,
        coupling=Composite(
            lab.coupling(g_parallel, tau, name="g_parallel"),
            lab.coupling(g_exchange, tau, name="g_exchange"),
        ),
        temperature=temperature,
        cluster_size=cluster_size,
        tau=lab.time(tau, "tau"),
        c_ops=c_ops,
    )


def double_quantum_dot(
    lab: Lab,
    *,
    detuning: QuantityLike = "3.5 GHz",
    tunnelling: QuantityLike = "5 GHz",
    g: QuantityLike = "300 MHz",
    tau: QuantityLike = "20 ps",
    temperature: QuantityLike = "20 mK",
    cluster_size: int = 1,
) -> CollisionModel:
    """The double-quantum-dot charge qubit of Purkayastha et al. (PRA104 ref. [14]).

    H_S = (ε/2) τz + (Δ/2) τx in the left/right charge basis (ε the detuning, Δ = 2t_c the
    tunnel splitting), so the qubit splitting is Ω = √(ε² + Δ²). Phonons couple to the
    charge, g τz ⊗ X_ph (deformation-potential and piezoelectric coupling). In the
    eigenbasis τz = (ε/Ω) σz - (Δ/Ω) σx: **the same phonon coupling has a parallel part
    f1 = g√τ ε/Ω and an orthogonal part f2 = g√τ Δ/Ω**, tuned electrically by ε.
    Purkayastha, Guarneri, Mitchison, Filip & Goold, npj Quantum Inf. 6, 27 (2020) proposed
    this as the platform for phonon-induced steady-state coherence; PRA104's N → ∞ optimum
    f1 = f2/√2 is ε = Δ/√2.

    Phonon modes resonant with Ω are the bath units (``Oscillator``), replaced at the rate
    the phonons leave the dot: τ ~ dot size / sound speed ~ 100 nm / (5 km/s) = 20 ps.
    Ranges: Δ/h, ε/h ~ 1–20 GHz; electron-phonon g chosen so that 1/T1 of the charge qubit
    is 10⁷–10⁹ s⁻¹ (Petta et al., PRL 2004; Hayashi et al., PRL 2003); T = 10–100 mK.

    Parameters
    ----------
    lab : Lab
    detuning, tunnelling : lab frequency (cyclic)
        ε/h and Δ/h.
    g : lab frequency (cyclic)
        Phonon coupling strength.
    tau : lab time
    temperature : lab temperature
    cluster_size : int
        Phonon modes met per collision.

    Examples
    --------
    >>> lab = Lab("6.103 GHz")
    >>> m = double_quantum_dot(lab)
    >>> round(m.target.omega, 4), round(m.coupling.f1 / m.coupling.f2, 6)   # Ω, ε/Δ
    (1.0, 0.7)
    """
    eps = lab.frequency(detuning, "detuning")
    delta = lab.frequency(tunnelling, "tunnelling")
    if delta <= 0:
        raise ParameterError(f"tunnelling must be > 0, got tunnelling={tunnelling!r}")
    omega = math.hypot(eps, delta)
    f = lab.coupling(g, tau, name="g")
    temp = lab.temperature(temperature)
    return CollisionModel(
        target=Qubit(omega),
        unit=Oscillator(omega, oscillator_dim(omega, temp)),
        coupling=Composite(f * eps / omega, f * delta / omega),
        temperature=temp,
        cluster_size=cluster_size,
        tau=lab.time(tau, "tau"),
    )
