"""One app serves every test: what a test changes in it is put back before the next one."""

import pytest

from jobbes.db import EXTENSION_KEY
from jobbes.extensions import limiter
from jobbes.page_cache import cache_of
from tests.conftest import bound_to


def test_the_app_is_shared_and_bound_to_each_tests_own_transaction(app, shared_app, connection):
    assert app is shared_app
    assert app.extensions[EXTENSION_KEY].kw["bind"] is connection


def test_what_a_test_changes_in_the_app_is_put_back(shared_app, connection):
    factory = shared_app.extensions[EXTENSION_KEY]
    with bound_to(shared_app, connection) as app:
        app.config["JOBBES_ENV"] = "production"
        app.config["SOMETHING_NEW"] = True
        cache_of(app).get_or_render("kept", lambda: "a page of another test")
        limiter.enabled = True
    assert shared_app.config["JOBBES_ENV"] == "test"
    assert "SOMETHING_NEW" not in shared_app.config
    assert cache_of(shared_app).get_or_render("kept", lambda: "rendered afresh") == (
        "rendered afresh"
    )
    assert limiter.enabled is False
    assert shared_app.extensions[EXTENSION_KEY] is factory


@pytest.mark.parametrize("app_config", [{"BENCH_ROUTES": True}])
def test_a_test_with_its_own_settings_gets_its_own_app(app, shared_app, connection):
    assert app is not shared_app
    assert app.config["BENCH_ROUTES"]
    assert not shared_app.config["BENCH_ROUTES"]
    assert app.extensions[EXTENSION_KEY].kw["bind"] is connection
