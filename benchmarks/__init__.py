"""Benchmarks: a seeded, SYNTHETIC site-layer generator (:mod:`benchmarks.generate`) and a timing harness with one
driver per phase (:mod:`benchmarks.run`). Nothing here is used by the planner itself."""
