"""Bad input raises ParameterError/TypeError naming the parameter, its value and what is allowed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autocoherence.errors import ParameterError
from autocoherence.spins import (
    SpinNetwork,
    closed_form,
    direct,
    direct_n,
    indirect_n,
    transferred_n,
)
from autocoherence.spins.pauli import parse_pauli


# ------------------------------------------------------------------ Pauli strings
def test_unknown_letter_names_term_and_position():
    with pytest.raises(
        ParameterError, match=r"'X0 W1'.*unknown letter 'W' at position 3.*I, X, Y, Z"
    ):
        parse_pauli("X0 W1")


def test_repeated_site_names_term_and_position():
    with pytest.raises(ParameterError, match=r"'X0 Z0'.*site 0 repeated at position 3"):
        parse_pauli("X0 Z0")


def test_negative_index_names_term_and_position():
    with pytest.raises(ParameterError, match=r"'X-1'.*negative site index '-1' at position 1"):
        parse_pauli("X-1")


def test_empty_term():
    with pytest.raises(ParameterError, match=r"Pauli term '' is empty"):
        parse_pauli("")


def test_blank_term():
    with pytest.raises(ParameterError, match=r"Pauli term '   ' is empty"):
        SpinNetwork.from_terms({"   ": 1.0})


def test_missing_index():
    with pytest.raises(ParameterError, match=r"'X0 Z'.*letter 'Z' at position 3 has no site index"):
        parse_pauli("X0 Z")


def test_dangling_star():
    with pytest.raises(ParameterError, match=r"trailing '\*'"):
        parse_pauli("X0*")
    with pytest.raises(ParameterError, match=r"'\*' at position 0"):
        parse_pauli("*X0")


def test_term_not_a_string():
    with pytest.raises(TypeError, match=r"Pauli term must be a string"):
        parse_pauli(3)


def test_complex_coefficient_is_non_hermitian():
    with pytest.raises(ParameterError, match=r"coefficient of Pauli term 'X0'.*must be real"):
        SpinNetwork.from_terms({"X0": 1j})


def test_nan_coefficient():
    with pytest.raises(ParameterError, match=r"coefficient of Pauli term 'Z0' must be finite"):
        SpinNetwork.from_terms({"Z0": math.nan})


def test_string_coefficient():
    with pytest.raises(TypeError, match=r"coefficient of Pauli term 'Z0' must be a real number"):
        SpinNetwork.from_terms({"Z0": "1.0"})


def test_no_terms():
    with pytest.raises(ParameterError, match=r"at least one Pauli term"):
        SpinNetwork.from_terms({})


def test_term_beyond_n_sites_is_unknown_site():
    with pytest.raises(ParameterError, match=r"'Z3'.*site 3.*n_sites=2"):
        SpinNetwork.from_terms({"Z0": 1.0, "Z3": 1.0}, n_sites=2)


def test_wrong_number_of_labels():
    with pytest.raises(ParameterError, match=r"labels must have one entry per site \(2\)"):
        SpinNetwork.from_terms({"Z1": 1.0}, labels=("a",))


# ------------------------------------------------------------------ operators
def test_non_hermitian_operator():
    with pytest.raises(ParameterError, match=r"hamiltonian must be Hermitian"):
        SpinNetwork.from_operator(
            np.array([[0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
        )


def test_operator_not_a_qubit_dimension():
    with pytest.raises(ParameterError, match=r"2\^n x 2\^n.*shape \(3, 3\)"):
        SpinNetwork.from_operator(np.eye(3))


def test_operator_not_square():
    with pytest.raises(ParameterError, match=r"hamiltonian must be a square matrix"):
        SpinNetwork.from_operator(np.zeros((2, 4)))


# ------------------------------------------------------------------ Gibbs / sites
def test_negative_temperature():
    with pytest.raises(ParameterError, match=r"temperature must be >= 0.*temperature=-0.1"):
        direct(1.0, 0.5, 0.7).gibbs(-0.1)


def test_nan_temperature():
    with pytest.raises(ParameterError, match=r"temperature=nan"):
        direct(1.0, 0.5, 0.7).gibbs(math.nan)


def test_temperature_not_a_number():
    with pytest.raises(TypeError, match=r"temperature must be a real number"):
        direct(1.0, 0.5, 0.7).gibbs("cold")


def test_unknown_method():
    with pytest.raises(
        ParameterError,
        match=r"method must be one of 'auto', 'dense', 'symmetry'; got method='exact'",
    ):
        direct(1.0, 0.5, 0.7).gibbs(0.3, method="exact")


def test_unknown_site():
    g = direct(1.0, 0.5, 0.7).gibbs(0.3)
    with pytest.raises(
        ParameterError, match=r"site must be in \[0, 1\].*paper labels 1, 2.*site=2"
    ):
        g.l1_coherence(2)


def test_negative_site():
    with pytest.raises(ParameterError, match=r"site=-1"):
        direct(1.0, 0.5, 0.7).gibbs(0.3).bloch(-1)


def test_site_not_an_integer():
    with pytest.raises(TypeError, match=r"site must be an integer index.*site='1'"):
        direct(1.0, 0.5, 0.7).gibbs(0.3).qfi("1")


def test_local_bloch_bad_temperature():
    with pytest.raises(ParameterError, match=r"temperatures must be >= 0"):
        direct(1.0, 0.5, 0.7).local_coherence(0, [0.1, -1.0])


# ------------------------------------------------------------------ presets
def test_preset_nan_parameter():
    with pytest.raises(ParameterError, match=r"gamma must be a finite real number, got gamma=nan"):
        direct(1.0, 0.5, math.nan)


def test_wrong_length_omegas():
    with pytest.raises(
        ParameterError, match=r"omegas must have one value per ancilla; got 2 values.*n=3"
    ):
        direct_n(1.0, [0.5, 0.5], 0.25, n=3)


def test_mismatched_lengths_without_n():
    with pytest.raises(
        ParameterError, match=r"gammas must have one value per ancilla; got 3 values"
    ):
        indirect_n(1.0, [0.5, 0.5], [0.1, 0.1, 0.1], [0.1, 0.1])


def test_scalar_without_n():
    with pytest.raises(ParameterError, match=r"omegas=0.5 is a scalar.*n=N"):
        transferred_n(1.0, 0.5, 0.5, 0.5, [0.5])


def test_bad_n():
    with pytest.raises(ParameterError, match=r"n must be an integer >= 1, got n=0"):
        direct_n(1.0, 0.5, 0.25, n=0)
    with pytest.raises(TypeError, match=r"n must be an integer >= 1, got n=2.5"):
        direct_n(1.0, 0.5, 0.25, n=2.5)


def test_non_numeric_ancilla_values():
    with pytest.raises(TypeError, match=r"gammas must be a real number or a sequence"):
        direct_n(1.0, [0.5], None)
    with pytest.raises(TypeError, match=r"gammas\[1\] must be a real number"):
        direct_n(1.0, [0.5, 0.5], [0.1, "x"])


# ------------------------------------------------------------------ closed forms
def test_closed_form_negative_temperature():
    with pytest.raises(ParameterError, match=r"temperature must be >= 0.*"):
        closed_form.direct_c1(1.0, 0.5, 0.7, [0.1, -0.2])


def test_high_t_asymptote_at_zero_temperature():
    with pytest.raises(ParameterError, match=r"\(B1\) needs temperature > 0"):
        closed_form.direct_c1_high_t(0.5, 0.7, 0.0)


def test_closed_form_nan_parameter():
    with pytest.raises(ParameterError, match=r"omega0 must be finite real, got omega0=nan"):
        closed_form.transferred_c0_low_t(math.nan, 1.0, 0.5, 0.5)


def test_direct_n_c1_shape_mismatch():
    with pytest.raises(ParameterError, match=r"omegas and gammas must be 1-D"):
        closed_form.direct_n_c1(1.0, [0.5, 0.5], [0.1], 0.3)
