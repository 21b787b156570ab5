"""General collision models (issue 10) against dense first-principles references.

Every reference below is written from the physics definitions only, with QuTiP ``tensor``,
``expm``, ``ptrace``, ``liouvillian``, ``steadystate``, ``mesolve`` and NumPy/SciPy; it never
calls autocoherence internals (the library's operators are not used to build it).

Routes compared (library ↔ reference), each to 1e-9 on every ρ element unless stated:

* ``master_equation`` ↔ QuTiP ``steadystate`` of -i[H_S,·] - ½ E_draws tr_B[V,[V,ρ⊗ρ_B]] + Σ D[c],
  the dissipator computed literally, by the partial trace of the double commutator on the
  whole target ⊗ cluster space (PRA104 Eq. (A5));
* ``collisions`` ↔ the fixed point of the dense channel Φ(ρ) = E_draws tr_B[U(ρ⊗ρ_B)U†],
  U = exp(-iτ(H_S + H_B + V/√τ)) (PRA104 Eq. (A1)); with c_ops the joint Lindblad propagator
  exp(τ𝓛_joint), 𝓛_joint = -i[H,·] + Σ D[c⊗1], and one QuTiP ``mesolve`` of the joint system.

Conventions: target is the left tensor factor, then the units in order; V = Σ_k S_k ⊗ Σ_j B_k^(j);
qubit basis [e, g] (σ₋ = |g⟩⟨e|, H = ω σz/2); transmon/oscillator basis |0⟩, |1⟩, ... .
"""

import itertools
import math

import numpy as np
import pytest
import qutip
import scipy.linalg

import autocoherence as ac
from autocoherence.errors import MethodNotApplicableError, NonUniqueSteadyStateError

TOL = 1e-9

SM = np.array([[0, 0], [1, 0]], dtype=complex)  # σ₋ = |g⟩⟨e| in [e, g]
SP = SM.conj().T
SX = SM + SP
SZ = np.diag([1.0, -1.0]).astype(complex)


# ----------------------------------------------------------------------------- references
def qubit_h(omega):
    return 0.5 * omega * SZ


def ladder(n):
    """√n ladder a|k⟩ = √k |k-1⟩ on |0⟩ ... |n-1⟩."""
    return np.diag(np.sqrt(np.arange(1, n, dtype=float)), k=1).astype(complex)


def transmon_h(omega, alpha, levels):
    k = np.arange(levels, dtype=float)
    return np.diag(k * omega + alpha * k * (k - 1) / 2).astype(complex)


def thermal(H, T):
    """exp(-H/T)/Z; T = 0: normalised projector on the ground space; T = inf: 1/d."""
    H = np.asarray(H, dtype=complex)
    d = H.shape[0]
    if math.isinf(T):
        return np.eye(d, dtype=complex) / d
    E, U = np.linalg.eigh(H)
    if T == 0:
        P = (U * (E - E[0] <= 1e-9)) @ U.conj().T
        return P / np.trace(P).real
    R = scipy.linalg.expm(-(H - E[0] * np.eye(d)) / T)
    return R / np.trace(R).real


def _embed(op, slot, dims):
    ops = [qutip.qeye(k) for k in dims]
    ops[slot] = qutip.Qobj(np.asarray(op, dtype=complex))
    return qutip.tensor(*ops)


def _draws(unit_hs, weights, n):
    """(probability, [H_B of each of the n units]) for every draw of the cluster."""
    for combo in itertools.product(range(len(unit_hs)), repeat=n):
        yield float(np.prod([weights[i] for i in combo])), [unit_hs[i] for i in combo]


def _joint(H_S, hs, terms):
    dims = [H_S.shape[0]] + [h.shape[0] for h in hs]
    H0 = _embed(H_S, 0, dims)
    for j, h in enumerate(hs):
        H0 += _embed(h, j + 1, dims)
    V = 0 * H0
    for S, B in terms:
        V += _embed(S, 0, dims) * sum(_embed(B, j + 1, dims) for j in range(len(hs)))
    return H0, V, dims


def _bath(hs, T):
    return qutip.tensor(*[qutip.Qobj(thermal(h, T)) for h in hs])


def _superop(d, fn):
    """Matrix of a linear map on d x d matrices, column-stacking vec (QuTiP's convention)."""
    M = np.zeros((d * d, d * d), dtype=complex)
    for j, i in itertools.product(range(d), range(d)):
        E = np.zeros((d, d), dtype=complex)
        E[i, j] = 1
        M[:, i + j * d] = np.asarray(fn(E)).reshape(-1, order="F")
    return M


