"""The core's database code: SQLAlchemy tables of the corpus and its facts, and the Store that reads and writes them."""

from briefings.store.database import FileState, Store
from briefings.store.feeds import Feed, FeedStore

__all__ = ["Feed", "FeedStore", "FileState", "Store"]
