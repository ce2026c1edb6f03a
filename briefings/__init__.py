"""briefings: turn a folder of news articles into structured intelligence briefs."""

__version__ = "0.1.0"
