"""Has every state a service can name words for the person who reads it?"""

import pytest

from jobbes import labels
from jobbes.models import ListingStatus
from jobbes.services.interests import WhyNot
from jobbes.services.listings import EmployerStatus
from jobbes.services.profiles import ProfileStatus


@pytest.mark.parametrize(
    ("states", "words"),
    [
        (EmployerStatus, labels.EMPLOYER_LISTING_STATUS),
        (ProfileStatus, labels.PROFILE_STATUS),
        (WhyNot, labels.NOT_POSSIBLE),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_every_state_has_its_words_and_no_words_lack_a_state(states, words):
    assert set(words) == set(states)


def test_every_lifecycle_state_of_a_listing_is_an_employer_status():
    assert {status.value for status in ListingStatus} <= {status.value for status in EmployerStatus}
