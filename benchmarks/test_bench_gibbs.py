"""Gibbs states of the N-ancilla spin networks: the symmetry-reduced route at scale.

Targets (issue 4): local Gibbs coherence of ``direct_n`` and ``transferred_n`` with N = 10⁶
identical ancillas in under 1 s; ``indirect_n`` with N = 1000 in under 60 s; at the papers'
largest N (8) at least 100x faster than the dense QuTiP route, measured in the same process:
QuTiP builds H from ``tensor`` products of Pauli matrices, ``(-H/T).expm()`` gives the Gibbs
state and ``ptrace`` the target's reduced state. ``extra_info`` records both timings (best of
a few runs, ``time.perf_counter``) and their ratio.

Run `make bench` (or `pytest benchmarks/test_bench_gibbs.py --benchmark-only`); under
`make test` each benchmark runs once, untimed (smoke run). Results: benchmarks/BENCHMARKS.md.
"""

import math
import time
from collections.abc import Callable

import pytest
import qutip

from autocoherence.spins import closed_form, direct_n, indirect_n, transferred_n

T_LOW = 0.1
PAULI = {"X": qutip.sigmax, "Y": qutip.sigmay, "Z": qutip.sigmaz}

N8 = {
    "direct_n": lambda: direct_n(1.0, 0.5, 0.25, n=8),  # Local Fig. 3(a)
    "indirect_n": lambda: indirect_n(1.0, 0.5, 0.5, 0.5, n=8),  # Local Fig. 3(b)
    "transferred_n": lambda: transferred_n(1.0, 0.5, 0.5, 1.3, 0.5, n=8),  # Local Fig. 4
}


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def qutip_dense_coherence(net, temperature: float) -> float:
    """Reference: H from qutip tensors of the Pauli terms, (-H/T).expm(), ptrace(0)."""
    n = net.n_sites
    h = 0
    for string, coeff in net.terms:
        factors = [qutip.qeye(2)] * n
        for site, letter in string:
            factors[site] = PAULI[letter]()
        h = h + coeff * qutip.tensor(*factors)
    rho = (-h / temperature).expm()
    rho = rho / rho.tr()
    return 2 * abs(rho.ptrace(0).full()[0, 1])


@pytest.mark.parametrize("model", list(N8))
def test_gibbs_n8_symmetry_vs_qutip_dense(benchmark, model):
    def ours() -> float:
        return N8[model]().gibbs(T_LOW, method="symmetry").l1_coherence(0)

    coherence = benchmark(ours)
    ref = qutip_dense_coherence(N8[model](), T_LOW)
    assert abs(coherence - ref) < 1e-10
    t_ours = _best(ours, 20)
    t_qutip = _best(lambda: qutip_dense_coherence(N8[model](), T_LOW), 3)
    benchmark.extra_info |= {
        "n": 8,
        "temperature": T_LOW,
        "ours_s": t_ours,
        "qutip_dense_s": t_qutip,
        "speedup_vs_qutip": t_qutip / t_ours,
    }


@pytest.mark.parametrize("temperature", [0.0, 0.5])
@pytest.mark.parametrize("model", ["direct_n", "transferred_n"])
def test_gibbs_million_identical_ancillas(benchmark, model, temperature):
    def ours() -> float:
        if model == "direct_n":
            net = direct_n(1.0, 0.5, 1e-6, n=10**6)  # Σγ_j = 1
        else:
            net = transferred_n(1.0, 0.5, 0.5, 1.3, 0.5, n=10**6)
        return net.gibbs(temperature).l1_coherence(0)

    coherence = benchmark.pedantic(ours, rounds=3, iterations=1, warmup_rounds=1)
    if model == "direct_n":
        ref = closed_form.direct_n_c1(1.0, 0.5, 1e-6, temperature, n=10**6)
        assert abs(coherence - ref) < 1e-9
    else:
        assert 0.0 < coherence < 1.0
    benchmark.extra_info |= {"n": 10**6, "temperature": temperature, "ours_s": _best(ours, 2)}


@pytest.mark.parametrize("temperature", [0.0, 0.05, 0.5, 5.0])
def test_gibbs_indirect_n_1000(benchmark, temperature):
    def ours() -> float:
        return indirect_n(1.0, 0.5, 0.5, 0.5, n=1000).gibbs(temperature).l1_coherence(0)

    coherence = benchmark.pedantic(ours, rounds=1, iterations=1)
    assert 0.0 < coherence < 1 / math.sqrt(2)  # below the N -> ∞ mean-field limit
    benchmark.extra_info |= {"n": 1000, "temperature": temperature}
