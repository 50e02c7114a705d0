"""Herb–herb interactions: in the monographs' versioned rules, with their sources, checked like
herb–drug ones (whichever herb comes second), and loud when the check cannot run."""

import copy

import pytest
from marshmallow import ValidationError

from plugins.herbalism.engine import Facts, Medication, run_check
from plugins.herbalism.monograph_schema import MonographSchema, shipped_monographs

MONOGRAPHS = shipped_monographs()
HERB_RULES = [(herb, rule["id"], other, rule["severity"])
              for herb, doc in sorted(MONOGRAPHS.items())
              for rule in doc["interactions"] for other in rule.get("herbs", [])]


def taking(herb: str, label: str = "the other herb") -> Facts:
    return Facts(medications=(Medication(label, natural_product=True, herb=herb),))


def test_some_herb_herb_rules_are_shipped():
    assert ("passiflora_incarnata", "sedative_herbs", "valeriana_officinalis", "moderate") in HERB_RULES


@pytest.mark.parametrize("herb,rule_id,other,severity", HERB_RULES,
                         ids=[f"{h}+{o}" for h, _r, o, _s in HERB_RULES])
def test_every_herb_herb_rule_fires_both_ways_with_its_sources(herb, rule_id, other, severity):
    for first, second in ((herb, other), (other, herb)):
        result = run_check(MONOGRAPHS[first], taking(second, "Valériane"), version=1)
        assert result.ran and result.not_checked == [] and result.checked == ["Valériane"]
        [alert] = [a for a in result.alerts if a["kind"] == "herb"]
        assert alert["severity"] == severity and alert["about"]["fr"] == "Valériane"
        assert alert["sources"] and all("hc-sc.gc.ca" in s["url"] for s in alert["sources"])


def test_an_herb_without_a_rule_is_checked_and_raises_nothing():
    result = run_check(MONOGRAPHS["matricaria_chamomilla"], taking("zingiber_officinale"), 1)
    assert result.ran and result.alerts == [] and result.checked == ["the other herb"]


def test_a_free_text_natural_product_stays_not_checked():
    facts = Facts(medications=(Medication("Tisane maison", natural_product=True),))
    result = run_check(MONOGRAPHS["passiflora_incarnata"], facts, 1)
    assert result.not_checked == ["Tisane maison"]


def test_a_broken_herb_rule_makes_the_check_say_it_did_not_run():
    doc = copy.deepcopy(MONOGRAPHS["passiflora_incarnata"])
    del doc["interactions"][-1]["severity"]
    result = run_check(doc, taking("valeriana_officinalis"), 1)
    assert not result.ran and result.blocked and "severity" in result.error


def test_a_rule_naming_an_unknown_herb_or_nothing_is_refused():
    doc = copy.deepcopy(MONOGRAPHS["passiflora_incarnata"])
    doc["interactions"][-1]["herbs"] = ["herba_inventa"]
    with pytest.raises(ValidationError) as refused:
        MonographSchema().load(doc)
    assert "herba_inventa" in str(refused.value.messages)
    doc["interactions"][-1]["herbs"] = []
    with pytest.raises(ValidationError):
        MonographSchema().load(doc)


def test_recommending_the_second_calming_herb_informs_and_names_the_first(db, herbalist, person):
    from plugins.herbalism.recommend import Advice, recommend

    first = recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=Advice(
        "valeriana_officinalis", "Infusion", "2 g au coucher", "2 semaines"))
    assert not first.refused and first.check.outcome == "clear"
    second = recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=Advice(
        "passiflora_incarnata", "Infusion", "2 g au coucher", "2 semaines"))
    assert not second.refused and second.check.outcome == "informed"
    [alert] = second.result.alerts
    assert alert["kind"] == "herb" and alert["about"]["fr"].startswith("Valériane")
    assert "sédatifs" in alert["advice"]["fr"]


def test_every_health_canada_source_is_an_exact_monograph_page_or_says_it_is_not():
    for code, doc in MONOGRAPHS.items():
        for source in doc["sources"].values():
            if source["kind"] == "nnhpd":
                exact = "atReq" in source["url"] or "monoReq.do?id=" in source["url"]
                assert exact or "no exact page verified" in source["title"], code


def test_the_monograph_page_names_the_other_herb_of_a_rule(client, login, herbalist):
    login(herbalist)
    page = client.get("/p/herbalism/monographs/passiflora_incarnata").get_data(as_text=True)
    assert 'href="/p/herbalism/monographs/valeriana_officinalis"' in page
    assert "Sédation additive" in page and "atid=passionflower.passiflore" in page
