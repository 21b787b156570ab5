"""Property tests of general collision models (issue 10): random targets, units, interactions.

Random models: Hermitian H_S (d ≤ 3), unit H_B (d_B ≤ 3), an ac.Interaction of 1-3 terms that is
Hermitian as a whole (a Hermitian pair S⊗B, and/or a non-Hermitian pair (S, B), (S†, B†)), bath
operators shifted to zero thermal mean so that the master equation (PRA104 Eq. (A5)) applies,
temperatures including 0 and ∞. The small NumPy reference here (np.kron, einsum partial trace,
scipy expm) is independent of the QuTiP one in tests/integration/test_general_models_vs_dense.py.
"""

import math

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

import autocoherence as ac
from autocoherence.errors import ParameterError

SM = np.array([[0, 0], [1, 0]], dtype=complex)
SP = SM.conj().T
SZ = np.diag([1.0, -1.0]).astype(complex)

temperatures = st.sampled_from([0.0, 0.25, 0.7, 2.0, math.inf])
#: a random target (d levels), unit (d_b levels), n_terms interaction terms, N and T
random_models = given(
    seed=st.integers(0, 2**32 - 1),
    d=st.integers(2, 3),
    d_b=st.integers(2, 3),
    n_terms=st.integers(1, 3),
    n=st.integers(1, 2),
    T=temperatures,
)


# ------------------------------------------------------------------------------ references
def thermal(H, T):
    d = H.shape[0]
    if math.isinf(T):
        return np.eye(d, dtype=complex) / d
    E, U = np.linalg.eigh(H)
    if T == 0:
        P = (U * (E - E[0] <= 1e-9)) @ U.conj().T
        return P / np.trace(P).real
    R = scipy.linalg.expm(-(H - E[0] * np.eye(d)) / T)
    return R / np.trace(R).real


def _herm(rng, d, scale=1.0):
    A = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return scale * (A + A.conj().T) / 2


def _cplx(rng, d, scale=1.0):
    return scale * (rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))) / 2


def random_model(seed, d, d_b, n_terms, T, g=0.3):
    """(H_S, H_B, terms): zero thermal mean of every B_k, V Hermitian as a whole."""
    rng = np.random.default_rng(seed)
    H_S = _herm(rng, d)
    H_B = _herm(rng, d_b)
    rho_b = thermal(H_B, T)
    one = np.eye(d_b)

    def centred(B):
        return B - np.trace(B @ rho_b) * one

    terms = []
    if n_terms in (1, 3):
        terms.append((_herm(rng, d, g), centred(_herm(rng, d_b))))
    if n_terms in (2, 3):
        S, B = _cplx(rng, d, g), centred(_cplx(rng, d_b))
        terms += [(S, B), (S.conj().T, B.conj().T)]
    return H_S, H_B, terms


def _collective(op, slot, n, d_b):
    left, right = d_b**slot, d_b ** (n - slot - 1)
    return np.kron(np.kron(np.eye(left), op), np.eye(right))


def _dense_v(terms, n, d_b):
    return sum(np.kron(S, sum(_collective(B, j, n, d_b) for j in range(n))) for S, B in terms)


def _ptrace(X, d, D):
    return np.einsum("aibi->ab", X.reshape(d, D, d, D))


def ref_me_steady(H_S, H_B, terms, n, T):
    """Null vector of -i[H_S,·] - ½ tr_B[V,[V,·⊗ρ_B]] (literal partial trace), row-major vec."""
    d, d_b = H_S.shape[0], H_B.shape[0]
    D = d_b**n
    V = _dense_v(terms, n, d_b)
    rho_b = thermal(H_B, T)
    rho_cluster = np.ones((1, 1))
    for _ in range(n):
        rho_cluster = np.kron(rho_cluster, rho_b)
    L = np.zeros((d * d, d * d), dtype=complex)
    for i in range(d):
        for j in range(d):
            E = np.zeros((d, d), dtype=complex)
            E[i, j] = 1
            X = np.kron(E, rho_cluster)
            C = V @ X - X @ V
            out = -1j * (H_S @ E - E @ H_S) - 0.5 * _ptrace(V @ C - C @ V, d, D)
            L[:, i * d + j] = out.reshape(-1)
    _, s, vh = np.linalg.svd(L)
    assert s[-2] > 1e-8 * s[0]  # unique
    rho = vh[-1].conj().reshape(d, d)
    rho = rho / np.trace(rho)
    return 0.5 * (rho + rho.conj().T)


