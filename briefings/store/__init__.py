"""The only database code: SQLAlchemy tables and the Store that reads and writes them."""

import briefings.store.subscriptions  # noqa: F401 - registers the subscription tables before create_all
from briefings.store.database import FileState, Store

__all__ = ["FileState", "Store"]
