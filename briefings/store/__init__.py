"""The core's database code: SQLAlchemy tables of the corpus and its facts, and the Store that reads and writes them."""

from briefings.store.database import FileState, Store

__all__ = ["FileState", "Store"]
