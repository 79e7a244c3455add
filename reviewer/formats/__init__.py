"""Readers and writers for the files editors receive and send."""
