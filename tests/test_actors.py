"""Dated actor codes from the compiled actor dictionaries, their build step, and where events happened."""

from __future__ import annotations

import importlib.util
import pathlib

import pytest

from attache.components.entities.dictionary import actor_dictionary, decode

ROOT = pathlib.Path(__file__).resolve().parents[1]


def actor_of(pipeline, text: str, name: str, published: str | None):
    record = pipeline.analyze(text, published=published)
    found = [e for e in record.entities if e.name == name]
    assert found, [e.name for e in record.entities]
    return found[0].actor, record


@pytest.mark.parametrize("published", ["1991-01-10", "2003-03-01"])
def test_a_president_has_the_role_he_held_that_day(pipeline, published):
    actor, _ = actor_of(pipeline, "Bush said Iraq must leave Kuwait. The United States would act, he said.",
                        "Bush", published)
    assert actor is not None and actor.code == "USAGOV" and actor.country == "USA"


def test_a_former_minister_has_no_dated_role(pipeline):
    actor, _ = actor_of(pipeline, "Donald Rumsfeld criticised the plan on Tuesday.", "Donald Rumsfeld", "2010-05-04")
    assert actor is None or actor.code is None
    actor, _ = actor_of(pipeline, "Donald Rumsfeld criticised the plan on Tuesday.", "Donald Rumsfeld", "2003-05-06")
    assert actor is not None and actor.code == "USAGOVMIL"


def test_a_surname_alone_needs_support_in_the_article(pipeline):
    supported, _ = actor_of(pipeline, "Museveni said the rebels in northern Uganda would be defeated.",
                            "Museveni", "2005-01-01")
    assert supported is not None and supported.code == "UGAGOV"
    unsupported, _ = actor_of(pipeline, "Museveni said the rebels would be defeated.", "Museveni", "2005-01-01")
    assert unsupported is None or unsupported.code is None


def test_international_bodies_and_armed_groups_get_codes(pipeline):
    record = pipeline.analyze("Hamas fired rockets at Israel, and the United Nations condemned the attack.",
                              published="2014-07-10")
    codes = {e.name: e.actor.code for e in record.entities if e.actor}
    assert codes["Hamas"] == "PSEREBHMS"
    assert codes["United Nations"] == "IGOUNO"
    assert codes["Israel"] == "ISR"


def test_without_a_publication_date_only_undated_roles_apply(pipeline):
    record = pipeline.analyze("Hamas fired rockets at Israel. Barack Obama urged calm.")
    codes = {e.name: (e.actor.code if e.actor else None) for e in record.entities}
    assert codes["Hamas"] == "PSEREBHMS"  # undated in the dictionary
    assert codes.get("Barack Obama") is None  # only dated roles: none applies without a date
    assert "W007" in [w.code for w in record.warnings]


def test_codes_decode_to_country_and_sector():
    assert (decode("PRKGOV").country, decode("PRKGOV").sector) == ("PRK", "GOV")
    assert (decode("IGOUNO").country, decode("IGOUNO").sector) == (None, "IGO")
    assert decode("KSVGOV").country == "XKX"
    assert actor_dictionary().code("the european union", "2010-01-01").code.startswith("IGO")


