"""Settings come from the environment first, then `.env`; bad values get errors that say what to write."""

from __future__ import annotations

import pytest

from briefings.config import load_settings
from briefings.errors import ConfigError

TOKEN = "123456789:AAH" + "x" * 32


def test_defaults_put_the_store_under_the_data_dir():
    settings = load_settings({})
    assert settings.database_url == "sqlite:///data/briefings.sqlite3"
    assert str(settings.corpus_dir) == "examples/corpus" and settings.spacy_model is None


def test_environment_wins_over_dotenv():
    settings = load_settings({"CORPUS_DIR": "env"}, {"CORPUS_DIR": "dotenv", "DIGEST_TIME": "07:30"})
    assert str(settings.corpus_dir) == "env" and settings.digest_time == "07:30"


def test_chat_id_lists_and_flags():
    settings = load_settings({"ALLOWED_CHAT_IDS": "1, -1002", "ADMIN_CHAT_IDS": "1", "DIGEST_WHEN_EMPTY": "no"})
    assert settings.allowed_chat_ids == {1, -1002} and settings.admin_chat_ids == {1}
    assert settings.digest_when_empty is False


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DIGEST_TIME": "25:00"}, "DIGEST_TIME must be HH:MM"),
        ({"ALLOWED_CHAT_IDS": "me"}, "ALLOWED_CHAT_IDS must be a comma-separated list"),
        ({"DIGEST_GRACE_HOURS": "soon"}, "DIGEST_GRACE_HOURS must be a whole number"),
        ({"DIGEST_TIMEZONE": "Mars/Olympus"}, "DIGEST_TIMEZONE 'Mars/Olympus' is not a known time zone"),
    ],
)
def test_bad_values_say_what_to_write(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_missing_token_names_the_setting_and_botfather():
    with pytest.raises(ConfigError, match=r"TELEGRAM_BOT_TOKEN is not set.*BotFather"):
        load_settings({}).checked_token()


def test_malformed_token_error_does_not_echo_the_token():
    secret = "12345:short-secret-value"
    with pytest.raises(ConfigError) as error:
        load_settings({"TELEGRAM_BOT_TOKEN": secret}).checked_token()
    assert secret not in str(error.value) and "short-secret-value" not in str(error.value)


def test_token_is_accepted_and_hidden_from_repr():
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.checked_token() == TOKEN
    assert TOKEN not in repr(settings)


@pytest.mark.parametrize(
    "env, message",
    [
        ({"MAX_FILE_BYTES": "0"}, r"MAX_FILE_BYTES must be from 1 to"),
        ({"WEBHOOK_PORT": "99999"}, r"WEBHOOK_PORT must be from 1 to 65535, got 99999"),
        ({"DIGEST_GRACE_HOURS": "-5"}, r"DIGEST_GRACE_HOURS must be from 0 to"),
        ({"DIGEST_WHEN_EMPTY": "maybe"}, r"DIGEST_WHEN_EMPTY must be true or false"),
        ({"ALLOW_OUTSIDE_LINKS": "perhaps"}, r"ALLOW_OUTSIDE_LINKS must be true or false"),
    ],
)
def test_values_out_of_range_are_refused_with_the_allowed_range(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_links_outside_the_corpus_folder_are_refused_unless_allowed():
    assert load_settings({}).allow_outside_links is False
    assert load_settings({"ALLOW_OUTSIDE_LINKS": "yes"}).allow_outside_links is True
