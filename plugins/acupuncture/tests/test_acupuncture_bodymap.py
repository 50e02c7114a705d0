"""The body map places every classical point, mirrors bilateral ones, and keeps a few
landmarks in their region (a schematic, checked where a wrong place would mislead)."""

from plugins.acupuncture import bodymap, points


def test_every_classical_point_is_on_the_map_twice_unless_on_the_midline():
    placed = bodymap.positions()
    for point in points.standard().points.values():
        if point.meridian is None:
            continue
        assert len(placed[point.code]) == (1 if point.midline else 2), point.code


def test_landmarks_sit_in_their_region():
    y = {code: bodymap.positions()[code][0][2] for code in
         ("GV20", "GB21", "PC6", "LI4", "ST36", "SP6", "KI1", "BL67", "CV8")}
    assert y["GV20"] < 30 < y["GB21"] < 100          # vertex, then the shoulder
    assert 190 < y["PC6"] < y["LI4"] < 255            # forearm above the hand
    assert 330 < y["ST36"] < y["SP6"] < y["KI1"]      # below the knee, above the ankle, sole
    assert y["BL67"] > 420 and 150 < y["CV8"] < 200   # little toe; the navel


def test_the_session_points_are_marked_on_both_views():
    front, back = bodymap.views(["LI4", "BL23"], "fr_CA")
    assert {d.code for d in front.dots if d.used} == {"LI4"}
    assert {d.code for d in back.dots if d.used} == {"BL23"}
    assert next(d for d in front.dots if d.code == "LI4").label.startswith("GI4 (LI4)")


def test_the_legend_names_each_meridian_in_the_readers_language():
    french = bodymap.legend("fr_CA")
    assert len(french) == 14 and french[1][1:] == ("GI (LI)", "Gros intestin")
    assert bodymap.legend("en")[1][1:] == ("LI", "Large Intestine")