def _model(H_S, H_B, terms, n, T, tau=None):
    return ac.CollisionModel(
        target=ac.System(H_S),
        unit=ac.System(H_B),
        cluster_size=n,
        coupling=ac.Interaction(terms),
        temperature=T,
        tau=tau,
    )


def _is_density_matrix(rho):
    assert np.abs(rho - rho.conj().T).max() < 1e-12
    assert abs(np.trace(rho) - 1) < 1e-12
    assert np.linalg.eigvalsh(0.5 * (rho + rho.conj().T)).min() > -1e-10


# ---------------------------------------------------------------------- states are states
@settings(max_examples=30, deadline=None)
@random_models
def test_random_models_give_density_matrices_and_me_matches_reference(seed, d, d_b, n_terms, n, T):
    """Both routes: Hermitian, trace 1, eigenvalues ≥ -1e-10; ME = literal (A5) to 1e-9.

    At T = ∞ (ρ_B ∝ 1) the channel and the dissipator are unital: both give 1/d exactly, up to
    each route's reported rounding bound (the channel's carries the cancellation in Φ - 1:
    seed 274 is 1.7e-12 off with a bound of 3.4e-10, before and after issue 14).
    """
    H_S, H_B, terms = random_model(seed, d, d_b, n_terms, T)
    model = _model(H_S, H_B, terms, n, T, tau=0.3)
    me = model.steady_state(method="master_equation")
    co = model.steady_state(method="collisions")
    _is_density_matrix(me.rho)
    _is_density_matrix(co.rho)
    assert np.abs(me.rho - ref_me_steady(H_S, H_B, terms, n, T)).max() < 1e-9
    if math.isinf(T):
        for s in (me, co):
            bound = max(s.info["error_bound"], 1e-12)
            assert np.abs(s.rho - np.eye(d) / d).max() <= bound


# ------------------------------------------------------------- collisions → ME as τ → 0
PARITY = np.array([1.0, -1.0, 1.0])


def _even(X, P):
    return (X + P @ X @ P) / 2


def _odd(X, P):
    return (X - P @ X @ P) / 2


def parity_model(seed, d, d_b, n_terms, T, *, symmetric_target, g=0.3):
    """Unit with a parity P_B = diag(1, -1, 1)[:d_B]: H_B even, every B_k odd.

    Then every odd moment ⟨B B B⟩ of the thermal unit vanishes. With ``symmetric_target``
    also H_S is even and every S_k odd under P = diag(1, -1, 1)[:d], so V commutes with
    P ⊗ P_B (and an even⊗even term is added when n_terms = 3).
    """
    rng = np.random.default_rng(seed)
    P, P_b = np.diag(PARITY[:d]), np.diag(PARITY[:d_b])
    H_S = _herm(rng, d)
    H_B = _even(_herm(rng, d_b), P_b)

    def target_op(X):
        return _odd(X, P) if symmetric_target else X

    terms = []
    if n_terms in (1, 3):
        terms.append((target_op(_herm(rng, d, g)), _odd(_herm(rng, d_b), P_b)))
    if n_terms in (2, 3):
        S, B = target_op(_cplx(rng, d, g)), _odd(_cplx(rng, d_b), P_b)
        terms += [(S, B), (S.conj().T, B.conj().T)]
    if symmetric_target:
        H_S = _even(H_S, P)
        if n_terms == 3:  # an allowed even ⊗ even term, centred in every thermal state
            B_even = _even(_herm(rng, d_b), P_b)
            B_even -= np.trace(B_even @ thermal(H_B, T)) * np.eye(d_b)
            terms.append((_even(_herm(rng, d, g), P), B_even))
    return H_S, H_B, terms


