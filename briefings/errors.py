"""Expected errors, each carrying a message fit for the user (what went wrong, what to do)."""


def printable(text: str) -> str:
    """The text as is when every character prints, else with repr-style escapes (a newline shows as \\n).

    File names and reasons reach terminals and reports: a name must not forge a line or send a terminal escape."""
    return text if text.isprintable() else repr(text)[1:-1]


class BriefingError(Exception):
    """Base of every error the user can act on."""


class ConfigError(BriefingError):
    """A setting is missing or malformed."""


class ModelNotInstalled(BriefingError):
    """The configured spaCy model cannot be loaded."""


class BadInput(BriefingError):
    """One corpus file could not be read; carries the path and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{printable(path)}: {printable(reason)}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return BadInput, (self.path, self.reason)  # pickled as it was made: failures come back from worker processes


class QueryError(BriefingError):
    """A brief query could not be understood; `show_usage` asks the caller to add how a query is written."""

    def __init__(self, message: str, *, show_usage: bool = False):
        super().__init__(message)
        self.show_usage = show_usage
