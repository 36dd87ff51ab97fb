"""A site footer's contact block over its registration line, with an organiser's credit and
an Email:/中文域名: line (form C of the thirteenth evaluation), and the notice's own contact
blocks that must stay."""

from __future__ import annotations

import noticecli

_HEAD = "关于开展防空警报试鸣的通告\n发布时间:2024-09-10 来源:县人防办\n"
_TEXT = "为增强全民国防观念，县人民防空办公室定于2024年9月18日上午10时进行防空警报试鸣。\n"
_FOOTER = (
    "地址:岚溪县城人民路42号\n邮编:350100\n"
    "主办:岚溪县人民政府办公室 承办:岚溪县大数据中心\n"
    "Email:lxxzf@example.gov.cn   中文域名:岚溪县人民政府.政务\n"
)
_REGISTRATION = "网站标识码:3501230001 闽ICP备12345678号\n"


def _paragraphs(page: str) -> list[str]:
    notice = noticecli.parse_text(page)
    return [block.text or "" for block in notice.body]


def test_footer_contacts_with_email_over_the_registration_line_are_the_sites() -> None:
    texts = _paragraphs(_HEAD + _TEXT + _FOOTER + _REGISTRATION)
    assert texts[-1] == _TEXT.strip()


def test_footer_contacts_with_email_to_the_page_end_are_the_sites() -> None:
    texts = _paragraphs(_HEAD + _TEXT + "特此通告。\n" + _FOOTER)
    assert texts[-1] == "特此通告。"


def test_a_notices_contacts_with_email_and_its_signature_after_stay() -> None:
    own = "联系人:林小岚\n电话:0591-12345678\nEmail:lxrf@example.gov.cn\n"
    texts = _paragraphs(
        _HEAD + _TEXT + own + "岚溪县人民防空办公室\n2024年9月10日\n" + _REGISTRATION
    )
    assert "Email:lxrf@example.gov.cn" in texts
    assert "电话:0591-12345678" in texts


def test_a_notices_contacts_with_email_and_text_after_stay() -> None:
    own = "地址:岚溪县城人民路42号\nEmail:lxrf@example.gov.cn\n"
    texts = _paragraphs(_HEAD + _TEXT + own + "请各单位做好宣传解释工作。\n" + _REGISTRATION)
    assert texts[-3:] == [
        "地址:岚溪县城人民路42号",
        "Email:lxrf@example.gov.cn",
        "请各单位做好宣传解释工作。",
    ]


def test_an_event_notices_organisers_closing_its_text_stay() -> None:
    organisers = "主办:岚溪县人防办\n承办:岚溪县教育局\n"
    texts = _paragraphs(_HEAD + _TEXT + "欢迎广大市民踊跃参加。\n" + organisers)
    assert texts[-2:] == ["主办:岚溪县人防办", "承办:岚溪县教育局"]
