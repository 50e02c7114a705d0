"""The interaction check, table-driven: every shipped rule fires on a drug of each class it
names; the best-known pairs have the severity the literature gives them; pregnancy,
breastfeeding, allergy, conditions and kava block as they must; free text is "not checked"."""

import pytest

from plugins.herbalism import knowledge
from plugins.herbalism.engine import Facts, Medication, run_check
from plugins.herbalism.monograph_schema import shipped_monographs

MONOGRAPHS = shipped_monographs()


def on(atc: str, label: str | None = None) -> Facts:
    return Facts(medications=(Medication(label or atc, atc),))


def drug_of(class_id: str) -> str:
    """A shipped drug the class covers (every class the rules name must have one)."""
    prefixes = knowledge.atc_classes()[class_id]["atc"]
    return next(d["atc"] for d in knowledge.drugs() if any(d["atc"].startswith(p) for p in prefixes))


EVERY_RULE = [(herb, rule["id"], cls, rule["severity"])
              for herb, doc in sorted(MONOGRAPHS.items())
              for rule in doc["interactions"] for cls in rule["classes"]]


def test_about_25_monographs_are_shipped_with_their_sources():
    assert len(MONOGRAPHS) >= 25
    for doc in MONOGRAPHS.values():
        kinds = {s["kind"] for s in doc["sources"].values()}
        assert kinds & {"nnhpd", "who", "ema"}, doc["code"]


@pytest.mark.parametrize("herb,rule_id,class_id,severity", EVERY_RULE,
                         ids=[f"{h}.{r}.{c}" for h, r, c, _s in EVERY_RULE])
def test_every_shipped_rule_fires_on_a_drug_of_each_class_it_names(herb, rule_id, class_id, severity):
    atc = drug_of(class_id)
    result = run_check(MONOGRAPHS[herb], on(atc, "the drug"), version=1)
    assert result.ran
    fired = [a for a in result.alerts if a["rule"] == f"{herb}.{rule_id}"]
    assert fired and fired[0]["severity"] == severity and fired[0]["atc"] == atc
    assert fired[0]["sources"] and all(s["title"] and s["url"] for s in fired[0]["sources"])
    assert fired[0]["effect"]["fr"] and fired[0]["effect"]["en"]
    assert result.blocked == (severity == "contraindicated" or herb == "piper_methysticum")


PAIRS = [  # herb, drug (ATC), expected severity — disciplines.md §3.3
    ("hypericum_perforatum", "N06AB06", "contraindicated"),   # sertraline
    ("hypericum_perforatum", "N06AX16", "contraindicated"),   # venlafaxine
    ("hypericum_perforatum", "N02CC01", "contraindicated"),   # sumatriptan
    ("hypericum_perforatum", "N06AF03", "contraindicated"),   # phenelzine
    ("hypericum_perforatum", "G03AA07", "contraindicated"),   # levonorgestrel + EE
    ("hypericum_perforatum", "B01AA03", "contraindicated"),   # warfarin
    ("hypericum_perforatum", "L04AD01", "contraindicated"),   # cyclosporine
    ("hypericum_perforatum", "L04AD02", "contraindicated"),   # tacrolimus
    ("hypericum_perforatum", "J05AE02", "contraindicated"),   # indinavir
    ("hypericum_perforatum", "J05AG01", "contraindicated"),   # nevirapine
    ("hypericum_perforatum", "C01AA05", "major"),             # digoxin
    ("hypericum_perforatum", "R03DA04", "major"),             # theophylline
    ("hypericum_perforatum", "N03AF01", "major"),             # carbamazepine
    ("ginkgo_biloba", "B01AA03", "moderate"),                 # warfarin
    ("ginkgo_biloba", "B01AC04", "moderate"),                 # clopidogrel
    ("ginkgo_biloba", "M01AE01", "moderate"),                 # ibuprofen
    ("glycyrrhiza_glabra", "C03AA03", "major"),               # hydrochlorothiazide
    ("glycyrrhiza_glabra", "C03CA01", "major"),               # furosemide
    ("glycyrrhiza_glabra", "H02AB07", "major"),               # prednisone
    ("glycyrrhiza_glabra", "A06AB06", "major"),               # sennosides
    ("glycyrrhiza_glabra", "C01AA05", "major"),               # digoxin
    ("glycyrrhiza_glabra", "C09AA05", "major"),               # ramipril
    ("panax_ginseng", "B01AA03", "moderate"),                 # warfarin
    ("panax_ginseng", "C08CA01", "low"),                      # amlodipine
    ("allium_sativum", "J05AE01", "moderate"),                # saquinavir
    ("actaea_racemosa", "C10AA05", "low"),                    # atorvastatin
    ("piper_methysticum", "N05BA12", "contraindicated"),      # alprazolam
]


@pytest.mark.parametrize("herb,atc,severity", PAIRS, ids=[f"{h}+{a}" for h, a, _s in PAIRS])
def test_best_known_pairs_have_their_severity(herb, atc, severity):
    result = run_check(MONOGRAPHS[herb], on(atc))
    assert [a["severity"] for a in result.alerts if a["kind"] == "drug"][:1] == [severity]


