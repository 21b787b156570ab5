"""Symmetry-reduced Gibbs states (conserved σz's, total spins) against the dense route.

Routes: ``gibbs(method="symmetry")`` (2x2/4x4 closed-form blocks per ancilla configuration,
Local Eqs. (14)/(C1), (C7); banded total-spin sectors, (C4)) and ``method="dense"`` (one
eigendecomposition of the 2^n x 2^n H). They share no code beyond the T = 0 degeneracy rule.

Tolerance 1e-10 on every local Bloch component of every site: both routes are exact; the
dense one carries ~ε‖H‖·dim ≈ 1e-13 of rounding for n ≤ 10 sites. Parameters are 0 or of
magnitude ≥ 0.01: the dense route merges levels closer than 1e-10·max|E| into one degenerate
level (by design), so parameters ~1e-10 would split levels that the two routes treat
differently at tiny T.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autocoherence.measures import bloch_vector
from autocoherence.spins import SpinNetwork, direct_n, indirect_n, transferred_n
from autocoherence.spins.gibbs import eigensystem, gibbs_weights, reduced_state

TOL = 1e-10
TEMPS = [0.0, 1e-3, 0.01, 0.1, 0.5, 2.0, 30.0, math.inf]


def dense_bloch(net: SpinNetwork, temps: list[float]) -> np.ndarray:
    """(n_T, n_sites, 3) local Bloch vectors from one dense eigendecomposition."""
    e, v = eigensystem(net.hamiltonian)
    out = np.empty((len(temps), net.n_sites, 3))
    for i, t in enumerate(temps):
        rho = (v * gibbs_weights(e, t)) @ v.conj().T
        for site in range(net.n_sites):
            out[i, site] = bloch_vector(reduced_state(rho, site, net.n_sites))
    return out


def symmetry_bloch_all(net: SpinNetwork, temps: list[float]) -> np.ndarray:
    return np.stack(
        [net.local_bloch(site, temps, method="symmetry") for site in range(net.n_sites)], axis=1
    )


def assert_routes_agree(net: SpinNetwork, temps: list[float]) -> None:
    ours, ref = symmetry_bloch_all(net, temps), dense_bloch(net, temps)
    np.testing.assert_allclose(ours, ref, rtol=0, atol=TOL)


# ------------------------------------------------------- the papers' largest N, fixed
@pytest.mark.parametrize(
    "net",
    [
        direct_n(1.0, 0.5, 0.25, n=8),  # Local Fig. 3(a)
        direct_n(1.0, np.linspace(0.3, 1.1, 8), np.linspace(0.1, 0.45, 8)),
        indirect_n(1.0, 0.5, 0.5, 0.5, n=8),  # Local Fig. 3(b), red curve
        indirect_n(0.7, [0.5, 0.9] * 4, [0.5, 0.2] * 4, [0.3, 0.6] * 4),  # two groups of four
        transferred_n(1.0, 0.5, 0.5, 1.3, 0.5, n=7),  # Local Fig. 4, red curve
        transferred_n(1.0, 0.5, 0.7, np.linspace(0.9, 1.5, 7), np.linspace(0.2, 0.6, 7)),
    ],
    ids=["C1", "C1-different", "C4", "C4-two-groups", "C7", "C7-different"],
)
def test_largest_paper_networks(net):
    assert_routes_agree(net, TEMPS)


@pytest.mark.parametrize(
    "net",
    [
        direct_n(0.0, 0.0, 1.0, n=3),  # every level doubly degenerate at least
        direct_n(1.0, 0.0, 0.5, n=4),  # ancillas free: binomially degenerate configurations
        indirect_n(0.0, 0.0, 0.5, 0.5, n=4),
        indirect_n(1.0, 0.5, 0.0, 0.0, n=4),  # uncoupled
        transferred_n(0.0, 0.0, 0.0, 0.0, 1.0, n=3),
        transferred_n(1.0, 0.5, 0.0, 0.0, 0.5, n=4),
    ],
)
def test_degenerate_networks(net):
    assert_routes_agree(net, TEMPS)
    for t in (0.0, 0.3):  # whole-state purity too
        assert net.gibbs(t, method="symmetry").purity() == pytest.approx(
            net.gibbs(t, method="dense").purity(), rel=1e-10
        )


# ----------------------------------------------------------------- random, hypothesis
value = st.one_of(
    st.sampled_from([0.0, 0.5, 1.0, -0.5]),
    st.floats(min_value=0.01, max_value=2.0),
    st.floats(min_value=-2.0, max_value=-0.01),
)
temperature = st.one_of(
    st.sampled_from([0.0, math.inf, 1e-3]), st.floats(min_value=0.01, max_value=20.0)
)


def _ancillas(draw, n: int, identical: bool, names: tuple[str, ...]) -> dict:
    if identical:
        return {k: draw(value) for k in names} | {"n": n}
    return {k: [draw(value) for _ in range(n)] for k in names}


@st.composite
def networks(draw):
    model = draw(st.sampled_from(["direct_n", "indirect_n", "transferred_n"]))
    n = draw(st.integers(min_value=1, max_value=4))
    identical = draw(st.booleans())
    if model == "direct_n":
        kw = _ancillas(draw, n, identical, ("omegas", "gammas"))
        return direct_n(draw(value), **kw)
    if model == "indirect_n":
        kw = _ancillas(draw, n, identical, ("omegas", "gammas", "thetas"))
        return indirect_n(draw(value), **kw)
    kw = _ancillas(draw, n, identical, ("omegas", "gammas"))
    return transferred_n(draw(value), draw(value), draw(value), **kw)


@settings(max_examples=60, deadline=None)
@given(net=networks(), t=temperature)
def test_random_networks_agree_with_dense(net, t):
    assert_routes_agree(net, [t])
    sym, dense = net.gibbs(t, method="symmetry"), net.gibbs(t, method="dense")
    assert sym.method == "symmetry"
    assert sym.purity() == pytest.approx(dense.purity(), rel=1e-9, abs=1e-300)
