"""Digit helpers shared by the date reader and the repairer: full-width digits and Chinese
numerals.

Chinese numerals are read from a small fixed table instead of cn2an: dates only need the
digits 〇…九 written one by one for a year and 一…三十一 for a month or day, the table rejects
anything else (cn2an's "smart" mode would happily read 二十二十 or 百), and importing cn2an
is slow.
"""

from __future__ import annotations

FULLWIDTH_DIGITS = "０１２３４５６７８９"
# Full-width digits and the separators that appear in dates and times.
TO_ASCII = str.maketrans(FULLWIDTH_DIGITS + "：－／．", "0123456789:-/.")

_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUMERAL_CHARS = "".join(_CN_DIGIT) + "十"


def to_ascii_digits(text: str) -> str:
    """``text`` with full-width digits (and full-width ``：－／．``) in ASCII."""
    return text.translate(TO_ASCII)


def has_fullwidth_digit(text: str) -> bool:
    return any(ch in FULLWIDTH_DIGITS for ch in text)


def cn_year(text: str) -> int | None:
    """A year written digit by digit: ``二〇二〇`` → 2020; None unless exactly four digits."""
    if len(text) != 4:
        return None
    value = 0
    for ch in text:
        digit = _CN_DIGIT.get(ch)
        if digit is None:
            return None
        value = value * 10 + digit
    return value


def cn_small_int(text: str) -> int | None:
    """``一``…``九十九`` in the usual spelling (十, 十二, 二十, 二十一); None for anything else."""
    if not text or len(text) > 3:
        return None
    if "十" not in text:
        if len(text) != 1:
            return None
        digit = _CN_DIGIT.get(text)
        return digit if digit else None
    tens_text, _, ones_text = text.partition("十")
    if "十" in ones_text:
        return None
    if tens_text:
        tens = _CN_DIGIT.get(tens_text) if len(tens_text) == 1 else None
        if not tens:  # 〇十 and 零十 are not numbers
            return None
    else:
        tens = 1
    if ones_text:
        ones = _CN_DIGIT.get(ones_text) if len(ones_text) == 1 else None
        if not ones:
            return None
    else:
        ones = 0
    return tens * 10 + ones
