"""Run the command line with ``python -m reviewer``."""

from reviewer.cli import main

raise SystemExit(main())
