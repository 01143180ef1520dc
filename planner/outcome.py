"""One vocabulary for how a run ends, from the solver to the shell: :class:`Outcome`, :func:`exit_code` and the
base class of every error a user can cause (:class:`PlannerError`).

Every command ends through :func:`exit_code`; nothing else in the planner knows the numbers. The solver's own
vocabulary (:class:`solvers.Status`, :class:`solvers.Limit`) is mapped here once (:func:`outcome_of_status`).

Exit codes (listed once, in ``planner --help`` and the README):

====  =====================================================================================================
0     done: the answer is "yes" (a plan, the duty met, the allocation fits, the scenario is valid)
1     the answer is "no" (infeasible, the duty not met, the allocation does not fit)
2     bad input or usage (a scenario with errors, an unknown option value, a missing file)
3     the solver failed or found no solution within its limits (time, gap, interrupt, numerical trouble)
70    an internal error: a bug in the planner, not in the input (please report it)
74    the user's environment: a full disk, a read-only target, a path that is in the way
130   interrupted (Ctrl-C); files written earlier are intact
====  =====================================================================================================
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from planner.scenario.problems import Msg, Problems, Value
    from solvers import Status


class Outcome(enum.StrEnum):
    """How a command ends; each outcome has exactly one exit code (:data:`EXIT_CODES`)."""

    DONE = "done"
    NO = "no"
    BAD_INPUT = "bad_input"
    SOLVER_FAILED = "solver_failed"
    BUG = "bug"
    ENVIRONMENT = "environment"
    INTERRUPTED = "interrupted"


EXIT_CODES: dict[Outcome, int] = {
    Outcome.DONE: 0,
    Outcome.NO: 1,
    Outcome.BAD_INPUT: 2,
    Outcome.SOLVER_FAILED: 3,
    Outcome.BUG: 70,
    Outcome.ENVIRONMENT: 74,
    Outcome.INTERRUPTED: 130,
}

EXIT_CODES_HELP = (
    "Exit codes: 0 done (the answer is yes); 1 the answer is no (infeasible, duty not met, allocation does not "
    "fit); 2 bad input or usage; 3 the solver failed or found no solution within its limits; 70 a bug in the "
    "planner; 74 the environment (full disk, read-only target); 130 interrupted (Ctrl-C)."
)
"""The one sentence ``planner --help`` shows (the README has the same list as a table)."""


def outcome_of_status(status: Status | str) -> Outcome:
    """The outcome of a solve: a plan (optimal, or feasible within a limit) is DONE, a proven "no plan"
    (infeasible, unbounded) is NO, and anything else (no solution within the limits, an error, no verdict) is
    SOLVER_FAILED — never NO, because nothing was proven."""
    value = str(getattr(status, "value", status))
    if value in ("optimal", "feasible"):
        return Outcome.DONE
    if value in ("infeasible", "unbounded"):
        return Outcome.NO
    return Outcome.SOLVER_FAILED


def outcome_of_answer(yes: bool) -> Outcome:
    """DONE when the question's answer is yes, NO when it is no."""
    return Outcome.DONE if yes else Outcome.NO


def exit_code(outcome: Outcome) -> int:
    """The process exit code of ``outcome``: the single mapping every command uses."""
    return EXIT_CODES[outcome]


class PlannerError(Exception):
    """An error the user can act on: a clear message and an outcome (by default bad input, exit 2). The CLI catches
    it in one place and prints the message (and, with ``--format json``, a JSON error object on stdout) — never a
    traceback. Subclasses only choose the outcome."""

    outcome: Outcome = Outcome.BAD_INPUT

    def __init__(self, message: str, outcome: Outcome | None = None, problems: Problems | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems
        """The scenario's problems (file, row, field) when the error is about them; printed as a table."""
        self.shown: str | None = None
        """The message in the output's language when it differs from ``message`` (which stays English for the JSON
        error's ``message``); the CLI prints this one."""
        self.text_of: Msg | None = None
        """The catalogue message (:mod:`planner.report.messages`) of an error made with :meth:`of`."""
        if outcome is not None:
            self.outcome = outcome

    @classmethod
    def of(cls, key: str, /, **values: Value) -> Self:
        """An error said by the message catalogue's ``key``: ``message`` in English (the JSON error's), and
        :meth:`text` in any language. A journey raises these; it knows values, never the output's language."""
        from planner.report.messages import render
        from planner.scenario.problems import Msg

        msg = Msg.of(key, **values)
        error = cls(render("en", msg))
        error.text_of = msg
        return error

    def text(self, lang: str) -> str:
        """The message as shown in ``lang``: the catalogue message in that language, else ``shown``, else
        ``message``."""
        if self.text_of is not None:
            from planner.report.messages import render

            return render(lang, self.text_of)
        return self.shown or self.message

    @property
    def exit_code(self) -> int:
        return exit_code(self.outcome)


class InputError(PlannerError):
    """Bad input or usage: the scenario, a file or an option value (exit 2)."""


class SolverFailed(PlannerError):
    """The solver failed or stopped without a solution; nothing was proven (exit 3)."""

    outcome = Outcome.SOLVER_FAILED


class AnswerIsNo(PlannerError):
    """The question has an answer and it is "no", and there is nothing more to show than the message (exit 1)."""

    outcome = Outcome.NO


class EnvironmentProblem(PlannerError):
    """The user's environment is in the way: a full disk, a read-only target, a file where a folder should be
    (exit 74). The files already there are left intact."""

    outcome = Outcome.ENVIRONMENT
