"""The list of reproducible figures, built on request (nothing is registered at import)."""

from __future__ import annotations

import importlib

from autocoherence.errors import ParameterError
from autocoherence.figures.base import FigureSpec

__all__ = ["figure_names", "get_figure", "registry"]

# modules (inside autocoherence.figures) that define the figures: a bespoke figure's module has
# one SPEC, a table of figures of one kind has SPECS; listed in paper order: PRA104
# (collision-*) first, then the spin-network paper (spins-*), then our own figures. A table
# holds figures of several numbers: registry() sorts each paper's figures by their number.
_MODULES: tuple[str, ...] = (
    "coherence_growth",
    "steady_state",
    "transient",
    "spin_curves",
    "beyond_me",
    "work_vs_coherence",
    "pareto",
)


def registry() -> dict[str, FigureSpec]:
    """All figures, keyed by CLI name.

    Examples
    --------
    >>> reg = registry()
    >>> "collision-fig2a" in reg, all(name == spec.name for name, spec in reg.items())
    (True, True)
    """
    specs: list[FigureSpec] = []
    for name in _MODULES:
        module = importlib.import_module(f"autocoherence.figures.{name}")
        specs.extend(getattr(module, "SPECS", None) or (module.SPEC,))
    papers = ("collision-fig", "spins-fig")  # then our own figures, in module order

    def order(spec: FigureSpec) -> tuple[int, str]:
        paper = next((k for k, p in enumerate(papers) if spec.name.startswith(p)), len(papers))
        return paper, spec.name if paper < len(papers) else ""

    return {s.name: s for s in sorted(specs, key=order)}


def figure_names() -> list[str]:
    """CLI names of every figure.

    Examples
    --------
    >>> figure_names()[:2]
    ['collision-fig1c', 'collision-fig2a']
    """
    return list(registry())


def get_figure(name: str) -> FigureSpec:
    """The figure called ``name``; raises a ParameterError (a ValueError) listing the valid names.

    Examples
    --------
    >>> get_figure("collision-fig2a").caption[:21]
    'PRA104 Fig. 2(a): ste'
    >>> get_figure("fig2a")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autocoherence.errors.ParameterError: unknown figure 'fig2a'; available: collision-fig1c, ...
    """
    reg = registry()
    if name not in reg:
        raise ParameterError(f"unknown figure {name!r}; available: {', '.join(reg)}")
    return reg[name]
