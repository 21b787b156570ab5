"""_su2.py: total-spin sectors of N spins 1/2, Dicke multiplicities, log-binomials, ladder.

Independent oracles: dense collective spin operators on (C²)^{⊗N} (the J² eigenspaces give
the sectors and their multiplicities, J₊ on the Dicke states gives the ladder), exact integer
binomials (``math.comb``, ``fractions``), and the dimension count Σ_j (2j+1) d_N(j) = 2^N.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from autocoherence._su2 import (
    ladder_elements,
    log_binomial,
    log_binomial_peak,
    log_binomial_relative,
    log_dicke_multiplicities,
    log_dicke_multiplicity,
    two_j_values,
)
from autocoherence.errors import ParameterError
from autocoherence.spaces import collective, sigma_plus, sigma_x, sigma_y, sigma_z


def _exact_log(c: int) -> float:
    """log of a positive integer of any size, to double precision."""
    if c < 2**1000:
        return math.log(c)
    return c.bit_length() * math.log(2) + math.log(Fraction(c, 2 ** c.bit_length()))


def _exact_dicke(n: int, two_j: int) -> int:
    k = (n - two_j) // 2
    return math.comb(n, k) - (math.comb(n, k - 1) if k else 0)


# ------------------------------------------------------------------------------ sectors
def test_two_j_values_descend_from_n_to_its_parity():
    assert two_j_values(0).tolist() == [0]
    assert two_j_values(1).tolist() == [1]
    assert two_j_values(6).tolist() == [6, 4, 2, 0]
    assert two_j_values(7).tolist() == [7, 5, 3, 1]
    with pytest.raises(ParameterError, match="n"):
        two_j_values(-1)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 7])
def test_multiplicities_match_the_dense_casimir(n):
    """(2j+1) d_N(j) = dimension of the J² = j(j+1) eigenspace on (C²)^{⊗N}."""
    jx, jy, jz = (collective(op, n) / 2 for op in (sigma_x(), sigma_y(), sigma_z()))
    ev = np.linalg.eigvalsh(jx @ jx + jy @ jy + jz @ jz)
    two_j, log_d = log_dicke_multiplicities(n)
    d = np.exp(log_d + log_binomial_peak(n))
    for tj, dj in zip(two_j.tolist(), d, strict=True):
        j = tj / 2
        count = int(np.sum(np.abs(ev - j * (j + 1)) < 1e-9))  # eigenvalues 1 or more apart
        assert count == round(dj) * (tj + 1)
    # and no other eigenvalue: the sectors exhaust the space
    assert sum(round(dj) * (tj + 1) for tj, dj in zip(two_j.tolist(), d, strict=True)) == 2**n


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 10, 51, 200, 1001])
def test_multiplicities_match_the_binomial_formula_in_exact_integers(n):
    two_j, log_d = log_dicke_multiplicities(n)
    exact = np.array([_exact_log(_exact_dicke(n, tj)) for tj in two_j.tolist()])
    got = log_d + log_binomial_peak(n)
    # the relative logs are accurate to ~1e-15 · their size; the peak to ~ulp(log Γ(n+1))
    np.testing.assert_allclose(got, exact, rtol=0, atol=1e-14 * max(1.0, float(exact.max())))
    for tj, ld in zip(two_j.tolist(), exact, strict=True):
        assert log_dicke_multiplicity(n, tj) == pytest.approx(ld, rel=1e-14, abs=1e-14)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 8, 9, 30])
def test_multiplicities_are_integers_with_the_weight_character(n):
    two_j, log_d = log_dicke_multiplicities(n)
    d = np.exp(log_d + log_binomial_peak(n))
    assert np.all(np.abs(d - np.round(d)) < 1e-12 * d)
    # the number of states with J_z = n/2 - k is C(n, k)
    for k in range(n // 2 + 1):
        assert np.sum(np.round(d)[two_j >= n - 2 * k]) == math.comb(n, k)


@pytest.mark.parametrize("n", [7, 60, 1000, 4096, 10**6])
def test_multiplicities_count_every_state_in_log_space(n):
    """Σ_j (2j+1) d_N(j) = 2^N, in logs (no overflow at any N)."""
    two_j, log_d = log_dicke_multiplicities(n)
    total = float(np.logaddexp.reduce(log_d + np.log(two_j + 1.0))) + log_binomial_peak(n)
    assert total == pytest.approx(n * math.log(2), rel=1e-14)


def test_multiplicities_count_every_state_for_every_n_up_to_1000():
    for n in range(1, 1001):
        two_j, log_d = log_dicke_multiplicities(n)
        total = float(np.logaddexp.reduce(log_d + np.log(two_j + 1.0))) + log_binomial_peak(n)
        assert abs(total - n * math.log(2)) <= 1e-14 * n, n


# ------------------------------------------------------------------------ log-binomials
@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 7, 10, 51, 200])
def test_log_binomial_relative_matches_exact_integers(n):
    exact = np.array([math.log(math.comb(n, k)) for k in range(n + 1)])
    got = log_binomial_relative(n) + log_binomial_peak(n)
    np.testing.assert_allclose(got, exact, rtol=0, atol=1e-14 * max(1.0, exact.max()))


def test_log_binomial_relative_is_accurate_near_the_peak_at_one_million():
    # the weights live within a few thousand of n/2: there the relative logarithm must be
    # accurate in absolute terms (log Γ differences would be off by ~1e-9 here)
    n, half = 10**6, 10**6 // 2
    rel = log_binomial_relative(n)
    for d in (10, 3000):
        # C(n, half + d) / C(n, half) = Π_{i=half+1}^{half+d} (n - i + 1)/i, in exact integers
        i = range(half + 1, half + d + 1)
        exact = math.log(Fraction(math.prod(n - j + 1 for j in i), math.prod(i)))
        assert abs(rel[half + d] - exact) < 1e-13
        assert abs(rel[half - d] - exact) < 1e-13  # C(n, k) = C(n, n - k)


@pytest.mark.parametrize(("n", "k"), [(10, 3), (60, 0), (60, 60), (1000, 137), (10**5, 40000)])
def test_log_binomial_is_accurate(n, k):
    exact = _exact_log(math.comb(n, k))
    assert log_binomial(n, k) == pytest.approx(exact, rel=1e-14, abs=1e-14)


@pytest.mark.parametrize("n", [1, 2, 9, 10, 4096])
def test_log_binomial_peak_is_the_largest_binomial(n):
    assert log_binomial_peak(n) == pytest.approx(_exact_log(math.comb(n, n // 2)), rel=1e-14)
    assert float(np.max(log_binomial_relative(n))) == 0.0


# ------------------------------------------------------------------------------- ladder
@pytest.mark.parametrize("n", [1, 2, 3, 6])
def test_ladder_is_j_plus_on_the_dicke_states(n):
    """⟨D_{k+1}|J₊|D_k⟩ on the normalised symmetric states with k excitations (j = N/2)."""
    jp = collective(sigma_plus(), n)  # σ₊ raises [e, g] index 1 → 0: basis bit 0 is excited
    bits = np.array([[(s >> (n - 1 - q)) & 1 for q in range(n)] for s in range(2**n)])
    excited = n - bits.sum(axis=1)
    dicke = [(excited == k) / math.sqrt(math.comb(n, k)) for k in range(n + 1)]
    dense = [float(np.real(dicke[k + 1] @ jp @ dicke[k])) for k in range(n)]
    np.testing.assert_allclose(ladder_elements(n), dense, rtol=1e-15, atol=0)


@pytest.mark.parametrize("two_j", [0, 1, 2, 5, 12, 4096])
def test_ladder_obeys_the_algebra_and_is_symmetric(two_j):
    step = ladder_elements(two_j)
    assert step.size == two_j
    np.testing.assert_array_equal(step, step[::-1])  # the same from either end
    # [J₊, J₋] = 2 J_z on the basis m = -j … j: step_{k}² - step_{k-1}² = 2 m_k
    sq = np.concatenate(([0.0], step**2, [0.0]))
    m = -two_j / 2 + np.arange(two_j + 1)
    np.testing.assert_allclose(sq[:-1] - sq[1:], 2 * m, rtol=0, atol=4e-16 * max(1, two_j) ** 2)
    np.testing.assert_array_equal(ladder_elements(two_j, 3), step[:3])
    np.testing.assert_array_equal(ladder_elements(two_j, two_j + 5), step)


def test_ladder_refuses_a_negative_spin():
    with pytest.raises(ParameterError, match="two_j"):
        ladder_elements(-2)