def ref_channel(H_S, unit_hs, weights, terms, n, T, tau, c_ops=()):
    """E_draws of one exact collision (PRA104 Eq. (A1)); with c_ops exp(τ𝓛_joint)."""
    d = H_S.shape[0]
    M = np.zeros((d * d, d * d), dtype=complex)
    for w, hs in _draws(unit_hs, weights, n):
        H0, V, dims = _joint(H_S, hs, terms)
        H = H0 + V / math.sqrt(tau)
        rb = _bath(hs, T)
        if c_ops:
            P = (tau * qutip.liouvillian(H, [_embed(c, 0, dims) for c in c_ops])).expm()

            def fn(E, P=P, rb=rb):
                x = qutip.operator_to_vector(qutip.tensor(qutip.Qobj(E), rb))
                return qutip.vector_to_operator(P * x).ptrace(0).full()

        else:
            U = (-1j * tau * H).expm()

            def fn(E, U=U, rb=rb):
                return (U * qutip.tensor(qutip.Qobj(E), rb) * U.dag()).ptrace(0).full()

        M += w * _superop(d, fn)
    return M


def fixed_point(M):
    """Unique fixed point of a channel matrix (column-stacking), trace 1, Hermitian."""
    d = math.isqrt(M.shape[0])
    lam, vec = np.linalg.eig(M)
    order = np.argsort(np.abs(lam - 1))
    assert abs(lam[order[0]] - 1) < 1e-10
    assert abs(lam[order[1]] - 1) > 1e-6, "reference fixed point is not unique"
    rho = vec[:, order[0]].reshape(d, d, order="F")
    rho = rho / np.trace(rho)
    return 0.5 * (rho + rho.conj().T)


def ref_dissipator(H_S, unit_hs, weights, terms, n, T):
    """-½ E_draws tr_B[V,[V,ρ⊗ρ_B]] by the literal partial trace (PRA104 Eq. (A5))."""
    d = H_S.shape[0]
    D = np.zeros((d * d, d * d), dtype=complex)
    for w, hs in _draws(unit_hs, weights, n):
        _, V, _ = _joint(H_S, hs, terms)
        rb = _bath(hs, T)
        first = (V * qutip.tensor(qutip.qeye(d), rb)).ptrace(0).full()
        assert np.abs(first).max() < 1e-12, "reference needs tr_B(V ρ_B) = 0"

        def fn(E, V=V, rb=rb):
            X = qutip.tensor(qutip.Qobj(E), rb)
            C = V * X - X * V
            return (-0.5 * (V * C - C * V)).ptrace(0).full()

        D += w * _superop(d, fn)
    return D


def ref_liouvillian(H_S, unit_hs, weights, terms, n, T, c_ops=()):
    L = qutip.liouvillian(qutip.Qobj(H_S), [qutip.Qobj(c) for c in c_ops])
    return L + qutip.Qobj(ref_dissipator(H_S, unit_hs, weights, terms, n, T), dims=L.dims)


def ref_me_state(*args, **kwargs):
    return qutip.steadystate(ref_liouvillian(*args, **kwargs)).full()


def l1(rho):
    return float(np.abs(rho).sum() - np.abs(np.diag(rho)).sum())


def l1_in_eigenbasis(rho, H):
    _, U = np.linalg.eigh(H)
    return l1(U.conj().T @ rho @ U)


def check_both_routes(model, H_S, unit_hs, weights, terms, n, T, tau, c_ops=()):
    """Library ME and collisions ↔ references; returns (reference ME ρ, reference collision ρ)."""
    me_ref = ref_me_state(H_S, unit_hs, weights, terms, n, T, c_ops=c_ops)
    co_ref = fixed_point(ref_channel(H_S, unit_hs, weights, terms, n, T, tau, c_ops=c_ops))
    me = model.steady_state(method="master_equation")
    co = model.steady_state(method="collisions")
    assert np.abs(me.rho - me_ref).max() < TOL, np.abs(me.rho - me_ref).max()
    assert np.abs(co.rho - co_ref).max() < TOL, np.abs(co.rho - co_ref).max()
    assert me.l1_coherence == pytest.approx(l1_in_eigenbasis(me_ref, H_S), abs=TOL)
    assert co.l1_coherence == pytest.approx(l1_in_eigenbasis(co_ref, H_S), abs=TOL)
    return me_ref, co_ref


def ladder_terms(s_minus, b, f1, s_number, f2):
    """f1 n_S ⊗ (b + b†) + f2 (s₊ ⊗ b + s₋ ⊗ b†): the papers' composite form, written by hand."""
    return [
        (f1 * s_number, b + b.conj().T),
        (f2 * s_minus.conj().T, b),
        (f2 * s_minus, b.conj().T),
    ]


