"""noticecli: parse and repair Chinese government information-disclosure pages.

>>> import noticecli
>>> notice = noticecli.parse_file("fixtures/pages/01_anhui-rfb_xxgk-detail_spaced-labels.html")
>>> notice.index_no
'003110598/202005-00043'
"""

from noticecli._version import __version__
from noticecli.errors import DecodeError, InputError, NoticeError, ParseError, UsageError
from noticecli.models import (
    SCHEMA_VERSION,
    Attachment,
    Block,
    HeaderField,
    ListingItem,
    Notice,
    NoticeWarning,
    Repair,
    TableCell,
)
from noticecli.normalize.document import normalize
from noticecli.pipeline import parse_bytes, parse_file, parse_html, parse_text

__all__ = [
    "SCHEMA_VERSION",
    "Attachment",
    "Block",
    "DecodeError",
    "HeaderField",
    "InputError",
    "ListingItem",
    "Notice",
    "NoticeError",
    "NoticeWarning",
    "ParseError",
    "Repair",
    "TableCell",
    "UsageError",
    "__version__",
    "normalize",
    "parse_bytes",
    "parse_file",
    "parse_html",
    "parse_text",
]
