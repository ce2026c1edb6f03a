"""Allowed and admin chats; the refusal shows the chat id and how to allow it."""

from __future__ import annotations

from bot.access import AccessPolicy, refusal_text
from briefings.config import load_settings


def test_an_empty_allow_list_lets_every_chat_in():
    policy = AccessPolicy()
    assert policy.is_open and policy.is_allowed(123) and not policy.is_admin(123)


def test_only_listed_chats_and_admins_are_allowed():
    policy = AccessPolicy.from_settings(load_settings({"ALLOWED_CHAT_IDS": "1,-100200", "ADMIN_CHAT_IDS": "9"}))
    assert policy.is_allowed(1) and policy.is_allowed(-100200) and policy.is_allowed(9)
    assert not policy.is_allowed(2)


def test_admin_by_chat_or_by_user_in_a_group():
    policy = AccessPolicy(allowed=frozenset({-100}), admins=frozenset({9}))
    assert policy.is_admin(9)
    assert policy.is_admin(-100, user_id=9)
    assert not policy.is_admin(-100, user_id=8)


def test_refusal_shows_the_chat_id_and_the_setting_to_change():
    text = refusal_text(-100123)
    assert "<code>-100123</code>" in text and "ALLOWED_CHAT_IDS=-100123" in text
