"""spaCy pipeline and the project's own components."""