def _tau_errors(H_S, H_B, terms, T, taus):
    me = _model(H_S, H_B, terms, 1, T).steady_state(method="master_equation").rho
    return [
        np.abs(
            _model(H_S, H_B, terms, 1, T, tau=tau).steady_state(method="collisions").rho - me
        ).max()
        for tau in taus
    ]


@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    d=st.integers(2, 3),
    d_b=st.integers(2, 3),
    n_terms=st.integers(2, 3),
    T=st.sampled_from([0.0, 0.25, 0.7, 2.0]),
)
def test_collisions_converge_as_sqrt_tau_when_third_moments_do_not_vanish(seed, d, d_b, n_terms, T):
    """Generic random units have ⟨B_k B_l B_m⟩ ≠ 0: the τ^{3/2} term of the exact channel moves
    the fixed point by O(√τ), so the error ratio at τ = 1e-4 → 5e-5 is √2 (measured
    1.394..1.483 over 150 random models; allowed 1.3..1.55). A single Hermitian product
    term is left out: its (A5) steady state is 1/d, which the √τ term leaves unchanged; so is
    T = ∞, where both routes give exactly 1/d (previous test).
    """
    H_S, H_B, terms = random_model(seed, d, d_b, n_terms, T)
    errs = _tau_errors(H_S, H_B, terms, T, (1e-4, 5e-5))
    assert 1.3 < errs[0] / errs[1] < 1.55, errs


@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    d=st.integers(2, 3),
    d_b=st.integers(2, 3),
    n_terms=st.integers(2, 3),
    T=st.sampled_from([0.0, 0.5, 2.0]),
)
def test_collisions_converge_at_least_linearly_when_odd_moments_vanish(seed, d, d_b, n_terms, T):
    """Parity-symmetric unit (odd moments 0): no √τ term; error ratio ≥ 1.7 at τ = 2e-4 → 1e-4.

    Measured over 60 reference models at τ = 1e-3 → 5e-4: median 2.000 (O(τ)); models with an
    accidentally small O(τ) coefficient reach 4.7 (O(τ²) dominated) or dip to 1.67 (the
    τ² term of opposite sign), hence the smaller τ here. At τ = 2e-4 the ratio over 150 random
    models is ≥ 1.88 except one model whose error is already 6e-9 (O(τ) coefficient ≈ 0; the
    fixed point's own floor at this τ is ~1e-9): errors below 1e-7 count as converged. A √τ
    term would leave errors ~1e-4 here with ratio 1.41.
    """
    H_S, H_B, terms = parity_model(seed, d, d_b, n_terms, T, symmetric_target=False)
    errs = _tau_errors(H_S, H_B, terms, T, (2e-4, 1e-4))
    assert errs[0] / errs[1] > 1.7 or errs[0] < 1e-7, errs


def test_collisions_converge_linearly_for_an_exchange_model():
    """Transmon target, qubit units, ladder exchange + parallel term (odd moments 0):
    O(τ), error ratio 2 ± 0.4 at τ = 0.02 → 0.01 → 0.005."""
    k = np.arange(3.0)
    H_S = np.diag(k - 0.15 * k * (k - 1) / 2).astype(complex)
    a = np.diag(np.sqrt(k[1:]), 1).astype(complex)
    terms = [(0.2 * a.conj().T @ a, SM + SP), (0.4 * a.conj().T, SM), (0.4 * a, SP)]
    errs = _tau_errors(H_S, 0.5 * SZ, terms, 0.5, (0.02, 0.01, 0.005))
    ratios = np.array(errs[:-1]) / np.array(errs[1:])
    assert np.all(np.abs(ratios - 2) < 0.4), (errs, ratios)


# ------------------------------------------------------------------ symmetry forbids coherence
def _check_parity_zeros(rho, d):
    p = PARITY[:d]
    mixed = p[:, None] != p[None, :]
    assert np.abs(rho[mixed]).max() < 1e-12


