"""The list of reproducible figures, built on request (nothing is registered at import)."""

from __future__ import annotations

import importlib

from autocoherence.errors import ParameterError
from autocoherence.figures.base import FigureSpec

__all__ = ["figure_names", "get_figure", "registry"]

# modules (inside autocoherence.figures) that define the figures: a bespoke figure's module has
# one SPEC, a table of figures of one kind has SPECS; listed in paper order: PRA104
# (collision-*) first, then the spin-network paper (spins-*), then our own figures
_MODULES: tuple[str, ...] = (
    "collision_fig1c",
    "collision_fig2a",
    "transient",
    "collision_fig4c",
    "collision_fig5a",
    "collision_fig6",
    "spin_curves",
    "beyond_me",
    "work_vs_coherence",
    "pareto",
)


def _paper_order(spec: FigureSpec) -> tuple[int, str]:
    """The papers' figures (collision-*, then spins-*) by number, then ours in module order."""
    for k, prefix in enumerate(("collision-", "spins-")):
        if spec.name.startswith(prefix):
            return k, spec.name
    return 2, ""


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
    specs.sort(key=_paper_order)  # a table module may hold figures far apart in a paper
    return {s.name: s for s in specs}


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