# -------------------------------------------------------------------------- presets
def test_transmon_preset_operators():
    """Transmon(ω, α, levels): E_n = nω + αn(n-1)/2 on |0⟩..|levels-1⟩, √n ladder."""
    t = ac.Transmon(omega=1.3, anharmonicity=-0.2, levels=4)
    assert np.allclose(np.asarray(t.hamiltonian()), transmon_h(1.3, -0.2, 4), atol=1e-14)
    assert np.allclose(np.asarray(t.lowering()), ladder(4), atol=1e-14)
    assert np.allclose(np.asarray(t.number()), np.diag(np.arange(4.0)), atol=1e-14)
    assert np.allclose(np.asarray(t.position()), ladder(4) + ladder(4).T, atol=1e-14)


def test_from_energies_is_diagonal_in_given_order():
    s = ac.System.from_energies([0.0, 1.0, 1.95])
    assert np.allclose(np.asarray(s.hamiltonian()), np.diag([0.0, 1.0, 1.95]), atol=0)


# ------------------------------------------------------------- transmon target, qubit units
@pytest.mark.parametrize("alpha", [-0.05, -0.3])
@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("temp", [0.0, 0.3, 1.0, math.inf])
def test_transmon_target_qubit_units(alpha, n, temp):
    """ME ↔ literal (A5) + steadystate; collisions ↔ dense QuTiP channel. 1e-9 on ρ."""
    tau = 0.2
    a = ladder(3)
    terms = ladder_terms(a, SM, 0.2, a.conj().T @ a, 0.45)
    model = ac.CollisionModel(
        target=ac.Transmon(omega=1.0, anharmonicity=alpha, levels=3),
        unit=ac.Qubit(0.97),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
    )
    H_S = transmon_h(1.0, alpha, 3)
    me_ref, _ = check_both_routes(model, H_S, [qubit_h(0.97)], [1.0], terms, n, temp, tau)
    if temp not in (0.0, math.inf):
        assert l1(me_ref) > 1e-3  # the parallel term makes coherence (not a trivial check)


# --------------------------------------------------------------------------------- V-system
V_ENERGIES = [0.0, 1.0, 1.02]


def _v_system_terms():
    """Both excited levels coupled to |0⟩ through ONE bath channel: s₋ = 0.4|0⟩⟨1| + 0.3|0⟩⟨2|."""
    s_minus = np.zeros((3, 3), dtype=complex)
    s_minus[0, 1], s_minus[0, 2] = 0.4, 0.3
    return s_minus, [(s_minus.conj().T, SM), (s_minus, SP)]


def _v_model(terms, n, temp, tau=0.1):
    return ac.CollisionModel(
        target=ac.System.from_energies(V_ENERGIES),
        unit=ac.Qubit(1.0),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
    )


@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize("temp", [0.5, 1.0])
def test_v_system_exchange_steady_state(n, temp):
    """V-system [0, 1, 1.02] with a shared exchange channel: ME ↔ literal (A5), collisions ↔
    dense channel (1e-9), and both equal the analytic ρ = diag(1, r, r)/(1 + 2r), r = e^{-ω_B/T}.

    With one white-noise channel the excited block ∝ 1 is stationary (the dark state is fed
    by H_S), so the Fano coherence ρ_12 is transient only (next test): zero in steady state,
    as for V-systems under thermal incoherent light.
    """
    _, terms = _v_system_terms()
    H_S = np.diag(V_ENERGIES).astype(complex)
    model = _v_model(terms, n, temp)
    check_both_routes(model, H_S, [qubit_h(1.0)], [1.0], terms, n, temp, 0.1)
    r = math.exp(-1.0 / temp)
    analytic = np.diag([1.0, r, r]) / (1 + 2 * r)
    for method in ("master_equation", "collisions"):
        rho = model.steady_state(method=method).rho
        assert np.abs(rho - analytic).max() < TOL, (method, np.abs(rho - analytic).max())


