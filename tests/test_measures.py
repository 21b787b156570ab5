"""measures.py: l1 coherence, purity, Bloch vector, QFI on known states."""

import numpy as np
import pytest
import qutip
from hypothesis import given
from hypothesis import strategies as st

from autocoherence.errors import ParameterError
from autocoherence.measures import bloch_vector, l1_coherence, mean_lowering, purity, qfi_qubit


def _rho(x, y, z):
    return 0.5 * np.array([[1 + z, x - 1j * y], [x + 1j * y, 1 - z]])


@given(st.floats(-1, 1), st.floats(-1, 1), st.floats(-1, 1))
def test_qubit_measures_from_bloch(x, y, z):
    r = np.sqrt(x * x + y * y + z * z)
    if r > 1:
        x, y, z = x / r, y / r, z / r
    rho = _rho(x, y, z)
    assert bloch_vector(rho) == pytest.approx((x, y, z), abs=1e-14)
    assert l1_coherence(rho) == pytest.approx(np.hypot(x, y), abs=1e-14)
    assert l1_coherence(rho) == pytest.approx(2 * abs(rho[0, 1]), abs=1e-15)
    assert purity(rho) == pytest.approx((1 + x * x + y * y + z * z) / 2, abs=1e-14)
    assert qfi_qubit(rho) == pytest.approx(x * x + y * y, abs=1e-14)


def test_accepts_qutip_and_matches_its_bloch():
    psi = (qutip.basis(2, 0) + 1j * qutip.basis(2, 1)).unit()
    rho = qutip.ket2dm(psi)
    # qutip.basis(2, 0) is our |e> (sigma_z = +1), so its sigmax/sigmay are ours
    assert bloch_vector(rho) == pytest.approx(
        (qutip.expect(qutip.sigmax(), rho), qutip.expect(qutip.sigmay(), rho), 0.0), abs=1e-14
    )
    assert purity(rho) == pytest.approx(1.0)


def test_mean_lowering_coherent_state():
    alpha = 0.3 - 0.2j
    rho = qutip.coherent_dm(30, alpha)
    assert mean_lowering(rho) == pytest.approx(alpha, abs=1e-12)
    assert l1_coherence(np.diag([0.5, 0.5])) == 0.0


def test_bloch_needs_qubit():
    with pytest.raises(ParameterError, match="2x2"):
        bloch_vector(np.eye(3) / 3)
    with pytest.raises(ParameterError, match="square"):
        purity(np.ones((2, 3)))


# ---------------------------------------------------------------------------------------
# States are checked (issue 13 item 7); l1_coherence takes a basis (issue 10 item 5).


@pytest.mark.parametrize(
    ("rho", "match"),
    [
        (np.eye(2), "trace 1, got trace 2"),
        (np.array([[0.5, 0.3], [0.1, 0.5]]), "Hermitian"),
        (np.ones((2, 3)) / 2, "square"),
        (np.array([[0.5, np.nan], [np.nan, 0.5]]), "non-finite"),
        (np.zeros((2, 2)), "trace 1, got trace 0"),
    ],
)
def test_measures_refuse_non_states(rho, match):
    for measure in (l1_coherence, purity, bloch_vector, qfi_qubit):
        with pytest.raises(ParameterError, match=match):
            measure(rho)


def test_state_check_tolerates_round_off():
    rho = np.array([[0.5, 0.5], [0.5, 0.5]]) * (1 + 1e-12)
    rho[0, 1] += 1e-13
    assert l1_coherence(rho) == pytest.approx(1.0, abs=1e-11)


def test_l1_coherence_in_a_given_basis():
    rng = np.random.default_rng(3)
    m = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    rho = m @ m.conj().T
    rho /= np.trace(rho)
    _, u = np.linalg.eigh(rho)
    assert l1_coherence(rho, basis=u) == pytest.approx(0.0, abs=1e-14)  # its own eigenbasis
    assert l1_coherence(rho, basis=np.eye(3)) == l1_coherence(rho)
    q, _ = np.linalg.qr(rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3)))
    rot = q.conj().T @ rho @ q
    expected = np.abs(rot).sum() - np.abs(np.diag(rot)).sum()
    assert l1_coherence(rho, basis=qutip.Qobj(q)) == pytest.approx(expected, rel=1e-13)
    with pytest.raises(ParameterError, match="basis must be unitary"):
        l1_coherence(rho, basis=2 * np.eye(3))
    with pytest.raises(ParameterError, match="basis must be a 3x3"):
        l1_coherence(rho, basis=np.eye(2))
