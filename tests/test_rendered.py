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
        "索引号:115/2020-1  发文字号:巫府发〔2017〕1号",  # parse.header_tokens' form
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


# --- unseen renderings (issue 9, second development set) ---------------------------------------


def test_pipe_rows_with_edge_pipes_colon_labels_and_shifted_empty_cells() -> None:
    lines = [
        "索引号: | 1153/2024-00017 | 发布机构: | 岚溪市国防动员办公室 |",
        "发文字号: | 成文时间: | 2024-05-06 | |",
        "公文时效: |",
        "| 发文字号 | 制发机构 | ||",
        "| 标 题 | 关于防空警报试鸣的公告 | ||",
    ]
    assert normalize_rendered(lines) == [
        "索引号：1153/2024-00017 发布机构：岚溪市国防动员办公室",
        "发文字号： 成文时间：2024-05-06",
        "公文时效：",
        "发文字号： 制发机构：",
        "标 题：关于防空警报试鸣的公告",
    ]


def test_a_table_rows_empty_cell_and_an_open_paragraph_are_no_values() -> None:
    lines = [
        "公文时效: |",
        "岚溪市国防动员办公室关于防空警报试鸣的通告",
        "浏览次数:",
        "现将有关事项通告如下:",
    ]
    assert normalize_rendered(lines)[:2] == [
        "公文时效：",
        "岚溪市国防动员办公室关于防空警报试鸣的通告",
    ]
    assert normalize_rendered(lines)[2:] == ["浏览次数:", "现将有关事项通告如下:"]


def test_menu_lines_and_a_breadcrumb_above_a_title_wrapped_over_two_lines() -> None:
    notice = parse_text_dump(
        "省政府 市政府 市人大 市政协\n简体版 繁体版\n  • 首页\n  • 政务公开\n  • 专题专栏\n\n"
        "您现在所在的位置: 首页 > 政务公开 > 通知公告\n\n"
        "岚溪市国防动员办公室关于开展人防工程维护管理\n检查的通知\n\n"
        "来源:岚溪市国动办 发布时间:2024-03-18 09:30 阅读:128人 字体大小: 打印 保存 收藏\n\n"
        "各单位:\n\n请各单位先行自查,于3月29日前报送自查报告。\n"
    )
    assert notice.title == "岚溪市国防动员办公室关于开展人防工程维护管理检查的通知"
    assert [(f.label, f.value) for f in notice.header] == [
        ("来源", "岚溪市国动办"),
        ("发布时间", "2024-03-18 09:30"),
        ("阅读", "128人"),
    ]
    assert [b.text for b in notice.body] == [
        "各单位:",
        "请各单位先行自查,于3月29日前报送自查报告。",
    ]


def test_a_title_over_three_lines_ends_in_the_letter_spaced_kind() -> None:
    notice = parse_text_dump(
        "首页 - 通知公告\n\n岚溪市国防动员办公室\n关于开展人防工程维护管理检查的\n通 知\n"
        "各单位:\n请各单位先行自查,于3月29日前报送自查报告。\n"
    )
    assert notice.title == "岚溪市国防动员办公室关于开展人防工程维护管理检查的通 知"
    assert notice.body[0].text == "各单位:"


def test_a_short_line_under_a_menu_item_run_is_no_title_but_field_shaped_values_make_a_grid() -> (
    None
):
    notice = parse_text_dump(
        "首页\n政务公开\n专题专栏\n\n\n备注/文号:厦人防办〔2020〕20号\n公文生成日期:2020-04-28\n"
        "岚溪市人民防空办公室关于印发网站信息发布管理办法的通知\n时间:2020-04-28 17:18\n\n"
        "各处、中心:\n\n现印发你们,请认真遵照执行。\n"
    )
    assert notice.title == "岚溪市人民防空办公室关于印发网站信息发布管理办法的通知"
    assert [(f.label, f.value, f.origin) for f in notice.header][:2] == [
        ("备注/文号", "厦人防办〔2020〕20号", "header"),
        ("公文生成日期", "2020-04-28", "header"),
    ]
    assert notice.published_at == "2020-04-28 17:18"  # the meta line's 时间, as shown