def test_v_system_transient_fano_coherence():
    """Quasi-stationary Fano coherence ρ_12(t) ≈ 0.12 from the ground state (Δ = 0.02 ≪ rates).

    evolve(master_equation) ↔ QuTiP mesolve of the reference Liouvillian; evolve(collisions)
    ↔ powers of the dense channel; 1e-9 on ρ(t).
    """
    _, terms = _v_system_terms()
    H_S = np.diag(V_ENERGIES).astype(complex)
    n, temp, tau = 2, 1.0, 0.1
    model = _v_model(terms, n, temp, tau)
    rho0 = np.diag([1.0, 0.0, 0.0]).astype(complex)
    times = np.linspace(0.0, 100.0, 11)
    L = ref_liouvillian(H_S, [qubit_h(1.0)], [1.0], terms, n, temp)
    res = qutip.mesolve(
        L, qutip.Qobj(rho0), times, options={"atol": 1e-13, "rtol": 1e-12, "nsteps": 100_000}
    )
    ref = np.array([s.full() for s in res.states])
    ds = model.evolve(times, initial=rho0, method="master_equation")
    assert np.abs(ds["rho"].values - ref).max() < TOL
    assert np.abs(ref[1:, 1, 2]).min() > 0.1  # the Fano coherence is there, and long-lived
    M = ref_channel(H_S, [qubit_h(1.0)], [1.0], terms, n, temp, tau)
    ks = [0, 10, 100, 1000]
    dc = model.evolve(np.array(ks) * tau, initial=rho0, method="collisions")
    for i, k in enumerate(ks):
        want = (np.linalg.matrix_power(M, k) @ rho0.reshape(-1, order="F")).reshape(3, 3, order="F")
        assert np.abs(dc["rho"].values[i] - want).max() < TOL
    assert abs(dc["rho"].values[-1][1, 2]) > 0.1


@pytest.mark.parametrize("n", [1, 2])
def test_v_system_steady_fano_coherence_with_parallel_term(n):
    """Adding f1 n_exc ⊗ σx (n_exc = |1⟩⟨1| + |2⟩⟨2|) leaves a steady Fano coherence ρ_12 ≠ 0.

    ME ↔ literal (A5), collisions ↔ dense channel, 1e-9; |ρ_12| is ~1e-4 here.
    """
    _, exchange = _v_system_terms()
    terms = [(0.3 * np.diag([0.0, 1.0, 1.0]).astype(complex), SX), *exchange]
    H_S = np.diag(V_ENERGIES).astype(complex)
    temp = 1.0
    model = _v_model(terms, n, temp)
    me_ref, co_ref = check_both_routes(model, H_S, [qubit_h(1.0)], [1.0], terms, n, temp, 0.1)
    assert abs(me_ref[1, 2]) > 5e-5
    assert abs(co_ref[1, 2]) > 5e-5
    s = model.steady_state(method="master_equation")
    assert abs(s.rho[1, 2] - me_ref[1, 2]) < TOL


# ------------------------------------------------------------------------ two-qubit target
def _two_qubit_h(w1=1.0, w2=1.1, J=0.15):
    one = np.eye(2)
    return 0.5 * w1 * np.kron(SZ, one) + 0.5 * w2 * np.kron(one, SZ) + J * np.kron(SX, SX)


@pytest.mark.parametrize("as_qobj", [False, True])
@pytest.mark.parametrize("n", [1, 2])
def test_two_qubit_target_non_diagonal_hamiltonian(as_qobj, n):
    """H_S = ω1σz⊗1/2 + 1⊗ω2σz/2 + Jσx⊗σx (not diagonal); the bath touches qubit 1 only.

    ρ is compared in the user's basis; l1 against our own eigh rotation of H_S. Routes:
    ME ↔ literal (A5), collisions ↔ dense channel, 1e-9.
    """
    tau, temp = 0.15, 0.5
    H_S = _two_qubit_h()
    sm1 = np.kron(SM, np.eye(2))
    terms = ladder_terms(sm1, SM, 0.25, np.kron(SZ, np.eye(2)), 0.4)
    model = ac.CollisionModel(
        target=ac.System(qutip.Qobj(H_S) if as_qobj else H_S),
        unit=ac.Qubit(1.05),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
    )
    me_ref, _ = check_both_routes(model, H_S, [qubit_h(1.05)], [1.0], terms, n, temp, tau)
    # the eigenbasis matters here: l1 in the user basis is a different number
    assert abs(l1_in_eigenbasis(me_ref, H_S) - l1(me_ref)) > 1e-3


def test_l1_coherence_in_a_given_basis():
    """SteadyState.l1_coherence_in(basis): columns of ``basis`` are the basis vectors."""
    H_S = _two_qubit_h()
    terms = ladder_terms(np.kron(SM, np.eye(2)), SM, 0.25, np.kron(SZ, np.eye(2)), 0.4)
    model = ac.CollisionModel(
        target=ac.System(H_S),
        unit=ac.Qubit(1.05),
        coupling=ac.Interaction(terms),
        temperature=0.5,
    )
    s = model.steady_state(method="master_equation")
    _, U = np.linalg.eigh(H_S)
    assert s.l1_coherence_in(np.eye(4)) == pytest.approx(l1(s.rho), abs=1e-12)
    assert s.l1_coherence_in(U) == pytest.approx(s.l1_coherence, abs=1e-12)
    assert s.l1_coherence == pytest.approx(l1(U.conj().T @ s.rho @ U), abs=1e-12)


# ------------------------------------------------------------------------ qutrit bath units
QUTRIT_E = [0.0, 1.0, 2.1]


