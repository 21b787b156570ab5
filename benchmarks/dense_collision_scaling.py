"""Wall time of the dense exact-collision steady state (dense=True) against cluster size N.

Usage: python benchmarks/dense_collision_scaling.py [N_max]
Prints N, the target ⊗ cluster dimension 2^(N+1), the median of 3 runs (1 for N >= 10),
and C_ss. Used to find the largest N the dense route handles in under 10 s.
"""

from __future__ import annotations

import math
import platform
import statistics
import sys
import time

import autocoherence as ac


def main(n_max: int = 11) -> None:
    print(f"# {platform.processor() or platform.machine()}, python {platform.python_version()}")
    print("N  dim  median_s  C_ss")
    for n in range(1, n_max + 1):
        m = ac.CollisionModel(
            target=ac.Qubit(1.0),
            unit=ac.Qubit(1.0),
            cluster_size=n,
            coupling=ac.Composite(0.6 / math.sqrt(2), 0.6),
            temperature=0.5,
            tau=0.051,
        )
        runs = []
        for _ in range(3 if n < 10 else 1):
            t0 = time.perf_counter()
            s = m.steady_state(method="collisions", dense=True)
            runs.append(time.perf_counter() - t0)
        print(f"{n:2d} {2 ** (n + 1):5d} {statistics.median(runs):9.3f} {s.l1_coherence:.8f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
