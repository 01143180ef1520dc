"""Planning data: what the rules decide before optimisation, computed once (see :mod:`planner.planning.data`)."""

from planner.planning.data import TASKS, Key, LostSite, Municipality, PlanningData, SitePeriod, WhyNot

__all__ = ["TASKS", "Key", "LostSite", "Municipality", "PlanningData", "SitePeriod", "WhyNot"]
