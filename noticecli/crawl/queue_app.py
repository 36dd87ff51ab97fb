"""The work queue as procrastinate's own command line sees it, to watch and mend it::

    NOTICECLI_DB=postgresql://… procrastinate --app=noticecli.crawl.queue_app.app shell

(``list_jobs``, ``list_queues``, ``retry ID``, ``cancel ID`` …). Imported only by that
command line: noticecli itself makes its app with :func:`~noticecli.crawl.jobs.make_app`.
Without ``$NOTICECLI_DB`` the connection is libpq's default (``PGHOST``, ``PGDATABASE`` …).
"""

from __future__ import annotations

import os

from noticecli.crawl.jobs import make_app

app = make_app(os.environ.get("NOTICECLI_DB", ""))
