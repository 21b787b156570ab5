"""The structure record of the N-ancilla presets and the lazy network built from it.

Oracle: the presets' Hamiltonians written out term by term (the expansion the presets used
before they carried a structure), and the Pauli-term Z2 criterion.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autocoherence.errors import ParameterError
from autocoherence.spins import SpinNetwork, direct_n, indirect_n, transferred_n
from autocoherence.spins.structure import (
    AncillaGroup,
    AncillaStructure,
    SiteLabels,
    group_ancillas,
)


def explicit_terms(model: str, core: tuple[float, ...], ws, gs, ts=None):
    """Term-by-term expansion of Local Eqs. (14)/(C1), (C4), (C7) (coefficients halved)."""
    terms: list[tuple[str, float]] = [("Z0", core[0] / 2)]
    if model == "direct_n":
        for k, (w, g) in enumerate(zip(ws, gs, strict=True), start=1):
            terms += [(f"Z{k}", w / 2), (f"X0 Z{k}", g / 2)]
    elif model == "indirect_n":
        for k, (w, g, t) in enumerate(zip(ws, gs, ts, strict=True), start=1):
            terms += [(f"Z{k}", w / 2), (f"Z0 X{k}", g / 2), (f"X0 X{k}", t / 2)]
    else:
        terms += [("X0 X1", core[1] / 2), ("Z1", core[2] / 2)]
        for k, (w, g) in enumerate(zip(ws, gs, strict=True), start=2):
            terms += [(f"X1 Z{k}", g / 2), (f"Z{k}", w / 2)]
    return SpinNetwork.from_terms(terms)


@pytest.mark.parametrize("identical", [True, False])
def test_structure_terms_equal_the_explicit_expansion(identical):
    ws, gs, ts = [0.5, 0.7, 0.5], [0.3, 0.2, 0.3], [0.1, 0.4, 0.1]
    if identical:
        ws, gs, ts = [0.5] * 3, [0.3] * 3, [0.1] * 3
        nets = [
            direct_n(1.0, 0.5, 0.3, n=3),
            indirect_n(0.9, 0.5, 0.3, 0.1, n=3),
            transferred_n(1.0, 0.4, 0.8, 0.5, 0.3, n=3),
        ]
    else:
        nets = [
            direct_n(1.0, ws, gs),
            indirect_n(0.9, ws, gs, ts),
            transferred_n(1.0, 0.4, 0.8, ws, gs),
        ]
    refs = [
        explicit_terms("direct_n", (1.0,), ws, gs),
        explicit_terms("indirect_n", (0.9,), ws, gs, ts),
        explicit_terms("transferred_n", (1.0, 0.4, 0.8), ws, gs),
    ]
    for net, ref in zip(nets, refs, strict=True):
        assert net.terms == ref.terms  # same strings, same order, same coefficients
        np.testing.assert_array_equal(net.hamiltonian, ref.hamiltonian)
        assert net.structure.n_terms == len(ref.terms)


def test_grouping_of_per_ancilla_values():
    groups, members = group_ancillas([0.5, 0.7, 0.5, 0.5], [0.1, 0.2, 0.1, 0.3], [0.0] * 4)
    assert [(g.count, g.omega, g.gamma) for g in groups] == [
        (2, 0.5, 0.1),
        (1, 0.7, 0.2),
        (1, 0.5, 0.3),
    ]
    assert members == (0, 1, 0, 2)
    groups, members = group_ancillas([0.5] * 4, [0.1] * 4)
    assert members is None
    assert groups == (AncillaGroup(4, 0.5, 0.1, 0.0),)
    # equal lists give the same structure as scalars with n
    assert direct_n(1.0, [0.5] * 4, [0.1] * 4).structure == direct_n(1.0, 0.5, 0.1, n=4).structure


def test_site_classes():
    s = transferred_n(1.0, 0.4, 0.8, [0.5, 0.7, 0.5], [0.3, 0.2, 0.3]).structure
    assert [s.site_class(k) for k in range(s.n_sites)] == [0, 1, 2, 3, 2]
    assert s.n_classes == 4
    assert s.core_sites == (0, 1)
    assert s.describe()["groups"] == [(2, 0.5, 0.3, 0.0), (1, 0.7, 0.2, 0.0)]


def test_site_labels_behave_like_a_tuple():
    labels = SiteLabels(("T",), 1, 3)
    assert labels == ("T", "1", "2", "3")
    assert ("T", "1", "2", "3") == labels  # noqa: SIM300 (the reflected comparison)
    assert labels != ("T", "1", "2")
    assert labels[1:3] == ("1", "2")
    assert labels[-1] == "3"
    assert list(labels) == ["T", "1", "2", "3"]
    assert repr(labels) == "('T', '1', '2', '3')"
    assert hash(labels) == hash(("T", "1", "2", "3"))
    big = SiteLabels((), 1, 10**6)
    assert repr(big) == "SiteLabels('1', '2', ..., '1000000')"
    assert big == SiteLabels((), 1, 10**6)
    with pytest.raises(IndexError, match="out of range"):
        _ = labels[4]
    assert pickle.loads(pickle.dumps(big)) == big


@settings(max_examples=40, deadline=None)
@given(
    model=st.sampled_from(["direct_n", "indirect_n", "transferred_n"]),
    gammas=st.lists(st.sampled_from([0.0, 0.3, -0.2]), min_size=1, max_size=4),
)
def test_z2_criterion_from_the_structure_equals_the_term_criterion(model, gammas):
    n = len(gammas)
    if model == "direct_n":
        net = direct_n(1.0, [0.5] * n, gammas)
    elif model == "indirect_n":
        net = indirect_n(1.0, [0.5] * n, gammas, [0.4] * n)
    else:
        net = transferred_n(1.0, 0.4, 0.8, [0.5] * n, gammas)
    by_terms = SpinNetwork.from_terms(net.pauli_terms())
    assert net.is_z2_symmetric() == by_terms.is_z2_symmetric() == all(g == 0 for g in gammas)


def test_network_from_structure_validates_and_is_immutable():
    s = AncillaStructure("direct_n", 1.0, (AncillaGroup(3, 0.5, 0.2),))
    net = SpinNetwork.from_structure(s)
    assert net.name == "direct_n (N=3), Local Eq. (14)/(C1)"
    with pytest.raises(ParameterError, match=r"takes its terms from it: n_sites must be 4"):
        SpinNetwork(5, structure=s)
    with pytest.raises(ParameterError, match=r"labels must have one entry per site \(4\)"):
        SpinNetwork(4, labels=("a", "b"), structure=s)
    with pytest.raises(AttributeError, match=r"immutable; cannot set 'name'"):
        net.name = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError, match=r"immutable; cannot delete 'name'"):
        del net.name