@pytest.mark.parametrize("herb,atc", [("ginkgo_biloba", "N06AB06"), ("matricaria_chamomilla", "A10BA02"),
                                      ("mentha_piperita", "B01AA03")])
def test_a_drug_no_rule_names_is_checked_and_raises_nothing(herb, atc):
    result = run_check(MONOGRAPHS[herb], on(atc, "the drug"))
    assert result.ran and result.alerts == [] and result.checked == ["the drug"]
    assert not result.blocked and result.highest == ""


def test_kava_is_always_blocked_and_nothing_overrides_it():
    result = run_check(MONOGRAPHS["piper_methysticum"], Facts())
    assert result.blocked and result.absolute
    assert result.alerts[0]["kind"] == "always" and "2002" in result.alerts[0]["effect"]["en"]
    assert "Health Canada" in result.alerts[0]["sources"][0]["title"]


@pytest.mark.parametrize("herb,pregnancy,breastfeeding,blocked", [
    ("hypericum_perforatum", "pregnant", None, True),
    ("hypericum_perforatum", "not_pregnant", True, True),
    ("hypericum_perforatum", "not_pregnant", False, False),
    ("salvia_officinalis", "unknown", True, True),
    ("valeriana_officinalis", "pregnant", None, False),     # caution: informs
    ("mentha_piperita", "pregnant", True, False),           # compatible: nothing
])
def test_pregnancy_and_breastfeeding_with_an_herb_to_avoid_block(herb, pregnancy, breastfeeding, blocked):
    result = run_check(MONOGRAPHS[herb], Facts(pregnancy=pregnancy, breastfeeding=breastfeeding))
    assert result.blocked is blocked
    if herb == "valeriana_officinalis":
        assert [a["severity"] for a in result.alerts] == ["moderate"]
    if herb == "mentha_piperita":
        assert result.alerts == []


@pytest.mark.parametrize("allergy,blocked", [("Astéracées (herbe à poux)", True), ("Ragweed", True),
                                             ("Pénicilline", False)])
def test_an_asteraceae_allergy_blocks_chamomile(allergy, blocked):
    result = run_check(MONOGRAPHS["matricaria_chamomilla"], Facts(allergies=(allergy,)))
    assert result.blocked is blocked


def test_conditions_from_the_intake_raise_their_cautions():
    result = run_check(MONOGRAPHS["glycyrrhiza_glabra"], Facts(conditions=frozenset({"hypertension"})))
    assert result.blocked and result.alerts[0]["kind"] == "condition"
    result = run_check(MONOGRAPHS["ginkgo_biloba"], Facts(conditions=frozenset({"planned_surgery"})))
    assert result.highest == "major" and not result.blocked


def test_a_free_text_drug_is_reported_not_checked_by_name():
    facts = Facts(medications=(Medication("Pilule X du Mexique"), Medication("sertraline", "N06AB06")))
    result = run_check(MONOGRAPHS["hypericum_perforatum"], facts)
    assert result.not_checked == ["Pilule X du Mexique"] and result.checked == ["sertraline"]
    assert result.blocked


def test_the_herb_itself_in_the_summary_is_not_reported():
    facts = Facts(medications=(Medication("Millepertuis", natural_product=True, herb="hypericum_perforatum"),))
    result = run_check(MONOGRAPHS["hypericum_perforatum"], facts)
    assert result.not_checked == [] and result.alerts == []


def test_a_check_that_cannot_run_says_so_and_blocks():
    broken = dict(MONOGRAPHS["ginkgo_biloba"], interactions=[{"id": "x"}])  # no classes: KeyError
    result = run_check(broken, on("B01AA03"))
    assert not result.ran and result.blocked and "KeyError" in result.error
    assert run_check(None, Facts()).ran is False


def test_an_unknown_pregnancy_or_breastfeeding_is_named_when_the_monograph_warns_then():
    assert run_check(MONOGRAPHS["hypericum_perforatum"], Facts()).unknown == ["pregnancy",
                                                                              "lactation"]
    known = Facts(pregnancy="not_pregnant", breastfeeding=False)
    assert run_check(MONOGRAPHS["hypericum_perforatum"], known).unknown == []
    assert run_check(MONOGRAPHS["mentha_piperita"], Facts()).unknown == []  # compatible


@pytest.mark.parametrize("herb,age,named", [
    ("valeriana_officinalis", 9, "children_6_11"),   # adults only in the monograph
    ("valeriana_officinalis", 1, "children_under_2"),
    ("matricaria_chamomilla", 9, ""),                 # a dose for children 6 to 11
    ("valeriana_officinalis", 40, ""),
    ("valeriana_officinalis", None, ""),              # no birth date: nothing to say
])
def test_an_age_the_monograph_gives_no_dose_for_is_named(herb, age, named):
    assert run_check(MONOGRAPHS[herb], Facts(age=age)).no_dose_for == named


def test_a_drug_written_twice_in_the_summary_raises_one_alert():
    warfarin = Medication("warfarine", "B01AA03")
    result = run_check(MONOGRAPHS["hypericum_perforatum"], Facts(medications=(warfarin, warfarin)))
    assert len(result.alerts) == 1 and result.checked == ["warfarine"]
