"""Reproducible figures of both papers (one module per figure) and their registry."""

from autocoherence.figures.base import FigureSpec, save
from autocoherence.figures.registry import figure_names, get_figure, registry

__all__ = ["FigureSpec", "figure_names", "get_figure", "registry", "save"]
