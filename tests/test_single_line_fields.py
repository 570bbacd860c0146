"""Single-line fields refuse line breaks and other control characters, in every form."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

import jobbes.forms.auth
import jobbes.forms.employer
import jobbes.forms.moderation
import jobbes.forms.profile
import jobbes.forms.search  # noqa: F401 - imported so that every form class is known
from jobbes.forms.base import Form
from jobbes.forms.fields import is_single_line


def all_forms(cls=Form):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_forms(sub)


def single_line_fields():
    found = []
    for form_class in all_forms():
        for name, unbound in vars(form_class).items():
            field_class = getattr(unbound, "field_class", None)
            if field_class and is_single_line(field_class):
                found.append((form_class, name))
    return found


SINGLE_LINE = single_line_fields()
MESSAGE = "linjeskift"


def test_the_sweep_finds_the_single_line_fields():
    names = {(form.__name__, name) for form, name in SINGLE_LINE}
    assert ("EmployerRegistrationForm", "name") in names
    assert ("AcceptInvitationForm", "name") in names
    assert ("InviteColleagueForm", "email") in names
    assert len(SINGLE_LINE) > 15


CONTROL = ["Kari\nBcc: x@evil.example", "Ka\rri", "Kari\x00", "Ka\x1bri", "Kari\u2028Nordmann"]


def test_every_single_line_field_refuses_control_characters(app):
    accepted = []
    with app.test_request_context("/", method="POST"):
        for form_class, name in SINGLE_LINE:
            for value in CONTROL:
                form = form_class(formdata=MultiDict({name: value}), meta={"csrf": False})
                form.validate()
                if not any(MESSAGE in str(error) for error in form[name].errors):
                    accepted.append((form_class.__name__, name, value))
    assert accepted == []


def test_letters_from_any_language_and_emoji_are_fine(app):
    from jobbes.forms.auth import AcceptInvitationForm

    with app.test_request_context("/", method="POST"):
        form = AcceptInvitationForm(
            formdata=MultiDict({"name": "Åse Ngọc 👩🏽‍🍳", "password": "et-godt-passord"}),
            meta={"csrf": False},
        )
        assert form.validate(), form.errors


def test_a_text_area_still_takes_several_lines(app):
    from jobbes.forms.employer import PipelineStepForm

    with app.test_request_context("/", method="POST"):
        form = PipelineStepForm(
            formdata=MultiDict({"step": "invite_to_talk", "message": "Hei!\r\nKom tirsdag."}),
            meta={"csrf": False},
        )
        form.validate()
        assert not form.message.errors
