"""The point data: 361 WHO codes generated from the meridian counts, and search as people type."""

import json

import pytest

from plugins.acupuncture import points

COUNTS = {"LU": 11, "LI": 20, "ST": 45, "SP": 21, "HT": 9, "SI": 19, "BL": 67, "KI": 27,
          "PC": 9, "TE": 23, "GB": 44, "LR": 14, "GV": 28, "CV": 24}


def test_the_361_standard_points_are_generated_from_the_meridian_counts():
    data = points.standard()
    assert {m.code: m.count for m in data.meridians} == COUNTS
    classical = [p for p in data.points.values() if p.meridian]
    assert len(classical) == sum(COUNTS.values()) == 361
    assert {p.code for p in classical} == {f"{m}{n}" for m, c in COUNTS.items()
                                           for n in range(1, c + 1)}
    assert all(points.CODE_RE.match(code) for code in data.points)


def test_the_data_file_is_versioned_and_names_its_sources():
    data = points.standard()
    assert data.version and any("WHO Standard Acupuncture Point Locations" in s
                                for s in data.sources)


def test_a_meridian_whose_names_do_not_match_its_count_is_refused(tmp_path):
    raw = json.loads(points.DATA.read_text(encoding="utf-8"))
    raw["meridians"][0]["names"].pop()
    broken = tmp_path / "points.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="LU: 10 names for 11 points"):
        points.load(broken)


def test_extra_points_keep_their_who_codes():
    yintang = points.get("EX-HN3")
    assert (yintang.pinyin, yintang.hanzi, yintang.region) == ("Yìntáng", "印堂", "HN")
    assert yintang.midline


def test_li4_has_its_names_in_both_languages_and_its_quebec_abbreviation():
    li4 = points.get("LI4")
    assert (li4.pinyin, li4.hanzi, li4.fr_code) == ("Hégǔ", "合谷", "GI4")
    assert li4.name("en") == "Large Intestine 4" and li4.name("fr_CA") == "Gros intestin 4"
    assert li4.shown_code("fr_CA") == "GI4 (LI4)" and li4.shown_code("en") == "LI4"


@pytest.mark.parametrize("typed", ["li4", "LI4", "LI 4", "li-4", "GI4", "gi4", "hegu", "Hégǔ",
                                   "合谷", "large intestine 4", "gros intestin 4"])
def test_typing_a_code_a_french_abbreviation_or_the_pinyin_finds_li4(typed):
    found, candidates = points.resolve(typed)
    assert found is not None and found.code == "LI4", candidates


@pytest.mark.parametrize("typed, code", [("V67", "BL67"), ("VG20", "GV20"), ("VC17", "CV17"),
                                         ("E36", "ST36"), ("RP6", "SP6"), ("F3", "LR3"),
                                         ("MC6", "PC6"), ("TR5", "TE5"), ("VB21", "GB21"),
                                         ("IG3", "SI3"), ("R1", "KI1"), ("C7", "HT7"),
                                         ("P7", "LU7"), ("zusanli", "ST36"),
                                         ("sanyinjiao", "SP6"), ("renzhong", "GV26"),
                                         ("yintang", "EX-HN3"), ("ex-hn3", "EX-HN3")])
def test_quebec_abbreviations_pinyin_and_aliases_resolve(typed, code):
    assert points.resolve(typed)[0].code == code


def test_an_ambiguous_pinyin_offers_the_candidates_and_nonsense_finds_nothing():
    found, candidates = points.resolve("zhongdu")  # LR6 Zhōngdū and GB32 Zhōngdú
    assert found is None and {"LR6", "GB32"} <= {p.code for p in candidates}
    assert points.resolve("qwerty") == (None, [])
