"""A staff account made on the command line is asked for a name, not greeted by its email."""

from sqlalchemy import select

from jobbes.models import User


def create(app, *args):
    result = app.test_cli_runner().invoke(
        args=["jobbes", "create-moderator", "mona.ux@varodd.no", "--password", "long-enough", *args]
    )
    assert result.exit_code == 0, result.output


def test_a_moderator_without_a_name_is_asked_for_one_and_then_continues(app, client, db_session):
    create(app)
    user = db_session.scalar(select(User).where(User.email == "mona.ux@varodd.no"))
    assert user.name == ""
    response = client.login("mona.ux@varodd.no", "long-enough")
    assert response.headers["Location"] == "/auth/name?next=/moderation"
    page = client.get("/auth/name?next=/moderation").get_data(as_text=True)
    assert "mona.ux" not in page
    refused = client.post("/auth/name", data={"name": "  ", "next": "/moderation"})
    assert refused.status_code == 422
    saved = client.post("/auth/name", data={"name": "Mona Ux", "next": "/moderation"})
    assert saved.headers["Location"] == "/moderation"
    welcome = client.get("/moderation").get_data(as_text=True)
    assert "Hei, Mona Ux." in welcome
    assert "mona.ux" not in welcome


def test_a_moderator_named_on_the_command_line_goes_straight_in(app, client):
    create(app, "--name", "Mona Ux")
    response = client.login("mona.ux@varodd.no", "long-enough")
    assert response.headers["Location"] == "/moderation"
    assert "Hei, Mona Ux." in client.get("/moderation").get_data(as_text=True)


def test_a_named_person_is_not_asked_again(app, client):
    create(app, "--name", "Mona Ux")
    client.login("mona.ux@varodd.no", "long-enough")
    assert client.get("/auth/name").headers["Location"] == "/moderation"