@pytest.mark.parametrize("n", [2, 3])
@pytest.mark.parametrize("temp", [0.3, 1.0])
def test_qutrit_units_from_energies(n, temp):
    """Qubit target, units System.from_energies([0, 1, 2.1]) with a √n ladder; ME + collisions."""
    tau = 0.2
    b = ladder(3)
    terms = ladder_terms(SM, b, 0.2, SZ, 0.35)
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.System.from_energies(QUTRIT_E),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
    )
    H_B = np.diag(QUTRIT_E).astype(complex)
    check_both_routes(model, qubit_h(1.0), [H_B], [1.0], terms, n, temp, tau)


@pytest.mark.parametrize("n", [2, 3])
@pytest.mark.parametrize("temp", [0.3, 1.0])
def test_transmon_units_with_composite(n, temp):
    """3-level Transmon units with the papers' Composite coupling (ladder b = √n, X = b + b†).

    Not bosons: a collective-mode reduction would be wrong here. Collisions ↔ dense, 1e-9.
    """
    tau, alpha = 0.2, -0.15
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Transmon(omega=1.0, anharmonicity=alpha, levels=3),
        cluster_size=n,
        coupling=ac.Composite(0.2, 0.35),
        temperature=temp,
        tau=tau,
    )
    terms = ladder_terms(SM, ladder(3), 0.2, SZ, 0.35)
    H_B = transmon_h(1.0, alpha, 3)
    check_both_routes(model, qubit_h(1.0), [H_B], [1.0], terms, n, temp, tau)


@pytest.mark.parametrize("n", [2, 3])
def test_three_level_oscillator_units_not_silently_wrong(n):
    """The issue's workaround case: Oscillator(1, dim=3) units with a raised truncation_tol.

    A cluster of 3-level units is not a boson mode; the default collisions route must equal
    the dense channel of H_B = diag(0, 1, 2), b = √n ladder (it used to be off by 6e-4).
    """
    tau, temp = 0.2, 0.4
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Oscillator(1.0, 3),
        cluster_size=n,
        coupling=ac.Composite(0.2, 0.35),
        temperature=temp,
        tau=tau,
        truncation_tol=0.5,
    )
    terms = ladder_terms(SM, ladder(3), 0.2, SZ, 0.35)
    H_B = np.diag([0.0, 1.0, 2.0]).astype(complex)
    ref = fixed_point(ref_channel(qubit_h(1.0), [H_B], [1.0], terms, n, temp, tau))
    rho = model.steady_state(method="collisions").rho
    assert np.abs(rho - ref).max() < TOL, np.abs(rho - ref).max()


# ------------------------------------------------------------------- three-term interaction
@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize("temp", [0.0, 0.6])
def test_three_term_interaction(n, temp):
    """V = σ₊⊗B + σ₋⊗B† + 0.3 σz⊗(B + B†), B = Σ b (3-level ladder units).

    Hermitian as a whole, not term by term. ME ↔ literal (A5); collisions ↔ dense; 1e-9.
    """
    tau = 0.2
    b = ladder(3)
    terms = [(0.4 * SP, b), (0.4 * SM, b.conj().T), (0.3 * SZ, b + b.conj().T)]
    assert not np.allclose(np.kron(*terms[0]), np.kron(*terms[0]).conj().T)
    H_B = transmon_h(1.0, -0.1, 3)
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.System(H_B),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
    )
    check_both_routes(model, qubit_h(1.0), [H_B], [1.0], terms, n, temp, tau)


# ---------------------------------------------------------------------------------- c_ops
@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize(("g1", "gphi"), [(0.05, 0.0), (0.0, 0.08), (0.03, 0.02)])
def test_c_ops_qubit_target(n, g1, gphi):
    """T1 (√γ1 σ₋) and pure dephasing (√(γφ/2) σz) on the target, both routes.

    ME ↔ literal (A5) + Σ D[c]; collisions ↔ exp(τ𝓛_joint) with D[c⊗1] during the collision.
    """
    tau, temp = 0.1, 0.4
    c_ops = [c for c in (math.sqrt(g1) * SM, math.sqrt(gphi / 2) * SZ) if np.any(c)]
    terms = ladder_terms(SM, SM, 0.3 / math.sqrt(2), SZ, 0.3)
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        cluster_size=n,
        coupling=ac.Composite(0.3 / math.sqrt(2), 0.3),
        temperature=temp,
        tau=tau,
        c_ops=c_ops,
    )
    check_both_routes(model, qubit_h(1.0), [qubit_h(1.0)], [1.0], terms, n, temp, tau, c_ops)