def test_a_doc_no_glued_before_the_title_line_is_cut() -> None:
    notice = parse_text_dump(
        "文 号: 筑府办函〔2020〕78号 发布机构: 市政府办公厅\n\n"
        "筑府办函〔2020〕78号市人民政府办公厅关于印发气象灾害应急预案的通知\n\n"
        "发布时间: 2020-09-15 14:50   浏览次数:0次   字体:[]\n\n各区人民政府:\n\n现印发给你们。\n"
    )
    assert notice.title == "市人民政府办公厅关于印发气象灾害应急预案的通知"
    assert ("浏览次数", None) in [(f.label, f.value) for f in notice.header]


def test_a_consultation_form_keeps_its_labels_and_the_salutation_after_it_opens_the_text() -> None:
    form = parse_text_dump(
        "主题:\n\n岚溪市人防工程管理办法公开征求意见\n\n时限:\n\n截止:2024-06-30\n\n"
        "征集状态:\n\n进行中\n结果反馈日期:\n\n岚溪市人防工程管理办法公开征求意见\n\n"
        "现向社会公开征求意见。\n"
    )
    assert [(f.label, f.value) for f in form.header] == [
        ("主题", "岚溪市人防工程管理办法公开征求意见"),
        ("时限", "截止:2024-06-30"),
        ("征集状态", "进行中"),
        ("结果反馈日期", None),
    ]
    assert not any(w.code == "truncated_label" for w in form.warnings)
    letter = parse_text_dump(
        "主题:\n\n关于征求管理办法意见的函\n\n时限:\n\n截止:2024-06-30\n\n各有关单位:\n\n"
        "现征求你单位意见。\n"
    )
    assert [f.label for f in letter.header] == ["主题", "时限"]
    assert [b.text for b in letter.body] == ["各有关单位:", "现征求你单位意见。"]


def test_without_blank_lines_a_line_under_a_numbered_heading_is_its_content() -> None:
    notice = parse_text_dump(
        "岚溪市国防动员办公室关于防空警报试鸣的通告\n发布日期:2024-05-06\n"
        "现将有关事项通告如下:\n一、试鸣时间\n5月12日上午10时至10时15分\n特此通告\n"
    )
    assert [(b.type, b.text) for b in notice.body][1:3] == [
        ("heading", "一、试鸣时间"),
        ("paragraph", "5月12日上午10时至10时15分"),
    ]


def test_a_letters_page_gives_its_form_fields_title_and_texts() -> None:
    notice = parse_text_dump(
        "首页 /政民互动 /咨询投诉\n来信内容\n姓  名:\n李**\n来信时间:\n2024-03-05\n"
        "信件标题:\n小区人防工程能否作为停车场\n信件内容:\n平时能否作为停车场使用?\n回复内容\n"
        "回复时间:\n2024-03-08\n回复单位:\n岚溪市国防动员办公室\n回复内容:\n可以,请办理备案手续。\n"
        "满意度评价\n满意度:\n非常满意 满意 一般 不满意\n验证码:\n"
    )
    assert notice.title == "小区人防工程能否作为停车场"
    assert [(f.label, f.value) for f in notice.header] == [
        ("姓  名", "李**"),
        ("来信时间", "2024-03-05"),
        ("信件标题", "小区人防工程能否作为停车场"),
        ("回复时间", "2024-03-08"),
        ("回复单位", "岚溪市国防动员办公室"),
    ]
    assert [(b.type, b.text) for b in notice.body if b.type == "paragraph"] == [
        ("paragraph", "平时能否作为停车场使用?"),
        ("paragraph", "可以,请办理备案手续。"),
    ]


def test_contact_lines_written_in_the_text_stay_text() -> None:
    notice = parse_text_dump(
        "岚溪市国防动员办公室关于开展人防宣传周活动的通知\n\n发布日期:2024-09-10\n\n"
        "各单位:\n\n请于9月15日前报送活动方案。\n\n联系人:张三\n\n联系电话:0871-1234567\n"
    )
    assert [f.label for f in notice.header] == ["发布日期"]
    assert [(b.type, b.text) for b in notice.body][-2:] == [
        ("paragraph", "联系人:张三"),
        ("paragraph", "联系电话:0871-1234567"),
    ]
