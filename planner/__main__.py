"""`python -m planner` runs the command-line interface."""

from planner.cli.entry import main

main()