def test_c_ops_transmon_target_and_joint_mesolve():
    """Transmon with T1 (√γ1 a) and dephasing (√γφ a†a), N = 2.

    Both routes ↔ references, then one collision applied to the library's fixed point by QuTiP
    ``mesolve`` of the joint target ⊗ cluster system (an integrator, not expm) returns it.
    """
    tau, temp, n = 0.1, 0.3, 2
    a = ladder(3)
    num = a.conj().T @ a
    c_ops = [math.sqrt(0.04) * a, math.sqrt(0.02) * num]
    terms = ladder_terms(a, SM, 0.2, num, 0.4)
    model = ac.CollisionModel(
        target=ac.Transmon(omega=1.0, anharmonicity=-0.2, levels=3),
        unit=ac.Qubit(1.0),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
        c_ops=[qutip.Qobj(c) for c in c_ops],
    )
    H_S = transmon_h(1.0, -0.2, 3)
    check_both_routes(model, H_S, [qubit_h(1.0)], [1.0], terms, n, temp, tau, c_ops)
    rho = model.steady_state(method="collisions").rho
    hs = [qubit_h(1.0)] * n
    H0, V, dims = _joint(H_S, hs, terms)
    res = qutip.mesolve(
        H0 + V / math.sqrt(tau),
        qutip.tensor(qutip.Qobj(rho), _bath(hs, temp)),
        [0.0, tau],
        c_ops=[_embed(c, 0, dims) for c in c_ops],
        options={"atol": 1e-13, "rtol": 1e-12, "nsteps": 100_000},
    )
    after = res.states[-1].ptrace(0).full()
    assert np.abs(after - rho).max() < TOL, np.abs(after - rho).max()


def test_lindblad_includes_c_ops():
    """m.lindblad() = (H_S, [c_k]) generates the reference Liouvillian (incl. user c_ops), 1e-10."""
    a = ladder(3)
    num = a.conj().T @ a
    c_ops = [math.sqrt(0.04) * a, math.sqrt(0.01) * num]
    terms = ladder_terms(a, SM, 0.2, num, 0.4)
    model = ac.CollisionModel(
        target=ac.Transmon(omega=1.0, anharmonicity=-0.2, levels=3),
        unit=ac.Qubit(1.0),
        cluster_size=3,
        coupling=ac.Interaction(terms),
        temperature=0.5,
        c_ops=c_ops,
    )
    H, cs = model.lindblad()
    L = qutip.liouvillian(qutip.Qobj(np.asarray(H)), [qutip.Qobj(np.asarray(c)) for c in cs])
    ref = ref_liouvillian(transmon_h(1.0, -0.2, 3), [qubit_h(1.0)], [1.0], terms, 3, 0.5, c_ops)
    assert np.abs(L.full() - ref.full()).max() < 1e-10


# ---------------------------------------------------------------------------- unit mixtures
MIX_W = [0.25, 0.5, 0.25]
MIX_OMEGAS = [0.96, 1.0, 1.04]


@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize("target", ["qubit", "transmon"])
def test_unit_mixture_averages_over_draws(n, target):
    """UnitMixture of qubits at 0.96/1.0/1.04: references average over all 3^N draws."""
    tau, temp = 0.15, 0.4
    if target == "qubit":
        tgt, H_S, s_minus, s_num = ac.Qubit(1.0), qubit_h(1.0), SM, SZ
    else:
        tgt, H_S = ac.Transmon(omega=1.0, anharmonicity=-0.1, levels=3), transmon_h(1, -0.1, 3)
        s_minus = ladder(3)
        s_num = s_minus.conj().T @ s_minus
    terms = ladder_terms(s_minus, SM, 0.2, s_num, 0.4)
    model = ac.CollisionModel(
        target=tgt,
        unit=ac.UnitMixture([ac.Qubit(w) for w in MIX_OMEGAS], weights=MIX_W),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
    )
    hs = [qubit_h(w) for w in MIX_OMEGAS]
    _, co_ref = check_both_routes(model, H_S, hs, MIX_W, terms, n, temp, tau)
    # the mixture is not the mean-frequency unit (the collision route feels the spread)
    single = fixed_point(ref_channel(H_S, [qubit_h(1.0)], [1.0], terms, n, temp, tau))
    assert np.abs(single - co_ref).max() > 1e-8


def test_unit_mixture_with_c_ops():
    """Mixture and target c_ops together (no reduction applies): ME ↔ literal (A5) averaged
    over draws + Σ D[c]; collisions ↔ draw-averaged exp(τ𝓛_joint); 1e-9."""
    n, tau, temp = 2, 0.1, 0.4
    a = ladder(3)
    num = a.conj().T @ a
    c_ops = [math.sqrt(0.02) * a, math.sqrt(0.02) * num]
    terms = ladder_terms(a, SM, 0.2, num, 0.4)
    model = ac.CollisionModel(
        target=ac.Transmon(omega=1.0, anharmonicity=-0.1, levels=3),
        unit=ac.UnitMixture([ac.Qubit(w) for w in MIX_OMEGAS], weights=MIX_W),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
        c_ops=c_ops,
    )
    hs = [qubit_h(w) for w in MIX_OMEGAS]
    check_both_routes(model, transmon_h(1.0, -0.1, 3), hs, MIX_W, terms, n, temp, tau, c_ops)


