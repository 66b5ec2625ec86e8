"""Personal details are taken out of comments before they are stored: one test per kind, as people write them."""

from __future__ import annotations

import pytest

from app.feedback import clean_comment, redact


@pytest.mark.parametrize("written", [
    "jo.bloggs@example.com", "Jo.Bloggs+dp@example.co.uk", "o'neil@council.gov.uk", "me@mail-server.example.org",
])
def test_email_addresses(written):
    assert redact(f"Please email me at {written} thanks") == "Please email me at [email address removed] thanks"


@pytest.mark.parametrize("written", [
    "07700 900123", "07700900123", "07700-900-123", "+44 7700 900123", "+447700900123", "+44 (0)7700 900123",
    "020 7946 0018", "(020) 7946 0018", "0113 496 0000", "01632 960 001", "0161-496-0000",
])
def test_phone_numbers(written):
    assert redact(f"Ring me on {written} after 5") == "Ring me on [phone number removed] after 5"


@pytest.mark.parametrize("written", [
    "SW1A 1AA", "sw1a1aa", "M1 1AE", "LS11 5DS", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB",
])
def test_postcodes(written):
    assert redact(f"I live at {written}, near the park") == "I live at [postcode removed], near the park"


@pytest.mark.parametrize("written", ["QQ 12 34 56 C", "QQ123456C", "qq 123456 c", "AB 12 34 56 A", "JG-10-37-50-B",
                                     "QQ123456"])
def test_national_insurance_numbers(written):
    assert redact(f"My NI number is {written}.") == "My NI number is [National Insurance number removed]."


@pytest.mark.parametrize("written", ["943 476 5919", "9434765919", "943-476-5919", "401 023 2137"])
def test_nhs_numbers(written):
    assert redact(f"NHS number {written} please") == "NHS number [NHS number removed] please"


def test_other_long_numbers_go_too():
    assert redact("Account 12345678, ref 1234 5678 9012") == "Account [number removed], ref [number removed]"


@pytest.mark.parametrize("text", [
    "The page about paying a PA said £23,250 but my council says different.",
    "I am 67 and have had a direct payment since 2019. Step 3 on 12/04/2026 was unclear.",
    "The link in section 2.1 goes nowhere, and Care Act 2014 s.31 is not explained.",
    "Pay rates: £12.60 an hour, 37.5 hours a week.",
])
def test_ordinary_comments_with_numbers_are_kept_whole(text):
    assert redact(text) == text


def test_several_details_in_one_comment():
    text = "Jo, jo@example.com, 07700 900123, SW1A 1AA, QQ 12 34 56 C, NHS 943 476 5919."
    assert redact(text) == ("Jo, [email address removed], [phone number removed], [postcode removed], "
                            "[National Insurance number removed], NHS [NHS number removed].")


def test_clean_comment_trims_drops_control_characters_and_redacts():
    cleaned = clean_comment("  \r\nHello\x00 there\r\ncall 07700 900123 \x1b ")
    assert cleaned == "Hello there\ncall [phone number removed]"
    assert clean_comment("   \n ") is None
