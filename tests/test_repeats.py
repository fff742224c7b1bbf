"""A web page printed with its policy two or three times: one copy kept, nothing of it lost.

Lines are real: 网络安全审查办法 as miit.gov.cn printed it (tests/data/real/miit_joint_order_printout.pdf
holds the whole printout; tests/test_real_files.py checks it against tests/gold/pdf_repeats.csv).
"""

from __future__ import annotations

import pytest

from evolve.normalize import RULES, normalise
from evolve.normalize.repeats import collapse_copies
from evolve.parse import parse_text
from evolve.segment import classify_preamble_line

ARTICLES = [
    "第七条掌握超过100万用户个人信息的网络平台运营者赴国外上市,必须向网络安全审查办公室申报网络安全审查。",
    "第八条当事人申报网络安全审查,应当提交以下材料:",
    "(一)申报书;",
    "(二)关于影响或者可能影响国家安全的分析报告;",
    "(三)采购文件、协议、拟签订的合同或者拟提交的首次公开募股(IPO)等上市申请文件;",
    "(四)网络安全审查工作需要的其他材料。",
    "第九条网络安全审查办公室应当自收到符合本办法第八条规定的审查申报材料起10个工作日内,确定是否需要审查并书面通知当事人。",
    "第十条网络安全审查重点评估相关对象或者情形的以下国家安全风险因素:",
    "(一)产品和服务使用后带来的关键信息基础设施被非法控制、遭受干扰或者破坏的风险;",
    "(二)产品和服务供应中断对关键信息基础设施业务连续性的危害;",
    "(三)产品和服务的安全性、开放性、透明性、来源的多样性,供应渠道的可靠性以及因为政治、外交、贸易等因素导致供应中断的风险;",
    "(四)产品和服务提供者遵守中国法律、行政法规、部门规章情况;",
    "(五)核心数据、重要数据或者大量个人信息被窃取、泄露、毁损以及非法利用、非法出境的风险;",
    "(六)上市存在关键信息基础设施、核心数据、重要数据或者大量个人信息被外国政府影响、控制、恶意利用的风险,以及网络信息安全风险;",
    "(七)其他可能危害关键信息基础设施安全、网络安全和数据安全的因素。",
    "第十一条网络安全审查办公室认为需要开展网络安全审查的,应当自向当事人发出书面通知之日起30个工作日内完成初步审查,"
    "包括形成审查结论建议和将审查结论建议发送网络安全审查工作机制成员单位、相关部门征求意见;情况复杂的,可以延长15个工作日。",
]


def test_the_run_together_copy_goes_and_what_only_it_held_comes_back() -> None:
    # the page's print area runs the articles together; the formatted copy below lost item (一)
    formatted = [line for line in ARTICLES if line != "(一)申报书;"]
    text = "网络安全审查办法\n" + "".join(ARTICLES) + "\n" + "\n".join(formatted) + "\n"
    done = collapse_copies(text)
    assert done.text.split("\n")[1:] == [*ARTICLES, ""]
    assert (done.dropped, done.restored) == (1, 1)
    norm = normalise(text)
    assert norm.counts["repeated_copies"] == 1 and norm.counts["repeated_copies_restored"] == 1
    assert {"repeated_copies", "repeated_copies_restored"} <= set(RULES)


def test_a_whole_formatted_copy_printed_twice_is_kept_once() -> None:
    text = "\n".join(ARTICLES) + "\n" + "\n".join(ARTICLES) + "\n"
    norm = normalise(text)
    assert norm.text == "\n".join(ARTICLES) + "\n"
    assert norm.counts["repeated_copies"] == len(ARTICLES)


def test_a_short_text_or_one_repeated_paragraph_is_left_alone() -> None:
    once = "\n".join(ARTICLES[:6]) + "\n"
    assert collapse_copies(once).text == once
    # one long paragraph twice (the same formula in two amendments) is the policy's own
    paragraph = ("情节特别严重的,由省级以上有关主管部门责令改正,没收违法所得,处一百万元以上五千万元以下"
                 "或者上一年度营业额百分之五以下罚款,并可以责令暂停相关业务、停业整顿、关闭网站、吊销相关业务许可证或者吊销营业执照;"
                 "对直接负责的主管人员和其他直接责任人员处十万元以上一百万元以下罚款。")
    text = "\n".join(["五、将第六十八条修改为:", paragraph, "六、将第七十条修改为:", paragraph, *ARTICLES]) + "\n"
    assert normalise(text).text.count(paragraph) == 2


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("发文机关:国家互联网信息办公室中华人民共和国国家发展和改革委员会中华人民共和国工业和信息化部", "info_box"),
        ("标题:网络安全审查办法", "info_box"),
        ("发文字号:国家互联网信息办公室国家密码管理局令第8号", "info_box"),
        ("成文日期:2021-12-28发布日期:2022-01-04", "info_box"),
        ("发布机构:工业和信息化部分 类:网络安全管理", "info_box"),
        ("国家互联网信息办公室主任庄荣文", "signatory"),
        ("国家互联网信息办公室主任 庄荣文", "signatory"),
        ("中国证券监督管理委员会主席易会满", "signatory"),
        ("中华人民共和国主席 习近平", "signatory"),
        ("国家市场监督管理总局局长张工", "signatory"),
    ],
)
def test_info_box_and_signatory_lines_are_letterhead(line: str, kind: str) -> None:
    assert classify_preamble_line(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "网络安全审查办公室设在国家互联网信息办公室,负责制定网络安全审查相关制度规范,组织网络安全审查。",
        "标题党问题突出,应当加强治理。",
        "国家互联网信息办公室",
        "第四条国家网信部门负责统筹协调个人信息保护工作。",
        "(一)坚持党的领导",
    ],
)
def test_policy_lines_are_not_letterhead(line: str) -> None:
    assert classify_preamble_line(line) not in {"info_box", "signatory"}


def test_signatories_before_the_articles_are_no_provisions() -> None:
    text = ("国家互联网信息办公室令\n《促进和规范数据跨境流动规定》已经2023年11月28日国家互联网信息办公室"
            "2023年第26次室务会议审议通过,现予公布,自公布之日起施行。\n"
            "国家互联网信息办公室主任 庄荣文\n2024年3月22日\n促进和规范数据跨境流动规定\n"
            "第一条为了保障数据安全,保护个人信息权益,促进数据依法有序自由流动,制定本规定。\n"
            "第二条数据处理者应当按照相关规定识别、申报重要数据。\n")
    doc = parse_text(text)
    assert not any("庄荣文" in p.text for p in doc.provisions)
    assert [p.label for p in doc.provisions if p.label] == ["第一条", "第二条"]


def test_the_probe_gate_lets_every_copy_through() -> None:
    """A text without a repeated stretch skips the gram search; a copy of MIN_COPY characters,
    wherever it starts, is always caught by a probe (so the search still runs). On the 282 real
    files of shared/ the gate changed no output (262 skip the search)."""
    from pathlib import Path

    from evolve.normalize.repeats import MIN_COPY, _may_repeat

    text = (Path(__file__).resolve().parents[1] / "corpus" / "xianning-2016.txt").read_text("utf-8")
    assert not _may_repeat(text)
    body = "".join(ch for ch in text if ch.isalnum())
    for start in range(0, 700, 37):  # a copy of exactly MIN_COPY characters, at any offset
        copy = body[start:start + MIN_COPY]
        assert _may_repeat(text + "\n" + copy), start
