"""Entities of the seed report: the actors the issue names, typed; titles never split; lists itemised."""

from __future__ import annotations

import pytest

from innoscope.text.entities import ENTITY_TYPES, extract_entities


@pytest.fixture(scope="module")
def seed(shared_data):
    text = (shared_data.parent / "docs" / "shanghai-sti-2021-overview.zh.txt").read_text(encoding="utf-8")
    return text, extract_entities(text, "seed")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("国家实验室", "organization"),
        ("长三角国家技术创新中心", "organization"),
        ("上海集成电路材料研究院", "organization"),
        ("李政道研究所", "organization"),
        ("关于加快推动基础研究高质量发展若干意见", "policy"),
        ("扬帆", "programme"),
        ("启明星", "programme"),
        ("浦江", "programme"),
        ("曙光", "programme"),
        ("东方学者", "programme"),
        ("探索者计划", "programme"),
        ("超强超短激光装置", "facility"),
        ("浦江创新论坛", "event"),
        ("世界人工智能大会", "event"),
        ("G60科创走廊", "place"),
        ("上海碳中和创新联盟", "organization"),
        ("国家技术发明奖", "award"),
        ("自然", "journal"),
        ("细胞", "journal"),
        ("复旦大学", "organization"),
    ],
)
def test_actors_named_in_the_issue(seed, name, kind):
    _, ents = seed
    assert (name, kind) in {(e.name, e.type) for e in ents}


def test_zone_and_spans(seed):
    text, ents = seed
    assert any("大零号湾创新创业集聚区" in e.name and e.type == "place" for e in ents)
    for e in ents:
        assert text[e.start : e.end] == e.name
        assert e.type in ENTITY_TYPES


def test_policy_titles_are_never_split(seed):
    text, ents = seed
    title = "关于加快推动国际科技创新中心核心区建设,服务浦东新区打造社会主义现代化建设引领区的行动计划"
    inside = [e for e in ents if e.start >= text.find(title) - 1 and e.end <= text.find(title) + len(title) + 1]
    assert [(e.name, e.type) for e in inside] == [(title, "policy")]


def test_not_entities():
    assert extract_entities("以人民为中心，推动示范区建设，办好各类大会，获奖。") == []
    assert extract_entities("纪录电影《星河一叶》成功首映，核发《外国人工作许可证》。") == []


def test_precision_and_recall_on_the_annotated_seed(seed):
    from pathlib import Path

    from innoscope.text.evaluate import score_entities

    gold = Path(__file__).resolve().parents[1] / "data" / "gold" / "shanghai-sti-2021-overview.entities.yaml"
    _, ents = seed
    s = score_entities(ents, gold)
    assert s["gold"] == 85
    assert s["precision"] >= 0.9 and s["recall"] >= 0.92, (s["false"], s["missed"])
