"""Organisation numbers: the MOD11 check with weights 3,2,7,6,5,4,3,2."""

import pytest

from jobbes import orgnr


@pytest.mark.parametrize("number", ["974760673", "923609016", "915650155", "998877660"])
def test_valid_numbers_pass(number):
    assert orgnr.is_valid(number)


@pytest.mark.parametrize(
    "number",
    [
        "974760672",  # wrong check digit
        "97476067",  # eight digits
        "9747606730",  # ten digits
        "97476067a",  # not a digit
        "\uff19\uff17\uff14\uff17\uff16\uff10\uff16\uff17\uff13",  # full-width digits
        "",
    ],
)
def test_invalid_numbers_fail(number):
    assert not orgnr.is_valid(number)


def test_a_remainder_that_gives_ten_has_no_valid_number():
    """91234567 sums to a remainder of 1, so no ninth digit can make it valid."""
    assert orgnr.check_digit("91234567") is None
    assert not any(orgnr.is_valid(f"91234567{d}") for d in range(10))


def test_remainder_zero_gives_check_digit_zero():
    assert orgnr.check_digit("99887766") == 0


def test_spaces_and_dots_are_dropped():
    assert orgnr.normalise(" 974 760.673 ") == "974760673"


def test_display_groups_in_threes():
    assert orgnr.display("974760673") == "974 760 673"
