"""The search read without building its form (`read_search`) agrees with the form itself: it
accepts only what SearchForm accepts as it is, and reads it to the same values."""

from urllib.parse import quote

import pytest
from flask import request

from jobbes.forms.search import SearchForm, read_search

QUERIES = [
    "",
    "q=kokk",
    "q=" + quote("<b>\"x'&amp;"),
    "q=" + quote("kjøkken 🍕"),
    "q=+",
    "q=",
    "q=" + "x" * 100,
    "q=" + "x" * 101,
    "q=" + " " * 101,
    "q=a%0Ab",
    "q=%0A",
    "q=a%C2%A0b",  # a non-breaking space
    "q=a%E2%80%8Db",  # a zero-width joiner
    "q=kokk&q=butikk",
    "type=job_trial&type=summer_job",
    "type=job_trial&type=job_trial",
    "type=",
    "type=job",
    "field=food_restaurant&area=lund&start=summer&sort=deadline",
    "field=&area=&start=&sort=",
    "field=+",
    "field=zzz",
    "area=LUND",
    "start=soon",
    "sort=relevance&sort=zzz",
    "no_experience=y&paid=n&my_age=1",
    "no_experience=&paid=false&my_age=False",
    "paid=on&paid=",
    "page=2",
    "page=02",
    "page=10000",
    "page=10001",
    "page=0",
    "page=-1",
    "page=+2",
    "page=%EF%BC%92",  # a full-width digit
    "page=",
    "page=x",
    "page=99999999999",
    "page=2&page=3",
    "unknown=1&q=lager",
]


@pytest.mark.parametrize("query", QUERIES)
def test_reading_a_search_agrees_with_the_form(app, query):
    with app.test_request_context("/listings?" + query):
        args = request.args
        read = read_search(args)
        form = SearchForm(args)
        valid = form.validate()
        if read is None:
            # Left to the form: fine whatever it says, as long as the quick reading is never
            # less strict than the form.
            return
        assert valid, form.errors
        assert read == form.values()
        assert read.link_args() == form.link_args()


def test_everything_the_long_tail_asks_is_read_without_the_form(app):
    from bench.cpu import long_tail

    for url in long_tail(50):
        with app.test_request_context(url):
            assert read_search(request.args) is not None, url
