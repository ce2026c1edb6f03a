"""The only database code: SQLAlchemy tables and the Store that reads and writes them."""
from briefings.store.database import FileState, Store

__all__ = ["FileState", "Store"]
