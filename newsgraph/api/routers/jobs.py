"""The ingest queue's jobs: listed, read, cancelled."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from newsgraph.api import models, render
from newsgraph.api.common import (
    ERRORS,
    WRITE,
    JobId,
    server_state,
)
from newsgraph.service.inbox import JobState

router = APIRouter(tags=["articles"])


@router.get("/jobs", response_model=models.JobsPage)
def list_jobs(
    request: Request,
    state: Annotated[JobState | None, Query(description="only jobs in this state")] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> models.JobsPage:
    """A page of the ingest queue's jobs, newest first."""
    total, jobs = server_state(request).inbox.jobs(state, offset, limit)
    return models.JobsPage(total=total, offset=offset, limit=limit, jobs=[render.job_out(j) for j in jobs])


@router.get("/jobs/{job_id}", response_model=models.JobOut, responses={404: ERRORS[404]})
def get_job(request: Request, job_id: JobId) -> models.JobOut:
    """One job of the ingest queue: pending, running, done, failed or cancelled, with its result."""
    return render.job_out(server_state(request).inbox.get(job_id))


@router.delete(
    "/jobs/{job_id}",
    response_model=models.JobOut,
    dependencies=WRITE,
    responses={404: ERRORS[404], 409: ERRORS[409]},
)
def cancel_job(request: Request, job_id: JobId) -> models.JobOut:
    """Cancel a pending job; a running or finished one cannot be cancelled (409)."""
    return render.job_out(server_state(request).inbox.cancel(job_id))
