"""The effective master equation of Eq. (A5): generator, stationary states, existence."""
