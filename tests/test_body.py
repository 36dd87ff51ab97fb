from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from noticecli import parse_html
from noticecli.parse.body import extract_blocks
from noticecli.parse.body_container import find_container


def blocks(html: str, base_url: str | None = "http://rfb.example.gov.cn/a/b/page.html") -> list:
    tree = LexborHTMLParser(html)
    container = find_container(tree)
    assert container is not None
    return [b.to_dict() for b in extract_blocks(container, base_url)]


def test_known_container_is_preferred_over_density() -> None:
    html = (
        "<div class='nav'><p>" + "导航文字很长很长" * 20 + "</p></div>"
        "<div class='TRS_Editor'><p>人防工程检查通知正文。</p></div>"
    )
    assert blocks(html) == [{"type": "paragraph", "text": "人防工程检查通知正文。"}]


def test_empty_known_container_falls_through() -> None:
    html = (
        "<div class='TRS_Editor'><embed src='x.swf'></div>"
        "<div id='zoom'><p>二〇二四年防空警报试鸣安排如下。</p></div>"
    )
    assert blocks(html)[0]["text"] == "二〇二四年防空警报试鸣安排如下。"


def test_block_kinds() -> None:
    html = """<div id="zoom">
      <p style="text-align:center"><strong>关于开展人防宣传周活动的通知</strong></p>
      <p>　　各区人防办：</p>
      <p><strong>一、活动时间</strong></p>
      <p>　　2024年9月14日至21日。</p>
      <p>（杨开斌）</p>
      <p>（此件公开发布）</p>
      <table><tr><th>区</th><th>地点</th></tr><tr><td>东区</td><td>广场</td></tr></table>
      <p><img src="../img/a.jpg" alt="现场"></p>
      <p style="text-align: right">市人民防空办公室</p>
      <p style="text-align: right">2024年9月1日</p>
    </div>"""
    assert blocks(html) == [
        {"type": "heading", "text": "关于开展人防宣传周活动的通知"},
        {"type": "paragraph", "text": "各区人防办："},
        {"type": "heading", "text": "一、活动时间"},
        {"type": "paragraph", "text": "2024年9月14日至21日。"},
        {"type": "byline", "text": "（杨开斌）"},
        {"type": "paragraph", "text": "（此件公开发布）"},
        {
            "type": "table",
            "rows": [
                [
                    {"text": "区", "header": True, "colspan": 1, "rowspan": 1},
                    {"text": "地点", "header": True, "colspan": 1, "rowspan": 1},
                ],
                [
                    {"text": "东区", "header": False, "colspan": 1, "rowspan": 1},
                    {"text": "广场", "header": False, "colspan": 1, "rowspan": 1},
                ],
            ],
        },
        {"type": "image", "src": "http://rfb.example.gov.cn/a/img/a.jpg", "alt": "现场"},
        {"type": "signature", "text": "市人民防空办公室"},
        {"type": "date", "text": "2024年9月1日"},
    ]


def test_word_markup_scripts_and_widgets_are_not_body() -> None:
    html = """<div class="article_content"><style>@font-face{font-family:"宋体";}</style>
      <p class=MsoNormal><span style='font-family:仿宋'>各乡镇人民政府<span lang=EN-US>
      <o:p></o:p></span></span>：</p>
      <script>var x = "打印";</script>
      <div class="share">分享到：微信 微博</div>
      <p>【打印本页】</p><p>【关闭窗口】</p><p>扫一扫在手机打开当前页</p>
    </div>"""
    assert blocks(html) == [{"type": "paragraph", "text": "各乡镇人民政府："}]


def test_br_split_bold_title_is_one_heading() -> None:
    html = """<div id="UCAP-CONTENT">
      <p align="center"><strong>关于人防工程<br>平战转换的通知</strong><br>
      （2024年1月5日印发）</p><p>正文第一段。</p></div>"""
    assert blocks(html)[:2] == [
        {"type": "heading", "text": "关于人防工程平战转换的通知"},
        {"type": "paragraph", "text": "（2024年1月5日印发）"},
    ]


def test_density_fallback_ignores_header_rows_and_footer() -> None:
    html = (
        "<div class='top'><p><strong>索引号</strong>：X-1</p><p><strong>名称</strong>："
        + "长" * 80
        + "</p></div>"
        "<div class='footer'><p>" + "版权所有网站标识码" * 10 + "</p></div>"
        "<div class='main'><p>"
        + "第一段正文内容。" * 5
        + "</p><p>"
        + "第二段。" * 10
        + "</p></div>"
    )
    tree = LexborHTMLParser(html)
    container = find_container(tree)
    assert container is not None
    assert container.attributes.get("class") == "main"


