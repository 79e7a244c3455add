"""The quality report: its content, charts and HTML (no Qt; the PDF is drawn in reviewer/ui)."""
