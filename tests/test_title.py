"""The title by agreement between the places a page names it (issue 9, item 4)."""

from __future__ import annotations

import noticecli

TITLE = "关于开展2024年度人防工程安全隐患排查整治工作的通知"
BODY = (
    "<div class='article-content'><p>各县（市、区）人防办：为做好人防工程安全管理工作，"
    "现就有关事项通知如下，请认真贯彻执行。</p></div>"
)


def _title(head: str, body: str) -> str | None:
    return noticecli.parse_html(f"<html><head>{head}</head><body>{body}{BODY}</body></html>").title


def test_a_site_name_title_loses_to_the_visible_heading() -> None:
    head = "<title>岚溪市政府采购网</title>"
    assert _title(head, f"<h2 class='tc'>{TITLE}</h2>") == TITLE


def test_site_name_metadata_and_a_logo_heading_are_never_the_title() -> None:
    head = (
        "<title>岚溪市政府采购中心</title><meta name='SiteName' content='岚溪市政府采购中心'>"
        "<meta property='og:title' content='岚溪市政府采购中心'>"
    )
    body = f"<div class='logo'><h1>岚溪市政府采购中心</h1></div><div class='article-title'>{TITLE}</div>"
    assert _title(head, body) == TITLE


def test_title_glued_to_site_and_column_names_is_cut_at_separators() -> None:
    head = (
        f"<title>{TITLE}_通知公告_岚溪市人民政府 | 岚溪市人民政府门户网站</title>"
        "<meta name='SiteName' content='岚溪市人民政府门户网站'><meta name='ColumnName' content='通知公告'>"
    )
    assert _title(head, "") == TITLE
    assert _title(f"<title>岚溪市人民政府网——{TITLE}</title>", "") == TITLE


def test_a_separator_inside_the_title_is_kept() -> None:
    title = "岚溪市2024-2025年度人防工程维护计划公示"
    assert _title(f"<title>{title}-岚溪市人民政府</title>", "") == title


def test_a_meta_tag_that_holds_a_label_is_not_the_title() -> None:
    head = f"<title>{TITLE}-岚溪市公共资源交易中心</title><meta name='ArticleTitle' content='标题'>"
    assert _title(head, f"<div class='con_title'><p class='tit'>{TITLE}</p></div>") == TITLE


def test_the_supported_candidate_beats_the_column_heading_and_a_heading_joins_its_lines() -> None:
    head = f"<title>{TITLE}-松澜市国防动员办公室</title>"
    body = "<div class='title'>通知公告</div><h1>松澜市国防动员办公室<br>" + TITLE + "</h1>"
    assert _title(head, body) == "松澜市国防动员办公室" + TITLE


def test_a_visible_heading_without_stray_spaces_beats_the_title_tag() -> None:
    head = "<title>关于批准调整2007　年末国债余额限额的决议_中国政府网</title>"
    body = "<div class='pages_content'><p><strong>关于批准调整2007年末国债余额限额的决议</strong></p><p>正文。第一段，内容较长的句子在这里。</p></div>"
    notice = noticecli.parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert notice.title == "关于批准调整2007年末国债余额限额的决议"


# --- unseen news templates (issue 9, second development set) -----------------------------------


def test_a_title_shown_twice_is_read_at_the_copy_nearest_the_body_with_its_date_line() -> None:
    page = (
        "<html><head><title>岚溪市国动办举行防空警报试鸣演练_新闻频道_岚溪网</title></head><body>"
        "<div class='topNav'><h1 class='article_title'>岚溪市国动办举行防空警报试鸣演练</h1>"
        "<div class='topShare'>分享到：</div></div>"
        "<div class='content'><h1>岚溪市国动办举行防空警报试鸣演练</h1>"
        "<div class='inform'><p>2024-09-18 11:20</p><p>来源：岚溪日报</p></div>"
        f"{BODY}</div></body></html>"
    )
    notice = noticecli.parse_html(page)
    assert notice.title == "岚溪市国动办举行防空警报试鸣演练"
    assert notice.published_at is not None
    assert notice.published_at[:16] == "2024-09-18T11:20"


def test_a_column_worded_part_of_title_tag_is_dropped() -> None:
    assert _title(f"<title>{TITLE}_新闻频道_中国青年网</title>", "") == TITLE
    assert _title(f"<title>{TITLE}--要闻频道--岚溪网</title>", "") == TITLE


def test_home_dash_column_is_a_breadcrumb_not_a_title() -> None:
    body = f"<div class='title_la'><h3>首页 - 新闻动态</h3></div><h5>{TITLE}</h5>"
    assert _title("<title>新闻动态--岚溪网</title>", body) == TITLE


def test_a_title_box_offers_its_title_and_beats_a_deck_holding_its_words() -> None:
    title = "岚溪市召开人民防空工作会议"
    page = (
        f"<html><head><title>{title}-岚溪市国防动员网</title><title>{title}</title></head><body>"
        f"<div class='detil-new-title'><div>{title}</div><ul><li>来源：岚溪市国动办</li>"
        "<li>作者：</li><li>2024-03-05 16:40</li></ul></div>"
        f"<div class='detil-new-cont' id='content'><p style='text-align:center'><strong>{title}强调"
        "</strong></p><p>3月5日，岚溪市召开2024年人民防空工作会议，总结去年工作，部署今年任务。</p>"
        "<p>会议要求各地各部门抓好人防工程建设和维护管理，提高群众防空防灾意识。</p></div>"
        "</body></html>"
    )
    notice = noticecli.parse_html(page)
    assert notice.title == title
    assert notice.published_at is not None
    assert notice.published_at[:16] == "2024-03-05T16:40"
