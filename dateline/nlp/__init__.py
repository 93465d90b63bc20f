"""NLP stage: the spaCy pipeline (loaded once per process) and language identification."""
