"""The repairer (the normalize stage): changes to text that naive extraction damaged, each
one recorded as a Repair with offsets into the text as parsed.

``document`` normalizes a parsed Notice (:func:`noticecli.normalize`), ``plaintext`` repairs
plain text; ``dates`` is the damaged-date engine, built from ``date_scan`` (finding
date-like runs), ``date_rules`` (the damaged forms and what they can stand for),
``date_context`` (the words around a date) and ``date_weighing`` (readings weighed against
the document). Dates are read, and edits applied, by the neutral :mod:`noticecli.dates` and
:mod:`noticecli.edits` below this package; nothing here imports a parser.
"""
