"""The health check operations can point a load balancer at."""

from tests import factories
from tests.conftest import make_test_app


def test_healthz_reports_app_and_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "app": "ok",
        "database": "ok",
        "queue": {"status": "ok", "oldest_undelivered_seconds": None},
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_answers_503_when_the_database_is_unreachable(smtp_sink):
    app = make_test_app("postgresql+psycopg://nobody@127.0.0.1:1/none", smtp_sink[1])
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_healthz_says_degraded_when_an_email_has_waited_too_long(client, db_session):
    from datetime import timedelta

    from jobbes.models import NotificationKind
    from jobbes.models.base import utcnow
    from jobbes.services import notifications

    young = factories.young_person(db_session)
    notifications.notify(
        db_session,
        young,
        NotificationKind.INTEREST_READ,
        link="/me",
        now=utcnow() - timedelta(minutes=20),
    )
    db_session.commit()  # outside the app: queued for nobody, as when the worker is down
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "degraded"
    assert response.json["queue"]["status"] == "behind"
    assert response.json["queue"]["oldest_undelivered_seconds"] >= 20 * 60
