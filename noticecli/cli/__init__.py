"""Command line: parses options, calls the library, renders, maps errors to exit codes.

Exit codes (the table is :data:`noticecli.cli.report.EXIT_CODES`): 0 all inputs fine; 1 some
input failed (each named on stderr) or an output cannot be written; 2 usage error; 75
another crawl holds the store; 78 a bad sites file; 130 interrupted (SIGINT); 143 terminated
(SIGTERM).
"""

from noticecli.cli.app import main

__all__ = ["main"]
