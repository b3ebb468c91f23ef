"""tenderkit: from a library of past mission references to a Word candidature file."""

__version__ = "0.1.0"
