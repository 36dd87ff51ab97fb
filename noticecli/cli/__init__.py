"""Command line: parses options, calls the library, renders, maps errors to exit codes.

Exit codes: 0 all inputs fine; 1 some input failed (each named on stderr); 2 usage error;
75 another crawl holds the store; 78 a bad sites file.
"""

from noticecli.cli.app import main

__all__ = ["main"]
