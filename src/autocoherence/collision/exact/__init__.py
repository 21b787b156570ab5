"""Exact repeated collisions (App. A): dense channels, total-spin sectors, collective mode."""
