"""Entity precision by type: entities are checked against annotators' names by span, not by their labels."""

from attache.evaluate.entity_types import GoldNames, TypeReport, evaluate, format_report

TEXT = ("Residents of Dunmore said the river rose overnight. Officials at the Harbour Authority warned that "
        "Maria Okafor, the harbour master, would close the docks. Okafor said the closure was temporary.")


def gold(names: list[tuple[str, str]]) -> GoldNames:
    spans = []
    for needle, kind in names:
        at = TEXT.find(needle)
        while at >= 0:
            spans.append((at, at + len(needle), kind))
            at = TEXT.find(needle, at + 1)
    return GoldNames("own/dunmore.txt", TEXT, "2024-03-02", spans)


def test_named_person_and_organisation_are_right(pipeline):
    report = evaluate([gold([("Maria Okafor", "PERSON"), ("Okafor", "PERSON"), ("Harbour Authority", "ORG")])],
                      lambda text, published: pipeline.analyze(text, published=published))
    assert report.filed["PERSON"] >= 1 and report.precision("PERSON") == 1.0
    assert report.recall("PERSON") == 1.0
    assert report.filed["AGENT"] >= 1 and report.precision("AGENT") == 1.0  # residents, officials: unnamed
    assert "PERSON" in format_report(report)


def test_a_person_the_gold_calls_an_organisation_is_wrong(pipeline):
    report = evaluate([gold([("Maria Okafor", "ORG"), ("Okafor", "ORG")])],
                      lambda text, published: pipeline.analyze(text, published=published))
    assert report.precision("PERSON") == 0.0
    assert "Maria Okafor" in report.wrong["PERSON"]


def test_an_agent_over_a_gold_name_is_wrong(pipeline):
    report = evaluate([gold([("Residents", "PERSON")])],
                      lambda text, published: pipeline.analyze(text, published=published))
    assert report.precision("AGENT") < 1.0


def test_empty_report_has_no_division_error():
    assert TypeReport().precision("ORG") == 0.0 and TypeReport().recall("PERSON") == 0.0
