"""Hostile input, table-driven (issue 13 items 6, 7): every case raises a typed error whose
message names the parameter, before any large allocation. Plus fuzzing of the Pauli parser."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autocoherence as ac
from autocoherence import measures, states
from autocoherence._checks import check_int
from autocoherence.collision import closed_form as cf
from autocoherence.collision import transient_closed_form as tcf
from autocoherence.errors import (
    MethodNotApplicableError,
    NonUniqueSteadyStateError,
    ParameterError,
)
from autocoherence.spaces import Oscillator, Qubit, collective, embed, sigma_minus, sigma_z
from autocoherence.spins import SpinNetwork, closed_form, direct, direct_n, indirect_n
from autocoherence.spins.pauli import parse_pauli

_T = SpinNetwork.from_terms
_HALF = np.full((2, 2), 0.5)


def _model(**kw: Any) -> ac.CollisionModel:
    args: dict[str, Any] = {
        "target": Qubit(1.0),
        "unit": Qubit(1.0),
        "coupling": ac.Composite(0.3, 0.4),
        "temperature": 0.5,
    }
    return ac.CollisionModel(**(args | kw))


CASES: list[tuple[str, Callable[[], Any], type[BaseException], str]] = [
    # --- Pauli strings and from_terms
    ("superscript digit", lambda: _T({"X²": 1.0}), ParameterError, "Pauli term 'X²'"),
    ("arabic-indic digit", lambda: _T({"Z١": 1.0}), ParameterError, "ASCII digit"),
    ("full-width digit", lambda: _T({"Z０": 1.0}), ParameterError, "ASCII digit"),
    ("mixed ascii + full-width", lambda: _T({"Z1０": 1.0}), ParameterError, "ASCII digit"),
    ("30-digit site", lambda: _T({"Z" + "9" * 30: 1.0}), ParameterError, "site index"),
    ("10^7 site", lambda: _T({"X10000000": 1.0}), ParameterError, "site index"),
    ("5000-digit site", lambda: parse_pauli("Z" + "1" * 5000), ParameterError, "site index"),
    ("unknown letter", lambda: _T({"Q0": 1.0}), ParameterError, "unknown letter 'Q'"),
    ("full-width letter", lambda: _T({"Ｘ0": 1.0}), ParameterError, "unknown letter"),
    ("empty term", lambda: _T({"": 1.0}), ParameterError, "Pauli term ''"),
    ("blank term", lambda: _T({"   ": 1.0}), ParameterError, "is empty"),
    ("no index", lambda: _T({"X": 1.0}), ParameterError, "no site index"),
    ("negative index", lambda: _T({"X-1": 1.0}), ParameterError, "negative site index"),
    ("repeated site", lambda: _T({"X0 Z0": 1.0}), ParameterError, "site 0 repeated"),
    ("trailing star", lambda: _T({"X0 *": 1.0}), ParameterError, "trailing '*'"),
    ("leading star", lambda: _T({"* X0": 1.0}), ParameterError, "'*' at position 0"),
    ("term not a string", lambda: _T({5: 1.0}), TypeError, "Pauli term"),
    ("complex coefficient", lambda: _T({"X0": 1j}), ParameterError, "coefficient of Pauli"),
    ("nan coefficient", lambda: _T({"X0": math.nan}), ParameterError, "coefficient of Pauli"),
    ("str coefficient", lambda: _T({"X0": "1"}), TypeError, "coefficient of Pauli"),
    ("bool coefficient", lambda: _T({"X0": True}), TypeError, "coefficient of Pauli"),
    ("no terms", lambda: _T({}), ParameterError, "terms must contain"),
    ("bad pair", lambda: _T([("X0",)]), TypeError, "terms must map"),
    ("site beyond n_sites", lambda: _T({"X3": 1.0}, n_sites=2), ParameterError, "n_sites=2"),
    ("n_sites zero", lambda: _T({"X0": 1.0}, n_sites=0), ParameterError, "n_sites"),
    ("n_sites bool", lambda: _T({"X0": 1.0}, n_sites=True), TypeError, "n_sites"),
    ("labels length", lambda: _T({"X0": 1.0}, labels=("a", "b")), ParameterError, "labels"),
    (
        "20 dense sites",
        lambda: _T({"Z19": 1.0}).hamiltonian,
        MethodNotApplicableError,
        "n_sites=20",
    ),
    # --- operators and networks
    ("operator 3x3", lambda: SpinNetwork.from_operator(np.eye(3)), ParameterError, "hamiltonian"),
    (
        "operator non-Hermitian",
        lambda: SpinNetwork.from_operator(np.triu(np.ones((2, 2)))),
        ParameterError,
        "hamiltonian must be Hermitian",
    ),
    (
        "operator inf",
        lambda: SpinNetwork.from_operator(np.full((2, 2), np.inf)),
        ParameterError,
        "hamiltonian has non-finite",
    ),
    ("operator text", lambda: SpinNetwork.from_operator("H"), TypeError, "hamiltonian"),
    ("gibbs negative T", lambda: direct(1.0, 0.5, 0.7).gibbs(-1.0), ParameterError, "temperature"),
    ("gibbs nan T", lambda: direct(1.0, 0.5, 0.7).gibbs(math.nan), ParameterError, "temperature"),
    ("gibbs str T", lambda: direct(1.0, 0.5, 0.7).gibbs("hot"), TypeError, "temperature"),
    (
        "gibbs method",
        lambda: direct(1.0, 0.5, 0.7).gibbs(0.3, method="fast"),
        ParameterError,
        "method",
    ),
    (
        "symmetry on a plain network",
        lambda: direct(1.0, 0.5, 0.7).gibbs(0.3, method="symmetry"),
        MethodNotApplicableError,
        "method='symmetry'",
    ),
    (
        "symmetry too large",
        lambda: indirect_n(1.0, 0.5, 0.5, 0.5, n=5000).gibbs(0.5, method="symmetry"),
        MethodNotApplicableError,
        "method='symmetry'",
    ),
    (
        "site out of range",
        lambda: direct(1.0, 0.5, 0.7).gibbs(0.3).l1_coherence(5),
        ParameterError,
        "site must be in [0, 1]",
    ),
    ("site bool", lambda: direct(1.0, 0.5, 0.7).gibbs(0.3).l1_coherence(True), TypeError, "site"),
    ("site float", lambda: direct(1.0, 0.5, 0.7).gibbs(0.3).qfi(0.5), TypeError, "site"),
    (
        "local_bloch negative T",
        lambda: direct(1.0, 0.5, 0.7).local_bloch(0, [-1.0]),
        ParameterError,
        "temperatures",
    ),
    ("preset nan", lambda: direct(math.nan, 0.5, 0.7), ParameterError, "omega1"),
    ("preset n zero", lambda: direct_n(1.0, 0.5, 0.2, n=0), ParameterError, "n must"),
    ("preset n bool", lambda: direct_n(1.0, 0.5, 0.2, n=True), TypeError, "n must"),
    (
        "closed form negative T",
        lambda: closed_form.direct_c1(1.0, 0.5, 0.7, -1.0),
        ParameterError,
        "temperature",
    ),
    (
        "10^12 ancillas",
        lambda: direct_n(1.0, 0.5, 1e-9, n=10**12).gibbs(0.5),
        MethodNotApplicableError,
        "n_sites=1000000000001",
    ),
    (
        "10^9 term sites",
        lambda: _T({"Z0": 1.0}, n_sites=10**9).gibbs(0.5),
        MethodNotApplicableError,
        "n_sites=1000000000",
    ),
    (
        "symmetry state to qutip",
        lambda: direct_n(1.0, 0.5, 0.2, n=20).gibbs(0.5).to_qutip(),
        MethodNotApplicableError,
        "method='dense'",
    ),
    (
        "local basis site",
        lambda: direct(1.0, 0.5, 0.7).local_basis(9),
        ParameterError,
        "site must be in [0, 1]",
    ),
    ("basis text", lambda: measures.l1_coherence(_HALF, basis="H"), TypeError, "basis must be"),
    # --- measures
    (
        "l1 of identity",
        lambda: measures.l1_coherence(np.eye(2)),
        ParameterError,
        "rho must be a density matrix with trace 1",
    ),
    (
        "purity non-Hermitian",
        lambda: measures.purity(np.array([[0.5, 1.0], [0.0, 0.5]])),
        ParameterError,
        "rho must be a Hermitian",
    ),
    (
        "purity non-square",
        lambda: measures.purity(np.ones((2, 3))),
        ParameterError,
        "rho must be a square",
    ),
    (
        "purity nan",
        lambda: measures.purity(np.full((2, 2), np.nan)),
        ParameterError,
        "rho has non-finite",
    ),
    ("l1 of text", lambda: measures.l1_coherence("rho"), TypeError, "rho must be"),
    (
        "bloch of qutrit",
        lambda: measures.bloch_vector(np.eye(3) / 3),
        ParameterError,
        "rho must be a 2x2",
    ),
    (
        "qfi of zero",
        lambda: measures.qfi_qubit(np.zeros((2, 2))),
        ParameterError,
        "rho must be a density matrix",
    ),
    (
        "basis not unitary",
        lambda: measures.l1_coherence(_HALF, basis=2 * np.eye(2)),
        ParameterError,
        "basis must be unitary",
    ),
    (
        "basis wrong size",
        lambda: measures.l1_coherence(_HALF, basis=np.eye(3)),
        ParameterError,
        "basis must be a 2x2",
    ),
    # --- spaces and states
    ("qubit nan", lambda: Qubit(math.nan), ParameterError, "omega"),
    ("qubit str", lambda: Qubit("1"), TypeError, "omega"),
    ("oscillator negative", lambda: Oscillator(-1.0, 3), ParameterError, "omega"),
    ("oscillator dim 1", lambda: Oscillator(1.0, 1), ParameterError, "dim"),
    ("oscillator dim float", lambda: Oscillator(1.0, 2.5), TypeError, "dim"),
    ("oscillator dim bool", lambda: Oscillator(1.0, True), TypeError, "dim"),
    (
        "oscillator 10^6 levels",
        lambda: Oscillator(1.0, 10**6),
        ParameterError,
        "dim=1000000 is above the limit",
    ),
    ("collective 40 units", lambda: collective(sigma_minus(), 40), ParameterError, "n=40"),
    (
        "collective 10^9 units",
        lambda: collective(sigma_minus(), 10**9),
        ParameterError,
        "n=1000000000",
    ),
    ("collective zero", lambda: collective(sigma_minus(), 0), ParameterError, "n must"),
    ("embed site", lambda: embed(sigma_z(), 5, (2, 2)), ParameterError, "site"),
    ("embed 2^30", lambda: embed(sigma_z(), 0, (2,) * 30), ParameterError, "prod(dims)"),
    (
        "thermal negative T",
        lambda: states.thermal_state(Qubit(1.0), -1.0),
        ParameterError,
        "temperature",
    ),
    (
        "thermal oscillator T=inf",
        lambda: states.thermal_state(Oscillator(1.0, 4), math.inf),
        ParameterError,
        "temperature=inf",
    ),
    ("tanh_half nan", lambda: states.tanh_half(math.nan, 1.0), ParameterError, "omega"),
    (
        "cluster_moments zero",
        lambda: states.cluster_moments(Qubit(1.0), 0, 0.5),
        ParameterError,
        "cluster_size",
    ),
    (
        "cluster_moments bool",
        lambda: states.cluster_moments(Qubit(1.0), True, 0.5),
        TypeError,
        "cluster_size",
    ),
    (
        "check_int bool",
        lambda: check_int(True, "cluster_size", minimum=1),
        TypeError,
        "cluster_size=True",
    ),
    # --- couplings and collision models
    ("Bilinear string", lambda: ac.Bilinear("sigma_x", sigma_minus()), TypeError, "s must be"),
    (
        "Bilinear non-square",
        lambda: ac.Bilinear(np.ones((2, 3)), sigma_minus()),
        ParameterError,
        "s must be a square",
    ),
    ("Composite nan", lambda: ac.Composite(math.nan, 0.3), ParameterError, "f1"),
    ("Composite str", lambda: ac.Composite(0.3, "a"), TypeError, "f2"),
    ("model negative T", lambda: _model(temperature=-1.0), ParameterError, "temperature"),
    ("model nan T", lambda: _model(temperature=math.nan), ParameterError, "temperature"),
    ("model tau zero", lambda: _model(tau=0.0), ParameterError, "tau"),
    ("model tau negative", lambda: _model(tau=-1.0), ParameterError, "tau"),
    ("model tau inf", lambda: _model(tau=math.inf), ParameterError, "tau"),
    ("model cluster_size bool", lambda: _model(cluster_size=True), TypeError, "cluster_size"),
    ("model cluster_size zero", lambda: _model(cluster_size=0), ParameterError, "cluster_size"),
    ("model cluster_size float", lambda: _model(cluster_size=2.5), TypeError, "cluster_size"),
    ("model method", lambda: _model().steady_state(method="magic"), ParameterError, "method"),
    # --- collision closed forms
    (
        "closed form f2 = 0",
        lambda: cf.steady_state_bloch(0.3, 0.0, 1.0, 1.0, 1.0),
        NonUniqueSteadyStateError,
        "f2 = 0",
    ),
    (
        "peak omega zero",
        lambda: tcf.peak_coherence_tls(0.1, 0.1, 0.0, 1, -1.0),
        ParameterError,
        "omega",
    ),
    ("peak z0 > 1", lambda: tcf.peak_coherence_tls(0.1, 0.1, 1.0, 1, 2.0), ParameterError, "z0"),
    (
        "peak cluster zero",
        lambda: tcf.peak_coherence_lho(0.1, 0.1, 1.0, 0, -1.0),
        ParameterError,
        "cluster_size",
    ),
    (
        "trajectory negative time",
        lambda: tcf.bloch_trajectory([-1.0], 0.1, 0.1, 1, 1, 1, -1),
        ParameterError,
        "times",
    ),
    (
        "trajectory overflow",
        lambda: tcf.bloch_trajectory([1.0], 1e200, 1e200, 1, 1, 1, -1),
        ParameterError,
        "f1=1e+200",
    ),
    (
        "b17 overflow",
        lambda: tcf.bloch_rabi_b17([1.0], 1e200, 1e200, 1.0, 1.0, -1.0),
        ParameterError,
        "anticommutator",
    ),
]


@pytest.mark.parametrize(
    ("fn", "error", "names"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_hostile_input_gets_a_typed_error_naming_the_parameter(fn, error, names):
    with pytest.raises(error) as info:
        fn()
    assert type(info.value) is error or isinstance(info.value, ac.errors.AutocoherenceError)
    assert names in str(info.value)


def test_the_table_is_large_and_distinct():
    assert len(CASES) >= 80
    assert len({c[0] for c in CASES}) == len(CASES)


_ALPHABET = "IXYZixyz0123456789 *-\t²١０Ｘ.éQ\n"


@settings(max_examples=50, deadline=2000)
@given(text=st.one_of(st.text(alphabet=_ALPHABET, max_size=40), st.text(max_size=20)))
def test_fuzzed_pauli_strings_parse_or_raise_parameter_error(text):
    try:
        string = parse_pauli(text)
    except ParameterError:
        return
    assert all(0 <= site <= 999_999 and letter in "XYZ" for site, letter in string)
    net = SpinNetwork.from_terms({text: 0.5})  # never allocates 2^n for a big site index
    assert net.n_sites >= 1
    if net.n_sites <= 3 and string:
        assert np.allclose(net.hamiltonian, net.hamiltonian.conj().T)


@settings(max_examples=30, deadline=2000)
@given(
    key=st.one_of(st.integers(), st.none(), st.binary(max_size=5), st.floats()),
    value=st.one_of(st.text(max_size=3), st.complex_numbers(), st.none(), st.booleans()),
)
def test_fuzzed_term_maps_raise_only_typed_errors(key, value):
    try:
        SpinNetwork.from_terms({key: value})
    except (ParameterError, TypeError):
        return
    pytest.fail("a non-string term was accepted")
