"""The benchmark's yardstick exists only when asked for."""

import pytest

from jobbes.models.base import local_today, utcnow
from jobbes.seed import bulk


def test_the_bare_route_is_not_there_by_default(client):
    assert client.get("/bench/bare").status_code == 404


@pytest.mark.parametrize("app_config", [{"BENCH_ROUTES": True}])
def test_the_bare_route_lists_twenty_rows_when_turned_on(client, db_session):
    bulk.seed(db_session, listings=25, profiles=1, today=local_today(), now=utcnow())
    db_session.commit()
    response = client.get("/bench/bare")
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("<tr>") == 20