def test_closed_form_with_a_qubit_mixture_equals_reference():
    """Composite + UnitMixture of qubits: closed form (moments averaged over the draws) ↔
    literal (A5) averaged over all 3^N draws, 1e-9."""
    n, temp = 3, 0.4
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.UnitMixture([ac.Qubit(w) for w in MIX_OMEGAS], weights=MIX_W),
        cluster_size=n,
        coupling=ac.Composite(0.3, 0.5),
        temperature=temp,
    )
    terms = ladder_terms(SM, SM, 0.3, SZ, 0.5)
    ref = ref_me_state(qubit_h(1.0), [qubit_h(w) for w in MIX_OMEGAS], MIX_W, terms, n, temp)
    rho = model.steady_state(method="closed_form").rho
    assert np.abs(rho - ref).max() < TOL


# ------------------------------------------------------- papers' models through Interaction
@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("rwa", [True, False])
@pytest.mark.parametrize("unit", ["qubit", "oscillator"])
def test_papers_models_by_hand_equal_composite(n, rwa, unit):
    """ac.Interaction written by hand = ac.Composite (same model), 1e-12, both routes + evolve."""
    f1, f2 = 0.6 / math.sqrt(2), 0.6
    u = ac.Qubit(1.1) if unit == "qubit" else ac.Oscillator(1.1, 8)
    b = SM if unit == "qubit" else ladder(8)
    x_b = b + b.conj().T
    terms = [(f1 * SZ, x_b)]
    terms += [(f2 * SP, b), (f2 * SM, b.conj().T)] if rwa else [(f2 * SX, x_b)]
    common = {"target": ac.Qubit(1.0), "unit": u, "cluster_size": n, "temperature": 0.3}
    common |= {"tau": 0.05, "truncation_tol": 1e-6}
    by_hand = ac.CollisionModel(coupling=ac.Interaction(terms), **common)
    preset = ac.CollisionModel(coupling=ac.Composite(f1, f2, rwa=rwa), **common)
    for method in ("master_equation", "collisions"):
        r1 = by_hand.steady_state(method=method).rho
        r2 = preset.steady_state(method=method).rho
        assert np.abs(r1 - r2).max() < 1e-12, (method, np.abs(r1 - r2).max())
    times = np.linspace(0, 5, 6)
    e1 = by_hand.evolve(times, method="master_equation")
    e2 = preset.evolve(times, method="master_equation")
    assert np.abs(e1["rho"].values - e2["rho"].values).max() < 1e-12


def test_bilinear_equals_its_interaction():
    """ac.Bilinear(s, A) = ac.Interaction([(s†, A), (s, A†)]) (PRA104 Eq. (A6)), 1e-12."""
    s = 0.3 * SZ + 0.5 * SM
    common = {"target": ac.Qubit(1.0), "unit": ac.Qubit(1.0), "cluster_size": 2}
    common |= {"temperature": 0.5, "tau": 0.1}
    m1 = ac.CollisionModel(coupling=ac.Bilinear(s, SM), **common)
    m2 = ac.CollisionModel(coupling=ac.Interaction([(s.conj().T, SM), (s, SP)]), **common)
    for method in ("master_equation", "collisions"):
        r1 = m1.steady_state(method=method).rho
        r2 = m2.steady_state(method=method).rho
        assert np.abs(r1 - r2).max() < 1e-12


# ------------------------------------------------------------------------- evolve and gaps
def _transmon_cops_model():
    a = ladder(3)
    num = a.conj().T @ a
    c_ops = [math.sqrt(0.03) * a]
    terms = ladder_terms(a, SM, 0.2, num, 0.4)
    model = ac.CollisionModel(
        target=ac.Transmon(omega=1.0, anharmonicity=-0.2, levels=3),
        unit=ac.Qubit(1.0),
        cluster_size=2,
        coupling=ac.Interaction(terms),
        temperature=0.5,
        tau=0.1,
        c_ops=c_ops,
    )
    return model, (transmon_h(1.0, -0.2, 3), [qubit_h(1.0)], [1.0], terms, 2, 0.5), c_ops


RHO0 = np.array([[0.2, 0.1, 0.05j], [0.1, 0.5, 0.1], [-0.05j, 0.1, 0.3]], dtype=complex)


