"""The only database code: SQLAlchemy tables and the Store that reads and writes them."""
from briefings.store.database import FileState, Store
import briefings.store.subscriptions  # noqa: F401,E402 - registers the subscription tables before create_all

__all__ = ["FileState", "Store"]
