"""`python -m planner` runs the command-line interface."""

from planner.cli.app import main

main()