def test_evolve_master_equation_matches_mesolve():
    """evolve(method='master_equation') ↔ QuTiP mesolve of the reference Liouvillian, 1e-9."""
    model, args, c_ops = _transmon_cops_model()
    times = np.linspace(0.0, 20.0, 5)
    L = ref_liouvillian(*args, c_ops=c_ops)
    res = qutip.mesolve(
        L, qutip.Qobj(RHO0), times, options={"atol": 1e-13, "rtol": 1e-12, "nsteps": 100_000}
    )
    ds = model.evolve(times, initial=RHO0, method="master_equation")
    ref = np.array([s.full() for s in res.states])
    assert np.abs(ds["rho"].values - ref).max() < TOL
    assert float(ds["l1_coherence"][-1]) == pytest.approx(l1(ref[-1]), abs=TOL)
    assert float(ds["purity"][-1]) == pytest.approx(np.trace(ref[-1] @ ref[-1]).real, abs=TOL)


def test_evolve_collisions_matches_channel_powers():
    """evolve(method='collisions') at t = kτ ↔ Φ_ref^k ρ0 (dense joint-Lindblad channel), 1e-9."""
    model, args, c_ops = _transmon_cops_model()
    M = ref_channel(*args, tau=0.1, c_ops=c_ops)
    ks = [0, 1, 7, 40]
    ds = model.evolve(np.array(ks) * 0.1, initial=RHO0, method="collisions")
    v = RHO0.reshape(-1, order="F")
    for i, k in enumerate(ks):
        ref = (np.linalg.matrix_power(M, k) @ v).reshape(3, 3, order="F")
        assert np.abs(ds["rho"].values[i] - ref).max() < TOL


def test_relaxation_gap_recorded():
    """info['relaxation_gap']: 1 - |λ2| of the channel; -Re λ2 of the generator (1e-8)."""
    model, args, c_ops = _transmon_cops_model()
    lam = np.linalg.eigvals(ref_channel(*args, tau=0.1, c_ops=c_ops))
    mod = np.sort(np.abs(lam))[::-1]
    co = model.steady_state(method="collisions")
    assert co.info["relaxation_gap"] == pytest.approx(1 - mod[1], abs=1e-8)
    ev = np.linalg.eigvals(ref_liouvillian(*args, c_ops=c_ops).full())
    re = np.sort(ev.real)[::-1]
    me = model.steady_state(method="master_equation")
    assert me.info["relaxation_gap"] == pytest.approx(-re[1], abs=1e-8)


# ---------------------------------------------------------------- honest where not applicable
def test_conserved_level_gives_non_unique_steady_state():
    """Level 2 of [0, 1, 1.02] is untouched by V (only |0⟩↔|1⟩ couples): its population is
    conserved. The reference channel has a 2-dimensional fixed-point space; both routes
    refuse with NonUniqueSteadyStateError naming that dimension and what is conserved."""
    s_minus = np.zeros((3, 3), dtype=complex)
    s_minus[0, 1] = 0.4
    terms = [(s_minus.conj().T, SM), (s_minus, SP)]
    H_S = np.diag(V_ENERGIES).astype(complex)
    lam = np.linalg.eigvals(ref_channel(H_S, [qubit_h(1.0)], [1.0], terms, 2, 0.5, 0.1))
    assert np.sum(np.abs(lam - 1) < 1e-10) == 2
    model = _v_model(terms, 2, 0.5)
    for method in ("master_equation", "collisions"):
        with pytest.raises(NonUniqueSteadyStateError, match=r"(?is)\b2\b.*conserved"):
            model.steady_state(method=method)


def test_nonzero_thermal_mean_refused_by_me_but_collisions_work():
    """V = 0.3 σx ⊗ Σσz + exchange: tr_B(Vρ_B) ≠ 0 at T > 0 → ME refused naming collisions;
    the collisions route still equals the dense channel (1e-9)."""
    tau, temp = 0.2, 0.5
    terms = [(0.3 * SX, SZ), (0.4 * SP, SM), (0.4 * SM, SP)]
    model = ac.CollisionModel(
        target=ac.Qubit(1.0),
        unit=ac.Qubit(1.0),
        cluster_size=2,
        coupling=ac.Interaction(terms),
        temperature=temp,
        tau=tau,
    )
    with pytest.raises(MethodNotApplicableError, match="collisions"):
        model.steady_state(method="master_equation")
    ref = fixed_point(ref_channel(qubit_h(1.0), [qubit_h(1.0)], [1.0], terms, 2, temp, tau))
    rho = model.steady_state(method="collisions").rho
    assert np.abs(rho - ref).max() < TOL
    assert l1(ref) > 1e-2  # a first-order field makes plenty of coherence
