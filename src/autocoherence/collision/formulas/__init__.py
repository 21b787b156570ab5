"""The papers' closed forms (PRA104): steady state, transient, thermodynamics."""
