"""Planning data: what the rules decide before optimisation, computed once (see :mod:`planner.planning.data`)."""

from planner.planning.data import PARTS, TASKS, Key, LostSite, Municipality, Notice, PlanningData, SitePeriod, WhyNot

__all__ = ["PARTS", "TASKS", "Key", "LostSite", "Municipality", "Notice", "PlanningData", "SitePeriod", "WhyNot"]
