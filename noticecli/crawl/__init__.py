"""Watching sites from cron: the sites file (:mod:`noticecli.crawl.sites`) says what to watch,
the state store (:mod:`noticecli.crawl.state`) remembers what was seen, so each run emits only
notices that are new or whose content changed.

Nothing here is imported by ``import noticecli``; the ``crawl`` command imports these modules
when it runs.
"""