def test_nothing_like_a_body() -> None:
    assert find_container(LexborHTMLParser("<div><a href='/'>首页</a></div>")) is None


def test_deeply_nested_markup_is_flattened_and_parsed() -> None:
    depth = 100_000
    html = "<div id='zoom'>" + "<div>" * depth + "<p>深层正文。</p>" + "</div>" * depth + "</div>"
    notice = parse_html(html)
    assert "deep_nesting" in [warning.code for warning in notice.warnings]
    assert [block.text for block in notice.body] == ["深层正文。"]


def test_a_body_of_hundreds_of_thousands_of_blocks_is_cut_with_a_warning() -> None:
    from noticecli.parse.body import MAX_BODY_BLOCKS

    html = "<div id='zoom'>" + "<p>人防 内容 段落</p>" * (MAX_BODY_BLOCKS + 500) + "</div>"
    notice = parse_html(html)
    assert len(notice.body) == MAX_BODY_BLOCKS
    assert "body_truncated" in [warning.code for warning in notice.warnings]


def test_a_reporters_credit_with_labels_closing_the_body_is_a_byline() -> None:
    from noticecli.models import Block
    from noticecli.parse.body import trailing_credits

    closing = [
        Block(type="paragraph", text="市国动办有关负责人表示，将完善疏散预案。"),
        Block(type="paragraph", text="中青报·中青网记者 魏其濛 来源：中国青年报"),
    ]
    kept, pairs = trailing_credits(closing)
    assert [(b.type, b.text) for b in kept] == [
        ("paragraph", "市国动办有关负责人表示，将完善疏散预案。"),
        ("byline", "中青报·中青网记者 魏其濛 来源：中国青年报"),
    ]
    assert pairs == [("来源", "中国青年报")]
    # A sentence that happens to end with a label is not a credit.
    prose = [Block(type="paragraph", text="记者了解到，演练共有12所学校参加。来源：本报")]
    assert trailing_credits(prose)[0][0].type == "paragraph"


def test_photo_credits_spaced_review_credits_and_pagers_by_their_text() -> None:
    from noticecli.parse.lines import is_boilerplate, is_byline, is_credit_line

    assert is_byline("新华社发（刘满仓摄）") and is_byline("（刘满仓摄）")
    assert not is_byline("新华社发布消息（见附件）")
    assert is_credit_line("编  辑:吴   霞    一  审:田   勇")
    assert is_credit_line("二  审:陈晓岚   三  审:左禹华")
    assert is_boilerplate("1 2 3 4 下一页") and is_boilerplate("|<< 上一页 1 2 3 下一页 >>|")
    assert not is_boilerplate("下一页") and not is_boilerplate("第1页共3页")


_SENTENCES = [
    "为切实做好人防工程安全管理工作，决定开展安全隐患排查整治工作。",
    "各单位要高度重视，明确责任人，对排查发现的问题建立台账。",
    "请于五月底前将排查整治情况报送市国防动员办公室。",
]


@pytest.mark.parametrize(
    "paragraph",
    [
        "<div class='MsoNormal'><span><span>{}</span></span></div>",
        "<div><font face='仿宋'><span>{}</span></font></div>",
        "<li><span>{}</span></li>",
    ],
)
def test_a_block_whose_text_is_all_in_inline_elements_carries_it(paragraph: str) -> None:
    # Word-pasted bodies: no <p>, no text of the block's own; the container is unknown.
    body = "".join(paragraph.format(sentence) for sentence in _SENTENCES)
    html = f"<div class='nav'><a href='/'>首页</a></div><div class='x-art'>{body}</div>"
    assert [block["text"] for block in blocks(html)] == _SENTENCES


def test_inline_lines_ended_by_br_are_carried_by_their_br() -> None:
    lines = "<br>".join(f"<span>{sentence}</span>" for sentence in _SENTENCES)
    html = (
        "<div class='x-art'><div class='x-t'>关于开展排查整治工作的通知</div>"
        f"<div class='x-i'>发布时间：2024-04-08</div><div class='x-b'>{lines}</div></div>"
    )
    tree = LexborHTMLParser(html)
    container = find_container(tree)
    assert container is not None and container.attributes.get("class") == "x-b"
