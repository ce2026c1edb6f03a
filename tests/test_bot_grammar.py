"""The fixed grammars of /subscribe arguments and callback data, and the one table of button actions."""

from __future__ import annotations

from datetime import time

import pytest

from bot.grammar import ACTIONS, GO, MAX_CALLBACK_BYTES, PAGE, Callback, parse_callback, parse_subscribe_args
from briefings.errors import QueryError


def test_subscribe_arguments_in_either_order_with_defaults():
    assert parse_subscribe_args([], "08:00", "UTC") == (time(8, 0), "UTC")
    assert parse_subscribe_args(["07:45"], "08:00", "UTC") == (time(7, 45), "UTC")
    assert parse_subscribe_args(["Europe/London"], "08:00", "UTC") == (time(8, 0), "Europe/London")
    assert parse_subscribe_args(["Asia/Seoul", "6:05"], "08:00", "UTC") == (time(6, 5), "Asia/Seoul")


@pytest.mark.parametrize(
    "args",
    [
        ["24:00"],
        ["8"],
        ["Mars/Olympus"],
        ["../../etc/passwd"],
        ["08:00", "UTC", "extra"],
        ["08:00", "09:00"],
        ["<b>08:00</b>"],
        ["Europe/London;rm"],
    ],
)
def test_subscribe_rejects_anything_outside_the_grammar(args):
    with pytest.raises(QueryError, match="subscribe"):
        parse_subscribe_args(args, "08:00", "UTC")


def test_callbacks_round_trip_and_stay_within_64_bytes():
    for callback in (
        Callback("go", ("brief",)),
        Callback("sec", ("recommendations", "0123456789ab")),
        Callback("pg", ("12", "0123456789ab")),
        Callback("ls", ("3",)),
        Callback("src", ("fedcba987654",)),
    ):
        data = callback.encode()
        assert len(data.encode()) <= MAX_CALLBACK_BYTES and parse_callback(data) == callback


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "sec",
        "sec:weapons",
        "src:XYZ",
        "pg:-1:0123456789ab",
        "pg:1:0123456789ab:extra",
        "rm:rf",
        "sec:weapons'; DROP TABLE--:0123456789ab",
        "go:" + "a" * 70,
        "ev:0123456789AB",
    ],
)
def test_callback_data_outside_the_grammar_is_refused(data):
    assert parse_callback(data) is None


def test_encoding_refuses_data_the_parser_would_refuse():
    with pytest.raises(ValueError):
        Callback("sec", ("Weapons!", "0123456789ab")).encode()


def test_every_action_has_one_handler_and_its_pattern_routes_only_its_own_data():
    from bot.handlers import BUTTONS

    assert set(BUTTONS) == set(ACTIONS.values())
    samples = {"word": "weapons", "num": "3", "key": "0123456789ab"}
    for action in ACTIONS.values():
        data = action.data(*(samples[part] for part in action.parts))
        routed = [other.code for other in ACTIONS.values() if other.pattern.match(data)]
        assert routed == [action.code]
        assert parse_callback(data) == Callback(action.code, tuple(data.split(":")[1:]))


def test_a_pattern_refuses_a_trailing_newline_or_extra_field():
    assert GO.pattern.match("go:brief") and not GO.pattern.match("go:brief\n")
    assert not PAGE.pattern.match("pg:1:0123456789ab:extra")
