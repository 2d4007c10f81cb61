"""The reader: open-domain answer kinds, candidates with named features, the fitted model."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.core.fitted import RankedModel, TreeModel, load_model
from newsgraph.core.records import Answer
from newsgraph.core.settings import Settings
from newsgraph.ingest.extract import build_pipeline
from newsgraph.ingest.gazetteer import load_gazetteer
from newsgraph.qa.analysis import answer_type
from newsgraph.qa.asked import asks_for_many, expected_kind, wh_slot
from newsgraph.qa.evidence import Evidence
from newsgraph.qa.reader import FEATURES, MODEL_FILE, Reader, ReaderModel, TextVectors, situation
from newsgraph.search.embedder import MiniLMEmbedder


@pytest.fixture(scope="module")
def nlp() -> Language:
    settings = Settings()
    return build_pipeline(settings.spacy_model, load_gazetteer(settings.gazetteer))


def _parse(nlp: Language):  # type: ignore[no-untyped-def]
    def parse(texts: Sequence[str]) -> list[Doc]:
        return list(nlp.pipe(texts))

    return parse


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which wildly popular show was recently green lit for a new season?", "work"),
        ("What country elected its first-ever leftist leader this week?", "place"),
        ("Which major airline canceled thousands of flights?", "organization"),
        ("Who is the new prime minister of Italy?", "person"),
        ("Where did the storm make landfall?", "place"),
        ("How many people were killed in the attack?", "number"),
        ("How much did the painting sell for?", "money"),
        ("What percentage of voters backed the measure?", "percent"),
        ("When will the law take effect?", "date"),
        ("What did the court decide?", "other"),
        # The asking sentence, not a relative pronoun of the context before it.
        (
            "Police arrested 31 men of a group who planned to riot at a Pride event. Where was the event?",
            "place",
        ),
        # The whole noun phrase after "which", up to its last noun.
        ("Which US national park was impacted by severe flooding?", "place"),
        ("Which 23-time grand slam tennis champion is set to retire?", "person"),
        # "What was the X" and "how old": a measure.
        ("Afghanistan was rocked by an earthquake. What was the magnitude of the quake?", "number"),
        ("A teenager flew around the world solo. How old is he?", "number"),
    ],
)
def test_expected_kind_in_open_domain_terms(nlp: Language, question: str, kind: str) -> None:
    assert expected_kind(nlp(question)) == kind


@pytest.mark.parametrize(
    ("question", "many"),
    [
        ("Which tennis star pulled out of Wimbledon ahead of the semi-finals?", False),
        ("Which meal kit service received hundreds of reports of illness?", False),
        ("Which beloved series has been asked to be mindful of its jokes?", False),
        ("Which Applied Materials executive described demand as strong?", False),
        ("Which two countries did NATO invite to join?", True),
        ("Which cloud and internet companies did the journal list as customers?", True),
        ("Which Chinese companies buy the H20?", True),
        ("Who are the buyers of the H20?", True),
    ],
)
def test_a_plural_answer_is_read_off_the_parse(nlp: Language, question: str, many: bool) -> None:
    # Every one of these looks plural to the wording's rules ("tennis", "series",
    # "hundreds"); the parse tells which ask for one thing.
    assert answer_type(question) == "list"
    assert asks_for_many(nlp(question)) is many


def _evidence(text: str, article: str, score: float, published: str = "2022-06-20") -> Evidence:
    return Evidence(
        f"urn:{article}", article, None, published, text, 0, len(text), score, (), (), (), f"{article}#0"
    )


def test_candidates_carry_every_named_feature(nlp: Language) -> None:
    evidence = [
        _evidence("Gustavo Petro will become Colombia's first left-wing leader after winning.", "a", 3.0),
        _evidence("Markets in Bogota rose after the vote in Colombia.", "b", 1.5, "2022-05-01"),
    ]
    embedder = MiniLMEmbedder()
    stored = dict(
        zip(
            [ev.passage_id for ev in evidence], embedder.embed_many([ev.text for ev in evidence]), strict=True
        )
    )
    reader = Reader(_parse(nlp), embedder.embed_many, lambda ids: {i: stored[i] for i in ids if i in stored})
    kind, candidates = reader.read(
        "What country elected its first-ever leftist leader this week?", evidence, as_of=date(2022, 6, 24)
    )
    assert kind == "place"
    by_text = {c.text: c for c in candidates}
    colombia = by_text["Colombia"]
    assert set(colombia.features) == set(FEATURES)
    assert colombia.kind == "place" and colombia.features["kind_match"] == 1.0
    assert colombia.features["proper"] == 1.0
    chunks = reader.read(
        "What will Sprite retire?", [_evidence("Sprite will retire its green bottles.", "c", 1.0)]
    )[1]
    assert {c.text: c.features["proper"] for c in chunks}["green bottles"] == 0.0
    assert colombia.features["articles"] > by_text["Gustavo Petro"].features["articles"]
    assert colombia.features["recent"] == 1.0
    assert by_text["Gustavo Petro"].features["kind_match"] == 0.0


def test_a_name_the_gazetteer_labels_has_the_kind_of_its_class(nlp: Language) -> None:
    # The pipeline labels gazetteer names with their class ("Country"), not spaCy's GPE.
    evidence = [_evidence("Officials said Japan and the United States agreed on the deal.", "a", 2.0)]
    reader = Reader(_parse(nlp), MiniLMEmbedder().embed_many, lambda ids: {})
    _, candidates = reader.read("Which country agreed on the deal with Japan?", evidence)
    by_text = {c.text: c for c in candidates}
    assert by_text["United States"].kind == "place"
    assert by_text["United States"].features["kind_match"] == 1.0


def test_a_known_country_is_a_place_whatever_the_model_labels_it(nlp: Language) -> None:
    text = "Sri Lanka is now bankrupt, said Ranil Wickremesinghe."
    assert {e.text: e.label_ for e in nlp(text).ents}["Sri Lanka"] != "GPE"  # what the model says
    reader = Reader(_parse(nlp), MiniLMEmbedder().embed_many, lambda ids: {})
    _, candidates = reader.read("Which country is now bankrupt?", [_evidence(text, "a", 2.0)])
    by_text = {c.text: c for c in candidates}
    assert by_text["Sri Lanka"].kind == "place" and by_text["Sri Lanka"].features["kind_match"] == 1.0
    assert by_text["Ranil Wickremesinghe"].features["kind_match"] == 0.0
    # "Which country": a country fits, a city of another country does not.
    moscow = "Edward Snowden has lived in Moscow since fleeing the US, and now Russia made him a citizen."
    _, candidates = reader.read(
        "Which country granted Edward Snowden citizenship?", [_evidence(moscow, "b", 2.0)]
    )
    fit = {c.text: c.features["place_fit"] for c in candidates}
    assert fit["Russia"] == 1.0 and fit["Moscow"] == -1.0 and fit["Edward Snowden"] == 0.0


def test_a_name_said_by_its_last_words_is_the_full_name(nlp: Language) -> None:
    evidence = [
        _evidence("Sam Bankman-Fried founded FTX in 2019.", "a", 2.0),
        _evidence("Prosecutors say Bankman-Fried directed the fraud at the exchange.", "a", 3.0),
        _evidence("Caroline Ellison and Larry Ellison were not charged, Ellison said.", "b", 1.0),
    ]
    reader = Reader(_parse(nlp), MiniLMEmbedder().embed_many, lambda ids: {})
    _, candidates = reader.read("Who directed the fraud at the exchange?", evidence)
    by_text = {c.text: c for c in candidates}
    assert "Bankman-Fried" not in by_text
    assert by_text["Sam Bankman-Fried"].features["sentences"] == pytest.approx(math.log1p(2))
    assert by_text["Sam Bankman-Fried"].features["head_asked"] == 1.0  # said in the fraud sentence
    assert "Ellison" in by_text  # Caroline or Larry: not merged


def test_a_candidate_in_the_wh_phrase_slot_is_marked(nlp: Language) -> None:
    evidence = [
        _evidence(
            "The Colorado Avalanche won the Stanley Cup on Sunday, beating the Tampa Bay Lightning.", "a", 2.0
        )
    ]
    reader = Reader(_parse(nlp), MiniLMEmbedder().embed_many, lambda ids: {})
    _, candidates = reader.read("Which team won the Stanley Cup?", evidence)
    by_text = {c.text: c.features for c in candidates}
    winner = next(f for text, f in by_text.items() if "Avalanche" in text)
    loser = next(f for text, f in by_text.items() if "Lightning" in text)
    assert winner["head_asked"] == 1.0 and winner["slot"] == 1.0
    assert loser["head_asked"] == 0.0 and loser["slot"] == 0.0
    park = Reader(_parse(nlp), MiniLMEmbedder().embed_many, lambda ids: {}).read(
        "Which national park was hit by floods?",
        [_evidence("Floods hit Yellowstone National Park and the town of Gardiner, Montana.", "b", 2.0)],
    )[1]
    near = {c.text: c.features["wh_noun_near"] for c in park}
    assert near["Yellowstone National Park"] == 1.0 and near["Montana"] == 0.0
    counted = Reader(_parse(nlp), MiniLMEmbedder().embed_many, lambda ids: {}).read(
        "How many Christmas trees are in the White House?",
        [
            _evidence(
                "There are 77 Christmas trees in the White House, with over 83,615 holiday lights.", "c", 2.0
            )
        ],
    )[1]
    near = {c.text: c.features["wh_noun_near"] for c in counted}
    assert near[next(t for t in near if t.startswith("77"))] == 1.0
    assert near[next(t for t in near if t.startswith("83,615"))] == 0.0


def test_a_thing_of_the_kind_the_noun_names_fits_it(nlp: Language) -> None:
    # "Which virus": no list of kinds names polio, but its embedding is near the noun's.
    evidence = [
        _evidence("The UK Health Security Agency said polio was found in sewage samples in London.", "a", 2.0)
    ]
    reader = Reader(_parse(nlp), MiniLMEmbedder().embed_many, lambda ids: {})
    _, candidates = reader.read("Which virus was detected in London sewage samples?", evidence)
    fit = {c.text: c.features["noun_fit"] for c in candidates}
    polio = next(v for text, v in fit.items() if "polio" in text.lower())
    agency = next(v for text, v in fit.items() if "Agency" in text)
    assert polio > agency
    # No noun asked about: no fit to read.
    _, unasked = reader.read("What was detected in London sewage samples?", evidence)
    assert {c.features["noun_fit"] for c in unasked} == {0.0}


def test_a_figure_of_another_year_than_the_one_asked_does_not_fit_it(nlp: Language) -> None:
    # The sentence says no year: the article's does ("this year", written in 2025).
    evidence = [
        _evidence("Korvel plans to spend 28 trillion won on new plants this year.", "a", 2.0, "2025-03-01"),
        _evidence("Korvel said in 2026 it would spend 35 trillion won on plants.", "b", 1.0, "2026-01-20"),
    ]
    reader = Reader(_parse(nlp), MiniLMEmbedder().embed_many, lambda ids: {})
    _, candidates = reader.read("How much will Korvel spend on plants in 2026?", evidence)
    fit = {c.text: c.features["year_fit"] for c in candidates}
    assert fit[next(t for t in fit if t.startswith("28"))] == 0.0
    assert fit[next(t for t in fit if t.startswith("35"))] == 1.0
    # A question that names no year leaves it open.
    _, unasked = reader.read("How much will Korvel spend on plants?", evidence)
    assert {c.features["year_fit"] for c in unasked} == {0.5}


def test_short_texts_are_embedded_once_and_the_oldest_forgotten() -> None:
    asked: list[str] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        asked.extend(texts)
        return np.array([[float(len(t)), 1.0] for t in texts])

    texts = TextVectors(embed)
    texts.LIMIT = 2
    first = texts.vectors(["polio", "agency", "polio"])
    assert asked == ["polio", "agency"] and first[0][0] == first[2][0] == 5.0
    texts.vectors(["agency", "virus"])
    assert asked == ["polio", "agency", "virus"]
    texts.vectors(["polio"])  # forgotten: the two kept are the last used
    assert asked == ["polio", "agency", "virus", "polio"]


def test_the_noun_asked_about_ends_its_phrase(nlp: Language) -> None:
    assert wh_slot(nlp("Pelosi made a visit to which area this week, angering China?")).noun == "area"
    assert wh_slot(nlp("Which US national park was flooded?")).noun == "park"
    assert wh_slot(nlp("What was the magnitude of the quake?")).noun == "magnitude"


def test_overruling_a_decline_has_a_threshold_by_what_the_question_is_about() -> None:
    assert situation({"route_declined": 0.0, "domain": 0.5}) == "answered"
    assert situation({"route_declined": 1.0, "domain": 0.5}) == "route_declined"
    assert situation({"route_declined": 1.0, "domain": 0.0, "figure_asked": 1.0}) == "route_declined"
    assert situation({"route_declined": 1.0, "domain": 0.0}) == "route_declined_general"
    model = ReaderModel.fitted(
        ("x",), (1.0,), 0.0, 0.1, thresholds={"route_declined": 0.6, "route_declined_general": 0.3}
    )
    assert [model.threshold_for(s) for s in ("answered", "route_declined", "route_declined_general")] == [
        0.1,
        0.6,
        0.3,
    ]


def test_the_model_reloads_and_scores_the_same(tmp_path: Path) -> None:
    model = ReaderModel(FEATURES, tuple(0.1 * i for i in range(len(FEATURES))), -1.0, 0.3, "test", ("dev",))
    model.save(tmp_path / "reader.json")
    again = ReaderModel.load(tmp_path / "reader.json")
    features = {name: 0.5 for name in FEATURES}
    assert again is not None and again.probability(features) == pytest.approx(model.probability(features))
    assert again.features == FEATURES and again.threshold == 0.3


def test_boosted_trees_reload_and_score_the_same(tmp_path: Path) -> None:
    # Two trees over two named features: the log-odds are the bias plus each tree's leaf.
    first = {
        "feature": [0, -1, -1],
        "threshold": [0.5, 0.0, 0.0],
        "left": [1, 0, 0],
        "right": [2, 0, 0],
        "value": [0.0, -1.0, 2.0],
    }
    second = {
        "feature": [1, -1, -1],
        "threshold": [0.25, 0.0, 0.0],
        "left": [1, 0, 0],
        "right": [2, 0, 0],
        "value": [0.0, 0.5, -0.5],
    }
    model = TreeModel.fitted(
        ("a", "b"), [first, second], 0.1, 0.4, ("dev",), {"route_declined": 0.6}, (0.7, 0.3)
    )
    assert model.score({"a": 0.9, "b": 0.0}) == pytest.approx(0.1 + 2.0 + 0.5)
    assert model.score({"a": 0.5, "b": 1.0}) == pytest.approx(0.1 - 1.0 - 0.5)  # <= goes left
    assert model.score({}) == pytest.approx(0.1 - 1.0 + 0.5)  # a missing feature counts 0
    model.save(tmp_path / "reader.json")
    again = load_model(tmp_path / "reader.json")
    assert isinstance(again, TreeModel) and again.version == model.version
    for values in ({"a": 0.9, "b": 0.3}, {"a": 0.1, "b": 0.2}, {"b": 7.0}):
        assert again.probabilities([values]) == pytest.approx(model.probabilities([values]))
    assert again.threshold_for("route_declined") == 0.6 and again.threshold_for("other") == 0.4
    assert again.weights_table().splitlines()[0].split() == ["a", "0.700"]


def test_trees_of_different_depths_score_all_candidates_at_once() -> None:
    # A stump and a two-level tree: the stump is padded to the deeper tree's width.
    stump = {"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [0.25]}
    deep = {
        "feature": [0, 1, -1, -1, -1],
        "threshold": [0.5, 0.5, 0.0, 0.0, 0.0],
        "left": [1, 3, 0, 0, 0],
        "right": [2, 4, 0, 0, 0],
        "value": [0.0, 0.0, 3.0, 1.0, 2.0],
    }
    model = TreeModel.fitted(("a", "b"), [stump, deep], -0.5, 0.5)
    candidates = [{"a": 0.9}, {"a": 0.1, "b": 0.1}, {"a": 0.1, "b": 0.9}, {"b": float("nan")}]
    expected = [-0.5 + 0.25 + 3.0, -0.5 + 0.25 + 1.0, -0.5 + 0.25 + 2.0, -0.5 + 0.25 + 2.0]
    assert list(model.scores(candidates)) == pytest.approx(expected)
    assert [model.score(c) for c in candidates] == pytest.approx(expected)
    assert list(model.scores([])) == []


def test_a_ranked_model_orders_by_one_model_and_is_sure_by_the_other(tmp_path: Path) -> None:
    # Ranking trees prefer a high "a"; the pointwise trees are sure of a candidate with a high "b".
    rank = {
        "feature": [0, -1, -1],
        "threshold": [0.5, 0.0, 0.0],
        "left": [1, 0, 0],
        "right": [2, 0, 0],
        "value": [0.0, 0.0, 2.0],
    }
    sure = {
        "feature": [1, -1, -1],
        "threshold": [0.5, 0.0, 0.0],
        "left": [1, 0, 0],
        "right": [2, 0, 0],
        "value": [0.0, -3.0, 3.0],
    }
    order = TreeModel.fitted(("a", "b"), [rank], 0.0, 0.5, listwise=True)
    confidence = TreeModel.fitted(("a", "b"), [sure], 0.0, 0.5)
    model = RankedModel(order, confidence, 0.3, "test", ("dev",), {"route_declined": 0.6})
    first, second = model.probabilities([{"a": 1.0, "b": 0.0}, {"a": 0.0, "b": 1.0}])
    assert first == pytest.approx(1 / (1 + math.exp(3)))  # ranked first, and not sure at all
    assert second == pytest.approx(first * math.exp(-2.0))  # in proportion to its ranking share
    model.save(tmp_path / "reader.json")
    again = load_model(tmp_path / "reader.json")
    assert isinstance(again, RankedModel) and again.threshold_for("route_declined") == 0.6
    assert again.probabilities([{"a": 1.0, "b": 1.0}, {"b": 1.0}]) == pytest.approx(
        model.probabilities([{"a": 1.0, "b": 1.0}, {"b": 1.0}])
    )


def test_the_installed_model_names_the_features_the_reader_computes() -> None:
    installed = load_model(MODEL_FILE)
    assert installed is not None, "bench/fit_reader.py writes newsgraph/qa/data/reader.json"
    assert installed.features == FEATURES
    assert installed.trained_on and "realtimeqa-2024" not in installed.trained_on
    assert 0.0 <= installed.threshold < 1.0
    assert installed.threshold <= installed.threshold_for("route_declined") < 1.0


def test_yes_no_questions_split_into_the_parts_sources_must_support() -> None:
    from newsgraph.qa.verdict import parts

    assert parts(
        "Does the TechCrunch article suggest that Google pays Apple,"
        " while The Verge reports that Apple earns billions?"
    ) == [
        "Does the TechCrunch article suggest that Google pays Apple",
        "The Verge reports that Apple earns billions",
    ]
    assert parts("Did Nvidia raise prices?") == ["Did Nvidia raise prices"]


def test_yes_no_features_are_named_and_read_the_found_passages() -> None:
    from newsgraph.qa.verdict import VERDICT_FEATURES, features

    embedder = MiniLMEmbedder()
    evidence = [
        _evidence("Google paid Apple $18 billion to stay the default search engine.", "a", 2.0),
        _evidence("Apple earned billions from the search deal, the Verge reported.", "b", 1.0),
    ]
    stored = dict(
        zip(
            [ev.passage_id for ev in evidence], embedder.embed_many([ev.text for ev in evidence]), strict=True
        )
    )
    checks = features(
        "Does the article suggest that Google pays Apple, while another reports that Apple earns billions?",
        evidence,
        ["The Verge"],
        embedder.embed_many,
        lambda ids: {i: stored[i] for i in ids if i in stored},
        "yes",
    )
    assert set(checks) == set(VERDICT_FEATURES)
    assert checks["support_min"] > 0.4 and checks["route_yes"] == 1.0 and checks["negated"] == 0.0


def test_a_choice_between_opposites_is_asked_as_its_first_option() -> None:
    from newsgraph.qa.verdict import alternatives

    asked = "Between the two reports, is the portrayal of Nvidia's lead consistent or inconsistent?"
    assert alternatives(asked) == ("consistent or inconsistent", "consistent", "inconsistent")
    assert alternatives("Did it indicate a change or consistency in yields?") == (
        "a change or consistency",
        "change",
        "consistency",
    )
    assert alternatives("Did Nvidia or AMD raise prices?") is None  # two names, not opposites


def test_the_yes_no_model_answers_a_choice_with_an_option() -> None:
    from newsgraph.qa.asking import Asker
    from newsgraph.qa.reader import ReaderModel

    route = Answer("Is it consistent or inconsistent?", "yes", "yesno", 0.6)
    model = ReaderModel.fitted(("asks_same",), [3.0], -1.0, 0.5, ["test"])
    choice = ("consistent or inconsistent", "consistent", "inconsistent")
    assert Asker._decide(route, {"asks_same": 1.0}, model, choice).answer == "consistent"
    assert Asker._decide(route, {"asks_same": 0.0}, model, choice).answer == "inconsistent"
    assert Asker._decide(route, {"asks_same": 0.0}, model).answer == "no"


def _published(text: str, article: str, source: str, published: str) -> Evidence:
    return replace(_evidence(text, article, 1.0, published), source=source)


def test_which_report_came_first_is_read_from_publication_dates() -> None:
    from newsgraph.qa.verdict import features

    embedder = MiniLMEmbedder()
    evidence = [
        _published("Nvidia reported record data centre revenue.", "a", "TechCrunch", "2023-11-02"),
        _published("AMD unveiled its MI300 accelerator at an event.", "b", "The Verge", "2023-12-07"),
    ]
    stored = dict(
        zip(
            [ev.passage_id for ev in evidence], embedder.embed_many([ev.text for ev in evidence]), strict=True
        )
    )

    def checks(question: str) -> dict[str, float]:
        return features(
            question,
            evidence,
            ["TechCrunch", "The Verge"],
            embedder.embed_many,
            lambda ids: {i: stored[i] for i in ids if i in stored},
            None,
        )

    before = checks("Did TechCrunch report Nvidia's revenue before The Verge reported AMD's MI300 launch?")
    after = checks("Did TechCrunch report Nvidia's revenue after The Verge reported AMD's MI300 launch?")
    assert before["asks_order"] == after["asks_order"] == 1.0
    assert before["order_holds"] == 1.0 and after["order_holds"] == -1.0
    # An order word that sets the scene is no question of order.
    scene = checks("After TechCrunch reported Nvidia's revenue, was The Verge's report on AMD consistent?")
    assert scene["asks_order"] == 0.0 and scene["order_holds"] == 0.0
    # Words no found passage has: an invented claim is less supported than a stated one.
    invented = checks("Did TechCrunch report that Nvidia recalled defective graphics cards?")
    stated = checks("Did TechCrunch report that Nvidia had record data centre revenue?")
    assert invented["unsupported"] > stated["unsupported"]
