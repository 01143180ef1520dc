"""Spreidingswet scenario planner: quota rules, an allocation integer program and the journeys built on it."""

__version__ = "0.1.0"
