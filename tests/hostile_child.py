"""Run in a fresh interpreter: import each file given, report time, outcome and peak memory."""

from __future__ import annotations

import json
import resource
import sys
import time

from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document

for path in sys.argv[1:]:
    start = time.monotonic()
    try:
        document = import_document(path)
        outcome = f"imported {len(document.segments)} segments"
    except ReviewerError as error:
        outcome = f"error: {error}"
    seconds = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"path": path, "outcome": outcome, "seconds": seconds, "peak_mb": peak_mb}))