@settings(max_examples=30, deadline=None)
@random_models
def test_parity_symmetry_forbids_coherence(seed, d, d_b, n_terms, n, T):
    """[P, H_S] = 0, [P_B, H_B] = 0, [V, P ⊗ P_B] = 0: no coherence between levels of different
    parity, in either route, to 1e-12 (d = 2: no coherence at all)."""
    H_S, H_B, terms = parity_model(seed, d, d_b, n_terms, T, symmetric_target=True)
    model = _model(H_S, H_B, terms, n, T, tau=0.2)
    for method in ("master_equation", "collisions"):
        s = model.steady_state(method=method)
        _check_parity_zeros(s.rho, d)
        if d == 2:
            assert s.l1_coherence < 1e-12


def test_parity_allows_coherence_within_a_sector():
    """The same symmetric construction does make coherence inside the even sector {0, 2}
    (so the zeros above are the symmetry's, not a dead model)."""
    H_S, H_B, terms = parity_model(7, 3, 3, 3, 0.5, symmetric_target=True)
    model = _model(H_S, H_B, terms, 2, 0.5, tau=0.2)
    for method in ("master_equation", "collisions"):
        s = model.steady_state(method=method)
        _check_parity_zeros(s.rho, 3)
        assert abs(s.rho[0, 2]) > 1e-4
        assert s.l1_coherence > 1e-4


# --------------------------------------------------------------------------------- bad input
def test_non_hermitian_system_hamiltonian():
    with pytest.raises(ParameterError, match=r"\bH\b.*Hermitian"):
        ac.System(np.array([[0.0, 1.0], [0.0, 0.0]]))


def test_system_hamiltonian_must_be_square():
    with pytest.raises(ParameterError, match=r"\bH\b"):
        ac.System(np.zeros((2, 3)))


def test_non_hermitian_interaction():
    """σ₊ ⊗ σ₋ alone is not Hermitian (its conjugate term is missing)."""
    with pytest.raises(ParameterError, match=r"(?s)Interaction.*Hermitian"):
        ac.Interaction([(SP, SM)])


def test_interaction_shape_mismatches():
    with pytest.raises(ParameterError, match=r"S_k|S_1"):
        ac.Interaction([(SZ, SZ), (np.eye(3), SZ)])
    coupling = ac.Interaction([(np.eye(3), SZ)])
    with pytest.raises(ParameterError, match=r"S_0.*target"):
        ac.CollisionModel(
            target=ac.Qubit(1.0), unit=ac.Qubit(1.0), coupling=coupling, temperature=0.5
        )
    coupling = ac.Interaction([(SZ, np.eye(3))])
    with pytest.raises(ParameterError, match=r"B_0.*unit"):
        ac.CollisionModel(
            target=ac.Qubit(1.0), unit=ac.Qubit(1.0), coupling=coupling, temperature=0.5
        )


def test_unit_mixture_weights():
    units = [ac.Qubit(0.96), ac.Qubit(1.04)]
    with pytest.raises(ParameterError, match="weights"):
        ac.UnitMixture(units, weights=[1.2, -0.2])
    with pytest.raises(ParameterError, match="weights"):
        ac.UnitMixture(units, weights=[0.5, 0.4])
    with pytest.raises(ParameterError, match="weights"):
        ac.UnitMixture(units, weights=[0.5, 0.25, 0.25])
    with pytest.raises(ParameterError, match="units"):
        ac.UnitMixture([ac.Qubit(1.0), ac.Transmon(1.0, -0.1, 3)], weights=[0.5, 0.5])


def test_c_ops_of_the_wrong_size():
    with pytest.raises(ParameterError, match=r"c_ops\[1\]"):
        ac.CollisionModel(
            target=ac.Qubit(1.0),
            unit=ac.Qubit(1.0),
            coupling=ac.Composite(0.3, 0.5),
            temperature=0.5,
            c_ops=[0.1 * SM, 0.1 * np.eye(3)],
        )
