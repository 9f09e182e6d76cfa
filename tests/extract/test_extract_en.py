"""English wordings that change the facts: an attack's size, casualty words, advice to residents."""

from __future__ import annotations


def _figures(line):
    return sorted((i["kind"], i["weapon"], i["count"]) for i in line["incidents"])


def test_an_attack_size_with_its_interceptions_is_a_launch(extract_text):
    line = extract_text(
        "Russia attacked Ukraine overnight with 83 drones and five missiles, the Air Force said. "
        "Air defence shot down 61 drones and three missiles.",
        published="2026-05-03T08:00:00+03:00",
    )
    assert _figures(line) == [
        ("interception", "missile", 3), ("interception", "uav", 61),
        ("launch", "missile", 5), ("launch", "uav", 83),
    ]


def test_an_attack_with_nothing_intercepted_is_an_impact(extract_text):
    line = extract_text(
        "The enemy attacked the centre of Kharkiv with two guided aerial bombs on Friday. "
        "Four people were injured.",
        published="2026-05-03T18:00:00+03:00",
    )
    assert [(i["kind"], i["weapon"], i["count"]) for i in line["incidents"]] == [("impact", "glide_bomb", 2)]
    assert line["incidents"][0]["casualties"]["injured"] == 4


def test_an_article_is_not_an_attack_size(extract_text):
    line = extract_text(
        "The enemy struck the village with an FPV drone and artillery; a barn caught fire. "
        "Separately, air defence destroyed 12 drones over the region.",
        published="2026-05-03T18:00:00+03:00",
    )
    assert ("impact", "uav", 1) in _figures(line)


def test_lives_and_cuts_are_read_as_what_they_say(extract_text):
    line = extract_text(
        "Air defence shot down a drone over the Kaluga region last night. Debris hit a house: "
        "a woman who lives there received cuts from broken glass.",
        published="2026-02-09T06:55:00+03:00",
    )
    (inc,) = line["incidents"]
    assert inc["casualties"] == {"killed": None, "injured": 1}


def test_advice_to_residents_is_not_an_incident(extract_text):
    line = extract_text(
        "If you find fragments of a drone, do not touch them and call 112.",
        published="2026-02-09T06:55:00+03:00",
    )
    assert line["incidents"] == []


def test_a_list_of_weapons_keeps_its_verb_across_commas(extract_text):
    line = extract_text(
        "Air defence shot down two ballistic missiles, three cruise missiles and 20 attack drones "
        "that Russia launched overnight, the Air Force said.",
        published="2026-05-03T08:00:00+03:00",
    )
    assert _figures(line) == [
        ("interception", "missile", 2), ("interception", "missile", 3), ("interception", "uav", 20),
    ]


def test_a_post_naming_no_time_is_dated_by_its_publication_day(extract_text):
    line = extract_text("Air defence shot down three drones over the Belgorod region.",
                        published="2026-02-21T04:50:00+03:00")
    assert [i["time"] for i in line["incidents"]] == [
        {"date": "2026-02-21", "start": None, "end": None, "precision": "day"}]


def test_each_sides_total_stands_alone_and_of_the_reads_as_out_of(extract_text):
    line = extract_text(
        "Russia's defence ministry said 30 Ukrainian drones were destroyed overnight, 12 of them over the "
        "Kursk region and 18 over the Bryansk region.\n"
        "Meanwhile, the Ukrainian air force said it shot down 40 of the 55 Russian drones launched overnight.",
        published="2026-05-03T09:00:00+03:00",
    )
    by_count = {i["count"]: i for i in line["incidents"]}
    assert by_count[30]["role"] == "total" and by_count[30]["part_of"] is None  # not a part of Kyiv's 40
    assert by_count[12]["part_of"] == by_count[18]["part_of"] == by_count[30]["id"]
    assert (by_count[40]["kind"], by_count[55]["kind"]) == ("interception", "launch")


def test_a_country_or_capital_that_speaks_is_its_authorities_and_sets_the_side(extract_text):
    line = extract_text(
        "Russia's defence ministry said 14 drones were destroyed over the Kursk region overnight.\n"
        "Meanwhile, Kyiv says its forces shot down 20 of the 26 drones Russia launched. "
        "The air force said four more were lost from radar.",
        published="2026-05-03T09:00:00+03:00",
    )
    by_count = {i["count"]: i for i in line["incidents"]}
    assert by_count[14]["claimant"]["organization"] == "Russian Ministry of Defence"
    assert by_count[20]["claimant"] == {"name": None, "role": "government", "organization": "Ukrainian authorities"}
    assert by_count[20]["certainty"] == "claimed"
    assert by_count[4]["claimant"]["organization"] == "Ukrainian Air Force"  # Kyiv's side, not the text's places


def test_a_capital_speaking_in_russian_is_its_authorities(extract_text):
    line = extract_text("Москва заявила, что силы ПВО сбили 12 беспилотников над Брянской областью.",
                        published="2026-05-03T09:00:00+03:00", lang="ru")
    [incident] = line["incidents"]
    assert incident["claimant"]["organization"] == "Russian authorities" and incident["certainty"] == "claimed"


def test_one_more_is_where_the_figure_before_it_was_even_when_that_was_nowhere_named(extract_text):
    line = extract_text(
        "Two drones were shot down over the Kursk region, the governor said.\n"
        "Meanwhile, Kyiv says its forces downed 20 Russian drones overnight. "
        "Another five drones were brought down by electronic warfare.",
        published="2026-05-03T09:00:00+03:00",
    )
    by_count = {i["count"]: i for i in line["incidents"]}
    assert by_count[2]["location"]["admin1"] == "RU-KRS"
    assert by_count[5]["location"]["admin1"] is None  # not Kursk: the 20 before it named no region


def test_flights_diverted_to_a_city_by_its_full_name(extract_text):
    line = extract_text("All Moscow airports were closed overnight. Flights were rerouted to Saint Petersburg "
                        "and Kazan.", published="2026-05-03T09:00:00+03:00")
    [diversion] = [d for d in line["disruptions"] if d["kind"] == "flight_diversion"]
    assert diversion["diverted_to"] == ["LED", "KZN"]


def test_a_surname_that_also_names_a_town_stays_in_the_name(extract_text):
    line = extract_text("Voronezh Region Governor Alexander Gusev said a drone was shot down near the city.",
                        published="2026-05-03T09:00:00+03:00")
    assert line["incidents"][0]["claimant"]["name"] == "Alexander Gusev"
