"""The worker's entry point: `huey_consumer jobbes.worker.huey` (see the Procfile)."""

from __future__ import annotations

from jobbes import create_app
from jobbes.tasks import tasks_of

app = create_app()
huey = tasks_of(app).huey
