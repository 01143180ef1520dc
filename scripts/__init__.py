"""Developer scripts, run from the repository root: ``python -m scripts.wheel_check``, ``python scripts/….py``."""
