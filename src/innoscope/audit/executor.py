"""Where the runs of an uncertainty or sensitivity analysis are evaluated: chosen once, passed down.

An :class:`Executor` evaluates a design (:func:`innoscope.audit.engine.evaluate`)
on this machine (:class:`LocalExecutor`) or in blocks of runs on a Dask
cluster (:class:`DaskExecutor`: a scheduler address, or a local cluster it
starts and stops).  Every executor gives the same numbers for the same design,
whatever the number of workers: each run's scores depend on that run only.
:func:`make_executor` turns a user's choice into one; any other engine name
is an error.  Executors are context managers: a Dask executor connects on
entry (so an unreachable scheduler is reported before any work) and closes
what it opened on exit.

>>> make_executor("local").engine.value
'local'
>>> make_executor("spark")
Traceback (most recent call last):
...
innoscope.errors.InnoscopeError: E311 --engine: unknown engine: 'spark'. Choose the engine `local` or `dask`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:
    import numpy as np

    from innoscope.audit.engine import Problem
    from innoscope.audit.space import Design

__all__ = ["DaskExecutor", "Engine", "Executor", "LocalExecutor", "as_executor", "make_executor"]

Progress = Callable[[int], None]


class Engine(StrEnum):
    """The engines that evaluate runs (``--engine NAME``)."""

    LOCAL = "local"
    DASK = "dask"


class Executor(ABC):
    """Evaluates designs; use it as a context manager so that what it opens is closed."""

    engine: ClassVar[Engine]

    @abstractmethod
    def evaluate(self, problem: Problem, design: Design, progress: Progress | None = None) -> np.ndarray:
        """Root scores (runs, units) of every run of ``design``, in design order."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:  # noqa: B027 - most executors open nothing
        """Release what the executor opened (nothing for the local one)."""


class LocalExecutor(Executor):
    """Every run in this process, as arrays."""

    engine = Engine.LOCAL

    def evaluate(self, problem: Problem, design: Design, progress: Progress | None = None) -> np.ndarray:
        from innoscope.audit.engine import evaluate

        return evaluate(problem, design, progress)


class DaskExecutor(Executor):
    """Blocks of ``chunk`` runs on a Dask cluster.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://HOST:8786``); without it a
        local cluster of ``workers`` single-threaded workers is started.
    workers : int
        Workers of the local cluster.
    chunk : int
        Runs per task.
    client : distributed.Client, optional
        An open client to use instead (it is not closed on exit).
    processes : bool
        Local cluster workers as processes (default) or threads.
    """

    engine = Engine.DASK

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 2,
        chunk: int = 2000,
        client: Any = None,
        processes: bool = True,
    ) -> None:
        if chunk < 1:
            raise InnoscopeError(E.BAD_PARAMETER, where="Dask executor: chunk", detail=f"{chunk}; give at least 1")
        self.scheduler, self.workers, self.chunk, self.processes = scheduler, workers, chunk, processes
        self._client = client
        self._owned: list[Any] = []

    def __enter__(self) -> DaskExecutor:
        self.client()
        return self

    def client(self) -> Any:
        """The Dask client, connecting (or starting the local cluster) on first use."""
        if self._client is not None:
            return self._client
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout="5s")
            except (OSError, TimeoutError) as exc:
                raise InnoscopeError(
                    E.SCHEDULER_UNREACHABLE, where=f"--scheduler {self.scheduler}", detail=str(exc).splitlines()[0]
                ) from None
            self._owned = [self._client]
            return self._client
        cluster = LocalCluster(
            n_workers=self.workers, threads_per_worker=1, processes=self.processes, dashboard_address=":0"
        )
        self._client = Client(cluster)
        self._owned = [self._client, cluster]
        return self._client

    def close(self) -> None:
        for thing in self._owned:
            thing.close()
        if self._owned:
            self._client = None
        self._owned = []

    def evaluate(self, problem: Problem, design: Design, progress: Progress | None = None) -> np.ndarray:
        import numpy as np
        from distributed import as_completed

        from innoscope.audit.engine import evaluate

        client = self.client()
        shared = client.scatter(problem, broadcast=True)
        futures = {}
        for a in range(0, len(design), self.chunk):
            block = design.rows(a, min(a + self.chunk, len(design)))
            futures[client.submit(evaluate, shared, block, pure=False)] = a
        out = np.full((len(design), len(problem.panel.unit_codes)), np.nan)
        for fut in as_completed(futures):
            a = futures[fut]
            block = fut.result()
            out[a : a + len(block)] = block
            if progress is not None:
                progress(len(block))
        return out


def make_executor(engine: Engine | str = Engine.LOCAL, scheduler: str | None = None, workers: int = 2) -> Executor:
    """The executor for an engine name: ``local``, or ``dask`` (at ``scheduler``, else a local cluster)."""
    try:
        kind = Engine(engine)
    except ValueError:
        raise InnoscopeError(E.UNKNOWN_ENGINE, where="--engine", detail=repr(engine)) from None
    if kind is Engine.LOCAL:
        if scheduler:
            raise InnoscopeError(E.SCHEDULER_WITHOUT_DASK, where=f"--scheduler {scheduler}")
        return LocalExecutor()
    if workers < 1:
        raise InnoscopeError(E.BAD_PARAMETER, where="--workers", detail=f"{workers}; give at least 1")
    return DaskExecutor(scheduler=scheduler, workers=workers)


def as_executor(executor: Executor | None) -> Executor:
    """``executor``, or the local one for None; anything else is refused (use :func:`make_executor`)."""
    if executor is None:
        return LocalExecutor()
    if not isinstance(executor, Executor):
        raise InnoscopeError(
            E.UNKNOWN_ENGINE, where="executor", detail=f"{executor!r}; pass an Executor, e.g. make_executor('dask')"
        )
    return executor