def _build_module():
    spec = importlib.util.spec_from_file_location("build_actor_lexicon", ROOT / "scripts" / "build_actor_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dictionaries(folder: pathlib.Path, countries: str) -> pathlib.Path:
    folder.mkdir()
    (folder / "Phoenix.Countries.actors.txt").write_text(countries, encoding="utf-8")
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        (folder / name).write_text("GREEN_LEAGUE_ [NGOENV]\n", encoding="utf-8")
    (folder / "Phoenix.agents.txt").write_text("!PERSON! = MAN, WOMAN\nPOLICE!PERSON! [~COP]\n", encoding="utf-8")
    return folder


def test_build_compiles_dated_roles(tmp_path):
    build = _build_module()
    folder = _dictionaries(tmp_path / "actors", "RURITANIA_ [RUR]\n+RURITANIAN_\nJAN_KOVAC_\n+KOVAC_\n"
                                                "\t[RURGOV 950101-031231]\n\t[RURELI]\n")
    out = tmp_path / "actors.tsv"
    build.build(folder, None, out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert ["jan kovac", "RURGOV", "1995-01-01", "2003-12-31", "country"] in rows
    assert ["kovac", "RURELI", "", "", "country"] in rows
    assert ["police man", "~COP", "", "", "agent"] in rows and ["police woman", "~COP", "", "", "agent"] in rows


def test_build_stops_at_a_malformed_line_with_its_number(tmp_path):
    build = _build_module()
    folder = _dictionaries(tmp_path / "actors", "RURITANIA_ [RUR]\nJAN_KOVAC_\n\t[RURGOV 95-01-01]\n")
    with pytest.raises(build.DictionaryError, match=r"Phoenix.Countries.actors.txt:3"):
        build.build(folder, None, tmp_path / "actors.tsv")


def test_the_lede_event_happened_at_the_dateline(pipeline):
    record = pipeline.analyze("KANDAHAR, Afghanistan (AP) — Insurgents attacked a police checkpoint overnight, "
                              "killing four officers.\n\nThe governor will visit the district on Friday.",
                              published="2011-06-02")
    places = {p.id: p.country for p in record.places}
    attack = next(e for e in record.events if e.type == "ASSAULT")
    assert places.get(attack.place) == "AFG"
    planned = [e for e in record.events if e.modality == "planned"]
    assert all(e.place is None for e in planned)  # not the lede, and not yet happened


def test_an_event_takes_the_place_and_day_its_clause_names(pipeline):
    record = pipeline.analyze("The envoy met the foreign minister in Pyongyang on Sunday.", published="2018-10-09")
    meeting = next(e for e in record.events if e.type == "CONSULT")
    places = {p.id: p.name for p in record.places}
    times = {t.id: t.value for t in record.times}
    assert places.get(meeting.place) == "Pyongyang" and times.get(meeting.time) == "2018-10-07"


def test_an_event_in_a_where_clause_takes_the_place_it_hangs_on(pipeline):
    record = pipeline.analyze("The dispute came to a head in Rotterdam, where police arrested dozens of "
                              "dockworkers on Monday.", published="2019-03-05")
    places = {p.id: p.name for p in record.places}
    arrest = next(e for e in record.events if e.type == "COERCE")
    assert places.get(arrest.place) == "Rotterdam"


def test_the_sentences_one_place_and_a_day_not_a_duration(pipeline):
    record = pipeline.analyze("Crowds began gathering in the capital Harare early Tuesday for a three-day "
                              "rally against the government.", published="2019-03-07")
    places = {p.id: p.name for p in record.places}
    times = {t.id: t.value for t in record.times}
    rally = next(e for e in record.events if e.type == "PROTEST")
    assert places.get(rally.place) == "Harare"
    assert times.get(rally.time) == "2019-03-05"


@pytest.mark.parametrize("text, name", [
    ("Sen. Dana Ruiz (D-Mass.) had been talking with the campaign for weeks.", "Dana Ruiz"),
    ("Rep. Paul Weber, R-Texas, praised the bill on Monday.", "Paul Weber"),
])
def test_a_us_legislators_party_and_state_tag_gives_the_country(pipeline, text, name):
    actor, _ = actor_of(pipeline, text, name, "2016-05-01")
    assert actor is not None and actor.country == "USA"


def test_a_party_tag_with_no_us_state_gives_no_country(pipeline):
    actor, _ = actor_of(pipeline, "Dana Ruiz (D-Nowhere) praised the bill on Monday.", "Dana Ruiz", "2016-05-01")
    assert actor is None or actor.country is None
