"""reviewer: a workbench for post-editing and reviewing machine translation."""

__version__ = "0.1.0"
