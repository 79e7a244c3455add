"""Segments, segmentation, scoring and diffs: pure Python, no Qt."""
