"""Long requests as jobs: ``POST`` returns a job id at once, ``GET /api/v1/jobs/{id}`` tells how it went.

Jobs run on a small thread pool of the server process (runs are numpy work and
store writes, which wait on the store's lock); their states live in memory, so
a restarted server forgets finished jobs, while the runs they stored stay.

>>> jobs = Jobs(workers=1)
>>> job = jobs.submit("run", lambda: {"run_id": 7}, {"overrides": {}})
>>> jobs.wait(job.job_id, 5).status, jobs.get(job.job_id).result
('done', {'run_id': 7})
>>> jobs.close()
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from innoscope.errors import E, InnoscopeError

__all__ = ["Job", "Jobs"]

log = logging.getLogger("innoscope.api")
Status = Literal["queued", "running", "done", "failed"]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Job:
    """A job's state: what was asked, when, how it ended (``result`` or a catalogue ``error``)."""

    job_id: str
    kind: str
    status: Status
    request: dict[str, Any]
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    result: dict[str, Any] | None = None
    error: dict[str, str] | None = None


@dataclass
class Jobs:
    """The server's jobs and the pool that runs them."""

    workers: int = 2
    _jobs: dict[str, Job] = field(default_factory=dict)
    _lock: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="innoscope-job")

    def _set(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)
            self._lock.notify_all()

    def submit(self, kind: str, work: Callable[[], dict[str, Any]], request: dict[str, Any]) -> Job:
        job = Job(uuid.uuid4().hex, kind, "queued", request, _now())
        with self._lock:
            self._jobs[job.job_id] = job

        def run() -> None:
            self._set(job.job_id, status="running", started_at=_now())
            try:
                result = work()
            except InnoscopeError as exc:
                self._set(job.job_id, status="failed", finished_at=_now(), error=exc.as_dict())
            except Exception as exc:  # reported as the catalogue's internal error; the trace goes to the log
                log.exception("job %s failed", job.job_id)
                err = InnoscopeError(E.INTERNAL, where=f"job {job.job_id}", detail=type(exc).__name__)
                self._set(job.job_id, status="failed", finished_at=_now(), error=err.as_dict())
            else:
                self._set(job.job_id, status="done", finished_at=_now(), result=result)

        self._pool.submit(run)
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            if job_id not in self._jobs:
                raise InnoscopeError(E.NOT_FOUND, where=f"job {job_id}", detail="no such job on this server")
            return self._jobs[job_id]

    def all(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.created_at)

    def wait(self, job_id: str, seconds: float) -> Job:
        """The job once finished, or as it is after ``seconds``."""
        with self._lock:
            self._lock.wait_for(lambda: self._jobs[job_id].status in ("done", "failed"), timeout=max(seconds, 0))
            return self._jobs[job_id]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
