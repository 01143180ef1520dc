"""Imported once by the worker pool's forkserver (``Pool(preload=["planner.web.preload"])``): every worker is
forked from a process that already has the planner, the solver and the map shapes loaded, so a Drenthe what-if
starts solving at once."""

from __future__ import annotations

from planner.web.work import warm_up

warm_up()
