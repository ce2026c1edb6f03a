"""Who may use the bot (ALLOWED_CHAT_IDS) and who may run admin commands (ADMIN_CHAT_IDS)."""

from __future__ import annotations

from dataclasses import dataclass

from briefings.config import Settings


@dataclass(frozen=True)
class AccessPolicy:
    """Allowed and admin chats; an empty allow-list lets every chat in."""

    allowed: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessPolicy:
        """The policy configured in ALLOWED_CHAT_IDS and ADMIN_CHAT_IDS."""
        return cls(allowed=settings.allowed_chat_ids, admins=settings.admin_chat_ids)

    @property
    def is_open(self) -> bool:
        """True when no allow-list is configured (every chat may use the bot)."""
        return not self.allowed

    def is_allowed(self, chat_id: int) -> bool:
        """May this chat use the bot? Admin chats always may."""
        return self.is_open or chat_id in self.allowed or chat_id in self.admins

    def is_admin(self, chat_id: int, user_id: int | None = None) -> bool:
        """May this chat (or this user, in a group) run /refresh and /status?"""
        return chat_id in self.admins or (user_id is not None and user_id in self.admins)


def refusal_text(chat_id: int) -> str:
    """The short reply a chat that is not allowed gets: its id and how an admin lets it in."""
    return (
        "This chat is not allowed to use this bot.\n"
        f"Chat id: <code>{int(chat_id)}</code>\n"
        f"An admin can allow it by adding the id to ALLOWED_CHAT_IDS (e.g. ALLOWED_CHAT_IDS={int(chat_id)}) "
        "in the bot's .env and restarting the bot."
    )


def admin_only_text() -> str:
    """The reply to an admin command from a chat that is not an admin."""
    return "Only admins can do that. An admin chat id must be listed in ADMIN_CHAT_IDS."
