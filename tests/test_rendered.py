"""Text renderings of whole pages: grids in pipes, bullets and brackets, chrome lines, a title
and a date line above the text."""

from __future__ import annotations

import noticecli
from noticecli.parse.rendered import normalize_rendered
from noticecli.parse.text import parse_text_dump


def test_pipe_rows_and_bracket_labels_become_label_lines() -> None:
    lines = [
        "索 引 号 | FZ001 | 文号 | 榕政〔2021〕2号 |",
        "内容概述 | 关于组织试鸣防空警报的通告 |",
        "[ 索引号 ] 115/2020-1 [ 发文字号 ] 巫府发〔2017〕1号",
        "【不忘初心 牢记使命】我院举办技能大赛",
        "登录 | 注册",
    ]
    assert normalize_rendered(lines) == [
        "索 引 号：FZ001 文号：榕政〔2021〕2号",
        "内容概述：关于组织试鸣防空警报的通告",
        "索引号：115/2020-1 发文字号：巫府发〔2017〕1号",
        "【不忘初心 牢记使命】我院举办技能大赛",  # no known label: a title
        "登录 | 注册",
    ]


def test_a_label_alone_takes_the_next_line_but_a_salutation_keeps_its_paragraph() -> None:
    lines = ["索引号:", "", "6107/2024-001", "主题分类:", "", "发布日期:", "2024年04月06日 16:34"]
    assert normalize_rendered(lines) == [
        "索引号:6107/2024-001",
        "",
        "",
        "主题分类:",
        "",
        "发布日期:2024年04月06日 16:34",
        "",
    ]
    salutation = ["各单位：", "为做好防汛工作现将有关事项通知如下请认真执行"]
    assert normalize_rendered(salutation) == salutation


def test_a_portal_rendering_gives_title_fields_date_and_text() -> None:
    notice = parse_text_dump(
        "无障碍阅读 退出长者模式\n\n天水市国防动员办公室通告\n\n"
        "发布日期: 2025-09-15 信息来源: 天水市国防动员办公室 浏览次数:\n\n字号:[ ]\n\n"
        "为增强广大市民的国防观念,9月18日开展防空警报试鸣。请广大市民保持正常秩序。\n\n"
        "特此通告\n\n天水市国防动员办公室\n\n2025年9月15日\n"
    )
    assert notice.title == "天水市国防动员办公室通告"
    assert [(f.label, f.value) for f in notice.header] == [
        ("发布日期", "2025-09-15"),
        ("信息来源", "天水市国防动员办公室"),
        ("浏览次数", None),
    ]
    assert [(b.type, b.text) for b in notice.body] == [
        ("paragraph", "为增强广大市民的国防观念,9月18日开展防空警报试鸣。请广大市民保持正常秩序。"),
        ("paragraph", "特此通告"),
        ("signature", "天水市国防动员办公室"),
        ("date", "2025年9月15日"),
    ]


def test_an_unlabelled_date_line_and_bare_items_under_the_title() -> None:
    notice = noticecli.parse_text(
        "您当前的位置:首页 > 通知公告\n永春县人民政府关于组织防空警报试鸣的公告\n"
        "2023-09-14 10:42 阅读人数:1\n\n  • 015158708/2024-08663\n\n"
        "今年9月18日是第26次警报试鸣日,现将有关事项公告如下:\n"
    )
    assert notice.title == "永春县人民政府关于组织防空警报试鸣的公告"
    assert notice.published_at == "2023-09-14T10:42:00+08:00"
    assert [(f.label, f.value, f.origin) for f in notice.header] == [
        ("line 3", "2023-09-14 10:42", "unlabelled"),
        ("阅读人数", "1", "meta_line"),
    ]
    assert [b.text for b in notice.body] == ["今年9月18日是第26次警报试鸣日,现将有关事项公告如下:"]


def test_site_and_column_names_above_a_form_and_numbered_headings() -> None:
    notice = parse_text_dump(
        "遂宁市水利局\n征集调查\n\n主题:\n\n关于征求防汛应急预案修改意见的函\n\n时限:\n\n截止:2019-06-18\n\n"
        "1 总则\n1.1 编制目的\n为主动预防、应对洪涝灾害,特制定本预案。\n"
    )
    assert notice.title == "关于征求防汛应急预案修改意见的函"
    assert [b.type for b in notice.body] == ["heading", "heading", "paragraph"]


def test_a_flattened_page_keeps_its_addressees_as_their_own_paragraph() -> None:
    text = (
        "索 引 号： PZ001-2023-00059 主题分类： 无 发文机关： 平潭综合实验区管委会 "
        "成文日期： 2023-06-01 发文字号： 岚综管〔2023〕9号 发布日期： 2023-06-02 有 效 性： 有效 "
        "各片区项目建设指挥部、区直各单位，各乡镇人民政府：根据有关规定，经研究，决定废止部分"
        "规范性文件，现将有关事项通知如下，请各单位认真遵照执行，做好相关衔接工作，确保平稳过渡。"
        "废止的文件自本通知印发之日起停止执行。"
    )
    notice = parse_text_dump(text)
    paragraphs = [block.text for block in notice.body if block.type == "paragraph"]
    assert paragraphs[0] == "各片区项目建设指挥部、区直各单位，各乡镇人民政府："
    assert paragraphs[1].startswith("根据有关规定")
