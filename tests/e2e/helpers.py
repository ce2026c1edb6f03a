"""Constants and small helpers shared by the end-to-end tests."""

from __future__ import annotations

TOKEN = "123456789:AAHtestTOKENtestTOKENtestTOKENtest12"
ADMIN = 900001
USER = 900002

LATE_ARTICLE = """Minsk hosts Independence Day parade with new rocket launchers

MINSK, 3 July 2025 — Belarus held its Independence Day military parade in Minsk on 3 July 2025.
President Alexander Lukashenko attended the parade and reviewed the troops from a stand on Pobediteley Avenue.
Columns of Polonez multiple rocket launchers rolled past the stand, followed by Buk air defence systems.
Analysts at a Warsaw institute said NATO should strengthen air defences along its eastern flank.
"""


async def ask(fake, chat_id: int, text: str, **kwargs):
    """Send `text` as a user and return the bot's reply messages."""
    before = len(fake.sent_to(chat_id))
    fake.say(chat_id, text, **kwargs)
    return await fake.reply(chat_id, before)
