"""Questions answered end to end on the real store, indexes and models."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.api.cli import app
from newsgraph.api.models import AnswerOut
from newsgraph.core.errors import QueryError
from newsgraph.core.records import DECLINED, Answer
from newsgraph.core.relations import load_vocabulary
from newsgraph.core.settings import Settings
from newsgraph.qa.analysis import (
    QuestionAnalysis,
    _head_words,
    _without_asked_kind,
    analyze,
    answer_type,
    asked_quarter,
    expected_class,
    key_words,
    period_years,
    question_terms,
    wh_phrase,
)
from newsgraph.qa.answer import text_answer
from newsgraph.qa.candidates import (
    Candidate,
    entity_prior,
    list_candidates,
    name_spans,
    reason_candidates,
)
from newsgraph.qa.evidence import Evidence, MentionSpan, stem
from newsgraph.qa.figure_candidates import spell_date
from newsgraph.qa.ranker import Ranker
from newsgraph.search.query import cited_publishers, unknown_publishers
from newsgraph.service.facade import Newsgraph
from tests.helpers import ANSWER_KEYS, EXPORTS, MEMORY, article

GAUDI = article(
    "gaudi",
    "Intel finds buyers for Gaudi 3",
    "Buyers of the Gaudi 3 include Tencent and Baidu, people familiar with the matter said. "
    "Intel said on Monday it expects Gaudi 3 revenue of $500 million in 2025.",
    published="2025-02-20",
)


VYRA = article(
    "vyra",
    "Lumeno prices its Vyra accelerator",
    "Lumeno, a chip designer based in Oslo, said on Tuesday that its Vyra accelerator would cost "
    "between $8,000 and $9,000. Lumeno did not say which foundry would make the Vyra. "
    "Shares of Lumeno fell 4% after the announcement, as investors had hoped for a larger order. "
    "Customers of the Vyra include Norbank, Feltmark and Ostra Cloud, the company said.",
    published="2025-05-06",
)


KESTREL = article(
    "kestrel",
    "Kestrel Systems results beat forecasts",
    "Kestrel Systems reported fourth-quarter revenue of $120 million on Tuesday and forecast "
    "first-quarter revenue of $140 million. "
    "Revenue for 2024 rose 30% to $410 million, the company said. "
    "The Danish regulator summoned Kestrel Systems executives to explain whether its Falco chips "
    "posed security risks.",
    published="2025-02-11",
)


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory, graph_store: Callable[[Path], str | None]
) -> Iterator[Newsgraph]:
    """One store of the five test articles for the module's questions, which only read it."""
    folder = tmp_path_factory.mktemp("asked")
    with Newsgraph(Settings(store=folder / "store", graph_url=graph_store(folder))) as service:
        service.ingest_articles([MEMORY, EXPORTS, GAUDI, VYRA, KESTREL])
        yield service


def test_list_answers_come_from_the_graph_with_sparql(loaded: Newsgraph) -> None:
    answer = loaded.ask("Which companies buy the Gaudi 3?")
    assert answer.answer_type == "list"
    assert "Tencent" in answer.answer and "Baidu" in answer.answer
    assert answer.sparql is not None and "ng:Claim" in answer.sparql
    assert answer.facts and answer.citations[0].article_id == "gaudi"
    # The facts have the API's claim shape, entity ids included.
    out = AnswerOut.model_validate(asdict(answer))
    assert {f.subject_id for f in out.facts} >= {"company/tencent", "company/baidu"}


def test_money_answers_carry_their_period(loaded: Newsgraph) -> None:
    answer = loaded.ask("How much Gaudi 3 revenue does Intel expect?")
    assert answer.answer_type == "money"
    assert answer.answer.startswith("$500 million") and "2025" in answer.answer
    assert "Gaudi 3 revenue" in answer.citations[0].text


def test_unanswerable_questions_are_declined_with_closest_passages(loaded: Newsgraph) -> None:
    answer = loaded.ask("What revenue did Cerebras report for its wafer-scale engines?")
    assert answer.answer == DECLINED
    assert answer.citations  # the closest sentences are still shown


def test_a_question_citing_a_publisher_the_store_lacks_is_declined(loaded: Newsgraph) -> None:
    # The store's articles are all from "Test Wire".
    cited = loaded.ask("According to a Bloomberg report and an article from Test Wire, who buys the Gaudi 3?")
    assert cited.answer == DECLINED and not cited.answered
    assert cited.reason == "no stored article is from Bloomberg" and cited.citations
    # The publisher it has is no reason to decline, nor is a source that is not a publisher.
    assert loaded.ask("According to an article from Test Wire, who buys the Gaudi 3?").answered
    assert loaded.ask("According to a TrendForce estimate, how much could HBM revenue reach?").answered


@pytest.mark.parametrize(
    ("question", "cited", "unknown"),
    [
        ("Considering a New York Times article and a Wall Street Journal report, which?",
         ["New York Times", "Wall Street Journal"], ["Wall Street Journal"]),
        ("Between an article from The Verge and another by CNET, which?", ["Verge", "CNET"], ["CNET"]),
        ("Do the articles from The Verge and TechCrunch agree?", ["Verge", "TechCrunch"], []),
        ("Did a CNBC report say so?", ["CNBC"], []),  # the head of "Cnbc | World Business News Leader"
        ("An article by The Times of India and another from Hindustan Times",
         ["Times of India", "Hindustan Times"], ["Times of India", "Hindustan Times"]),
        ("What did the one from November 5 say?", [], []),  # a date, not a publisher
        ("According to Megan Grey in The Age, which company?", [], []),  # a person cited
    ],
)  # fmt: skip
def test_publishers_a_question_cites(question: str, cited: list[str], unknown: list[str]) -> None:
    assert cited_publishers(question) == cited
    stored = ["The New York Times", "The Verge", "TechCrunch", "Cnbc | World Business News Leader"]
    assert unknown_publishers(question, stored) == unknown


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much will the Vyra accelerator cost?", "between $8,000 and $9,000"),  # a range stays whole
        ("How many Chinese firms did the Commerce Department add to the Entity List?", "14 Chinese firms"),
        ("How much could HBM revenue reach, according to TrendForce?", "$34 billion"),
        ("Did Lumeno say which foundry would make the Vyra?", "no"),  # negated near the asked words
        ("Which chip designer is based in Oslo?", "Lumeno"),  # named by its apposition
    ],
)
def test_answers_are_short_spans_of_the_best_sentence(
    loaded: Newsgraph, question: str, expected: str
) -> None:
    answer = loaded.ask(question)
    assert expected in answer.answer
    assert len(answer.answer) < 2 * len(expected) + 20
    assert answer.citations and answer.confidence > 0


def test_reason_answers_are_the_causal_clause(loaded: Newsgraph) -> None:
    answer = loaded.ask("Why did Lumeno shares fall after the announcement?")
    assert answer.answer_type == "reason"
    assert answer.answer.startswith("as investors had hoped for a larger order")


def test_lists_read_from_an_enumeration_carry_sparql(loaded: Newsgraph) -> None:
    answer = loaded.ask("Which companies are customers of the Vyra?")
    assert answer.answer_type == "list"
    assert all(name in answer.answer for name in ("Norbank", "Feltmark", "Ostra Cloud"))
    assert "Lumeno" not in answer.answer
    assert answer.sparql is not None and answer.citations[0].article_id == "vyra"


def test_a_figure_of_the_quarter_asked_wins_over_the_forecast(loaded: Newsgraph) -> None:
    # "in February 2025" dates the report; "fourth-quarter" is the period asked about.
    answer = loaded.ask("What fourth-quarter revenue did Kestrel Systems report in February 2025?")
    assert answer.answer.startswith("$120 million")


@pytest.mark.parametrize(
    "question",
    [
        "What was Kestrel Systems' revenue in 2019?",  # only another year's figure is stated
        "What gross margin did Kestrel Systems report?",  # no sentence states a margin
    ],
)
def test_figures_of_another_period_or_measure_are_declined(loaded: Newsgraph, question: str) -> None:
    assert loaded.ask(question).answer == DECLINED


def test_reason_answers_include_purpose_clauses(loaded: Newsgraph) -> None:
    answer = loaded.ask("Why did the Danish regulator summon Kestrel Systems executives?")
    assert answer.answer.startswith("to explain whether its Falco chips posed security risks")


def test_questions_whose_words_no_sentence_supports_are_declined(loaded: Newsgraph) -> None:
    answer = loaded.ask("Who is Lumeno's chief executive?")
    assert answer.answer == DECLINED


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What gross margin did Nvidia report?", "percent"),
        ("How much memory does the chip carry?", "number"),
        ("How much revenue does Intel expect?", "money"),
        ("Which cloud provider was weighing the chip when AMD detailed it?", "entity"),
        ("Which companies buy the chip?", "list"),
        ("On what date did the rule take effect?", "date"),
        ("Why did shares fall?", "reason"),
        ("Did Nvidia comment?", "yesno"),
        ("Which listed company's shares rallied?", "entity"),  # the owner, not the shares
        ("Which makers' shares fell?", "list"),
        ("Which Amazon-owned unit designs the chips?", "entity"),  # a business unit, not a count
        ("Whose technology does Rapidus use?", "entity"),
        ("What range of market share did Mizuho give Nvidia?", "percent"),  # the rest tells the kind
        ("To what level did AMD raise its forecast for the AI chip market?", "money"),
        ("How much faster than HBM3E is HBM4?", "percent"),  # a relative difference
        ("What capacity does the HBM3E stack offer?", "number"),
        ("Which packaging capacity will double?", "entity"),  # a kind of capacity
        ("What was the earliest launch date reported for the chips?", "date"),
        ("What net sales growth did ASML foresee?", "percent"),  # the head noun decides
        ("What share price did the stock reach?", "money"),
        ("By how much did Samsung's operating profit fall?", "percent"),  # a change
        ("How much market value did Nvidia lose?", "money"),  # an amount of value
        # A yes/no clause after a scene-setting one, commas and all.
        ("After Reuters reported the ban on May 2, 2024, did Bloomberg, a week on, confirm it?", "yesno"),
        ("Between the two reports, was the reporting on how chipmakers adjust prices consistent?", "yesno"),
        ("Benzene, a chemical, was found in batches of which household product?", "entity"),
    ],
)
def test_answer_type_comes_from_the_question_phrase(question: str, kind: str) -> None:
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("question", "kind", "phrase"),
    [
        ("Which foundry manufactures Amazon's Trainium chips?", "entity", ["foundry"]),  # verb ends it
        ("Which Chinese regulator opened an inquiry?", "entity", ["chinese", "regulator"]),
        ("Which Chinese memory maker lags behind in HBM?", "entity", ["chinese", "memory", "maker"]),
        ("Which cloud and internet firms did it list?", "list", ["cloud", "and", "internet", "firms"]),
        ("What is the name of Huawei's software platform that developers use?", "entity",
         ["huawei's", "software", "platform"]),  # the frame "what is the name of" is skipped
        ("Which advanced chips did Nvidia ship?", "list", ["advanced", "chips"]),
        ("Which memory makers backed by the state fund won orders?", "list", ["memory", "makers"]),
    ],
)  # fmt: skip
def test_the_asked_phrase_ends_at_its_verb(question: str, kind: str, phrase: list[str]) -> None:
    assert wh_phrase(question)[2] == phrase
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("question", "years", "quarter"),
    [
        ("What fourth-quarter revenue did Nvidia report in February 2024?", (), 4),
        ("What was TSMC's net profit for the July-September quarter of 2024?", ("2024",), 3),
        ("How much did Intel spend in 2023, according to its May 2024 report?", ("2023",), None),
        ("What share of Lam's revenue came from China in the December 2023 quarter?", (), 4),  # ends then
    ],
)
def test_periods_asked_leave_out_report_dates(
    question: str, years: tuple[str, ...], quarter: int | None
) -> None:
    assert period_years(question.lower()) == years
    assert asked_quarter(question.lower()) == quarter


def test_stems_fold_inflections_and_synonyms() -> None:
    assert stem("rose") == stem("rising") == stem("climbed")
    assert stem("GPUs") == stem("gpu")
    assert stem("rules") == stem("rule")
    assert stem("weighing") == stem("considering") and stem("rallied") == stem("rose")
    assert stem("postponed") == stem("delayed") and stem("flotation") == stem("IPO")


@pytest.mark.parametrize(
    ("value", "month_only", "spelled"),
    [("2025-05-13", False, "13 May 2025"), ("2025-05-13", True, "May 2025"), ("2025-Q2", False, "Q2 2025")],
)
def test_dates_are_spelled_out(value: str, month_only: bool, spelled: str) -> None:
    assert spell_date(value, month_only) == spelled


def test_empty_question_is_an_error(loaded: Newsgraph) -> None:
    with pytest.raises(QueryError):
        loaded.ask("  ")


def test_cli_ask_json_shape(settings) -> None:  # type: ignore[no-untyped-def]
    with Newsgraph(settings) as service:
        service.ingest_articles([GAUDI])
    result = CliRunner().invoke(
        app,
        ["ask", "Which companies buy the Gaudi 3?", "--json", "--store", str(settings.store)],
        env={"NEWSGRAPH_GRAPH_URL": settings.graph_url} if settings.graph_url else None,
    )
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == ANSWER_KEYS
    assert payload["answered"] is True and payload["reason"] is None
    assert set(payload["citations"][0]) == {"article_id", "title", "text", "start", "end", "score"}


def test_yes_no_reads_a_denial_in_any_form(service: Newsgraph) -> None:
    denial = article(
        "denial",
        "Lumeno rejects overheating claims",
        "Lumeno has defended its Vyra accelerator, denying reports that it overheats in dense "
        "server racks, the company said on Friday.",
    )
    service.ingest_articles([denial])
    assert service.ask("Did Lumeno deny that the Vyra overheats?").answer == "yes"
    assert service.ask("Did Lumeno confirm that the Vyra overheats?").answer == "no"


def test_yes_no_reads_what_was_withheld_and_the_opposite_direction(service: Newsgraph) -> None:
    listing = article(
        "listing",
        "Feltmark shares slip in debut",
        "Feltmark Memory said on Tuesday it would cut output of older memory chips to lift prices. "
        "It did not say by how much production would fall. "
        "Feltmark shares opened at 920 kroner, below their offer price of 950 kroner, in Oslo. "
        "Norbank, which led the offering, declined to comment.",
        published="2025-03-04",
    )
    service.ingest_articles([listing])
    # A telling verb ("quantify") is answered by any withheld telling ("did not say").
    assert service.ask("Did Feltmark quantify how much it would cut output?").answer == "no"
    assert service.ask("Did Feltmark say it would cut output of older memory chips?").answer == "yes"
    assert service.ask("Did Feltmark shares open above their offer price?").answer == "no"
    assert service.ask("Did Feltmark shares open below their offer price?").answer == "yes"


def test_lists_of_common_nouns_that_the_sentence_names_as_asked(service: Newsgraph) -> None:
    metals = article(
        "metals",
        "Norland curbs metal exports",
        "Norland said on Monday it would require licences for exports of three more metals. "
        "The three metals, indium, bismuth and tellurium, are used in solar cells, displays and chips. "
        "Exporters will need licences from June 1, the trade ministry said.",
        published="2025-05-12",
    )
    service.ingest_articles([metals])
    answer = service.ask("Which metals will Norland require export licences for?")
    assert answer.answer_type == "list"
    assert all(m in answer.answer for m in ("indium", "bismuth", "tellurium"))
    assert "displays" not in answer.answer  # not called metals by its sentence


def test_questions_about_what_no_article_reports_are_declined(loaded: Newsgraph) -> None:
    # Lumeno is covered, Zentrix is not: the cost sentence about Lumeno answers nothing here.
    assert loaded.ask("How much did Lumeno pay to acquire Zentrix?").answer == DECLINED
    # A publisher's name is no such unknown: no sentence spells it, yet it only filters.
    assert loaded.ask("How much will the Vyra accelerator cost, according to Test Wire?").answer != DECLINED


def test_a_sentence_on_another_quarter_answers_with_less_confidence(loaded: Newsgraph) -> None:
    asked = loaded.ask("What revenue did Kestrel Systems report for the fourth quarter?")
    other = loaded.ask("What revenue did Kestrel Systems report for the second quarter?")
    assert asked.answer.startswith("$120 million")
    assert other.confidence < asked.confidence


def test_a_cause_stated_before_what_it_forced(service: Newsgraph) -> None:
    blacklist = article(
        "blacklist",
        "Norvik moves chip production",
        "Norvik Semiconductor was added to the export blacklist in May, which forced it to stop using "
        "Feltmark to make its Orla chips, and the company said production had since moved to Sweden.",
        published="2025-08-01",
    )
    service.ingest_articles([blacklist])
    answer = service.ask("Why did Norvik Semiconductor have to stop using Feltmark to make its Orla chips?")
    assert answer.answer_type == "reason"
    assert "added to the export blacklist" in answer.answer
    assert "stop using" not in answer.answer  # the result restates the question


def test_an_answer_two_articles_give_together(service: Newsgraph) -> None:
    rivals = article(
        "rivals",
        "Norbank faces new memory rivals",
        "Analysts named Feltmark Semiconductor, a memory maker based in Oslo, as the strongest rival "
        "to Norbank in 2025.",
        published="2025-05-02",
    )
    supply = article(
        "supply",
        "Ostra Cloud picks a supplier",
        "Ostra Cloud said on Tuesday that Feltmark Semiconductor would supply the memory for its new "
        "data centre in Bergen.",
        published="2025-09-16",
    )
    question = (
        "Which memory maker was named the strongest rival to Norbank "
        "and will supply Ostra Cloud's data centre?"
    )
    service.ingest_articles([rivals, supply])
    answer = service.ask(question)
    assert answer.answer == "Feltmark Semiconductor"
    assert {c.article_id for c in answer.citations} >= {"rivals", "supply"}
    # Each article alone covers half the question; together they cover it, with more
    # confidence than any one passage's support (the graph and text route's confidence:
    # the reader's is its fitted probability, on another scale).
    route, _ = service.asker.readings(question)
    assert route.answer == "Feltmark Semiconductor"
    assert route.confidence > max(c.score for c in route.citations)


def test_the_date_of_the_clause_that_says_what_is_asked(service: Newsgraph) -> None:
    rules = article(
        "rules",
        "Norland sets dates for metal curbs",
        "Controls on the three metals take effect on June 1, while the rules covering products made "
        "abroad that contain them take effect on September 15, Norland's trade ministry said.",
        published="2025-05-12",
    )
    service.ingest_articles([rules])
    answer = route(service, "When do Norland's rules covering products made abroad take effect?")
    assert "September 15" in answer.answer


def test_on_what_date_wants_a_day(service: Newsgraph) -> None:
    curbs = article(
        "curbs",
        "Norland curbs take effect",
        "The curbs that Norland announced in March 2025 took effect on June 1 after a review by the "
        "trade ministry.",
        published="2025-06-03",
    )
    service.ingest_articles([curbs])
    assert "June 1" in route(service, "On what date did the curbs Norland announced take effect?").answer
    assert "March 2025" in route(service, "When did Norland announce the curbs?").answer


def test_how_much_with_a_verb_wants_the_sum_that_verb_names(loaded: Newsgraph) -> None:
    # The only sum near Lumeno is the Vyra's price; nothing says what Lumeno is investing.
    assert route(loaded, "How much is Lumeno investing in the Vyra accelerator?").answer == DECLINED
    assert "$8,000" in loaded.ask("How much will the Vyra accelerator cost?").answer


def test_a_maker_ordering_its_own_product_is_not_a_buyer(service: Newsgraph) -> None:
    designed = article(
        "designed", "Nvidia readies a China chip", "Nvidia designed the H20 for China.", "2025-01-10"
    )
    ordered = article(
        "ordered",
        "Nvidia books foundry capacity",
        "Nvidia placed orders with TSMC for 300,000 H20 chips in March, people familiar with the matter "
        "said. Alibaba and Tencent bought the H20 in April.",
        published="2025-04-20",
    )
    service.ingest_articles([designed, ordered])
    # The order article alone does not say who designs the H20, so its claim reads as a
    # purchase; the graph says Nvidia designs it, and a maker does not buy its own product.
    answer = service.ask("Which companies buy the H20?").answer
    assert "Alibaba" in answer and "Tencent" in answer
    assert "Nvidia" not in answer


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("What was the plant's capacity utilisation rate in 2024?", ("utilis",)),  # which rate
        ("What tariff rate did Norland announce?", ("tarif",)),
        ("To how many core employees will Kestrel cut its staff?", (stem("employees"),)),  # stemmed once
        ("What net sales growth did Lumeno foresee?", (stem("growth"),)),
        ("What range of market share did analysts give Lumeno?", ()),  # any span of percents is one
        ("How many chips make up the largest configuration?", ()),  # "make up" ends the phrase
    ],
)
def test_the_stated_noun_a_figure_must_be_of(question: str, key: tuple[str, ...]) -> None:
    assert key_words(_head_words(wh_phrase(question)[2], [])) == key


def test_the_largest_or_smallest_of_a_sentences_figures(service: Newsgraph) -> None:
    pods = article(
        "pods",
        "Lumeno ships Vyra pods",
        "Lumeno said on Tuesday that Vyra pods would come in two configurations, of 128 chips and "
        "4,096 chips, from next month.",
        published="2025-03-04",
    )
    service.ingest_articles([pods])
    assert "4,096" in service.ask("How many chips make up the largest Vyra pod configuration?").answer
    assert "128" in service.ask("How many chips make up the smallest Vyra pod configuration?").answer


def test_the_owner_of_a_named_product_does_not_stand_in(service: Newsgraph) -> None:
    claim = article(
        "claim",
        "AMD takes on Nvidia",
        "AMD unveiled its MI400 accelerator on Tuesday. Chief executive Lisa Su told an audience in "
        "Austin that the MI400 offered 2.4 times the memory bandwidth of Nvidia's H100.",
        published="2025-03-04",
    )
    service.ingest_articles([claim])
    # Nvidia, a company like the AMD asked about, sits next to the figure, but as the H100's owner.
    answer = service.ask("How many times the H100's memory bandwidth did AMD claim for the MI400?")
    assert answer.answer.startswith("2.4")


def test_in_what_year_wants_a_year_said(service: Newsgraph) -> None:
    plant = article(
        "plant",
        "Norfab gets more support",
        "The new government funds for Norfab, covering the fiscal year that began in April, will pay for "
        "its 2-nanometre chip production lines, the ministry said on Monday. Mass production is planned "
        "to begin in 2028.",
        published="2025-06-02",
    )
    service.ingest_articles([plant])
    answer = service.ask("In what year does Norfab aim to begin mass production of 2-nanometre chips?")
    assert answer.answer.startswith("2028")


def test_the_end_of_a_reporting_period_dates_no_event(service: Newsgraph) -> None:
    charge = article(
        "charge",
        "Kestrel takes a charge on Falco curbs",
        "Kestrel Systems said it would take a charge of $1 billion in the quarter ending April 27 because "
        "Falco exports to China now need a licence. The government told Kestrel Systems on April 9 that "
        "the requirement was needed to address the risk of diversion.",
        published="2025-04-16",
    )
    service.ingest_articles([charge])
    answer = route(
        service,
        "On what date did the government tell Kestrel Systems that Falco exports to China needed a licence?",
    )
    assert answer.answer.startswith("April 9")


@pytest.mark.parametrize(
    ("question", "left_out"),
    [
        ("In what year does Norfab aim to begin mass production?", "year"),
        ("On what date did the ministry approve the plan?", "date"),
        ("What percentage of its sales came from China?", "percentage"),
    ],
)
def test_the_noun_naming_the_kind_of_answer_is_no_term(question: str, left_out: str) -> None:
    terms = dict(_without_asked_kind(question_terms(question, []), wh_phrase(question)[2]))
    assert stem(left_out) not in terms and terms  # the other words stay


def test_words_of_a_names_other_spellings_stay_the_questions_own() -> None:
    names = ["Big Fund", "China Integrated Circuit Industry Investment Fund"]
    terms = dict(question_terms("Which companies did the Big Fund invest in?", names))
    assert stem("invest") in terms and stem("fund") not in terms


def test_apart_from_frames_the_question() -> None:
    terms = dict(question_terms("Apart from Norfab, which makers were affected?", ["Norfab"]))
    assert stem("apart") not in terms and stem("affected") in terms


def test_a_sentence_going_on_from_the_one_before_after_an_adverb(service: Newsgraph) -> None:
    fund = article(
        "fund",
        "Norland's chip fund closes its third round",
        "The first two phases of Norland's chip fund raised 340 billion crowns. Together they invested in "
        "companies including Norfab, Kestrel Systems and Lumeno.",
        published="2025-05-27",
    )
    service.ingest_articles([fund])
    answer = service.ask("Which companies did the first two phases of Norland's chip fund invest in?")
    assert all(name in answer.answer for name in ("Norfab", "Kestrel Systems", "Lumeno"))
    assert answer.confidence >= 0.6  # the phases and the fund are in the sentence before


def test_an_event_is_a_name_that_ends_like_one(service: Newsgraph) -> None:
    summit = article(
        "summit",
        "Lumeno chief warns suppliers",
        "Lumeno chief executive Ana Berg on Saturday warned suppliers against redesigning chips around the "
        "rules. She spoke at the Nordic Chip Summit in Bergen.",
        published="2025-12-03",
    )
    service.ingest_articles([summit])
    answer = route(
        service, "At which event did Ana Berg warn suppliers against redesigning chips around the rules?"
    )
    assert answer.answer == "Nordic Chip Summit"


def route(service: Newsgraph, question: str) -> Answer:
    """The graph and text route's own answer, before the fitted reader weighs it.

    Tests of the route's rules ask it directly: the reader may overrule the route on a
    single invented article, and the combined answers are measured on whole question sets
    (bench/qa.py, bench/external.py), not on one sentence."""
    return service.asker.readings(question)[0]


def _sentence(text: str, mentions: tuple[MentionSpan, ...]) -> Evidence:
    return Evidence("s1", "a1", None, "2025-10-08", text, 0, len(text), 1.0, mentions, (), ())


@pytest.mark.parametrize(
    ("text", "stands_in"),
    [
        # A name the graph did not link owns the clause the figure is in.
        ("Kestrel Systems had the largest IPO after Norbank Holdings, which raised 300 billion yen.", True),
        ("Kestrel Systems, which raised 300 billion yen, had the largest IPO this year.", False),  # its own
        ("Kestrel Systems raised 300 billion yen in the largest IPO this year.", False),
    ],
)  # fmt: skip
def test_a_figure_in_a_clause_about_another_name_stands_in(text: str, stands_in: bool) -> None:
    analysis = QuestionAnalysis(
        "How much money did the Kestrel Systems IPO raise?",
        "money",
        ("company/kestrel",),
        None,
        frozenset(),
        (),
    )
    ev = _sentence(text, (MentionSpan(0, 15, "company/kestrel", "Kestrel Systems", "Company"),))
    ranker = Ranker(analysis, [ev], {"company/kestrel": ["Kestrel Systems"]})
    start = text.index("300")
    figure = Candidate("300 billion yen", "300 billion yen", "money", start, start + 15, ev, 1.0)
    assert ranker.stand_in(figure) == (0.5 if stands_in else 1.0)


def test_a_sentence_with_the_names_but_few_of_the_words_asked_is_declined(service: Newsgraph) -> None:
    results = article(
        "results",
        "Kestrel Systems results",
        "Kestrel Systems reported data centre revenue of $120 million for the quarter, up 40%, driven by "
        "sales of its Falco processors to cloud companies such as Norbank Cloud. Its shares rose 3% in "
        "late trading.",
        published="2025-02-11",
    )
    service.ingest_articles([results])
    question = (
        "How much revenue did Norbank Cloud generate from renting out Falco-based virtual machines in 2024?"
    )
    assert route(service, question).answer == DECLINED


def test_words_leading_into_a_name_are_not_part_of_it() -> None:
    text = "Shares of Brakka Minerals rose 8% on Friday."
    analysis = QuestionAnalysis(
        "Which mining company's shares rallied on Friday?", "entity", (), None, frozenset(), ()
    )
    assert [span[2] for span in name_spans(analysis, _sentence(text, ()))] == ["Brakka Minerals"]


def test_which_company_is_not_answered_by_a_ministry() -> None:
    question = "Which company supplies the memory?"
    analysis = QuestionAnalysis(
        question, "entity", (), None, frozenset(), (), answer_class=expected_class(question),
        head_words=_head_words(wh_phrase(question)[2], []),
    )  # fmt: skip
    assert entity_prior(analysis, "GovernmentBody") < entity_prior(analysis, "Company")


def test_when_will_is_not_answered_by_a_day_already_past(service: Newsgraph) -> None:
    roadmap = article(
        "roadmap",
        "Norfab lays out its chip roadmap",
        "Norfab on Thursday laid out a multi-year plan for its Vyra chips, the first time it has done so. "
        "Chief executive Ana Berg said the company would launch the Vyra 2 series in 2026, followed by the "
        "Vyra 3 in 2027 and the Vyra 4 in 2028.",
        published="2025-09-18",
    )
    service.ingest_articles([roadmap])
    assert service.ask("When does Norfab plan to launch the Vyra 3?").answer.startswith("2027")


def test_a_name_in_another_clause_does_not_stand_in(service: Newsgraph) -> None:
    deal = article(
        "deal",
        "Norfab agrees to share Vyra revenue with Norland",
        "Norfab has agreed to pay the Norland government 15% of its revenue from Vyra sales in China. "
        "President Erik Dahl told reporters on Monday that he had initially asked for 30% but that Norfab "
        "chief executive Ana Berg had negotiated him down, describing the Vyra as an old chip.",
        published="2025-08-12",
    )
    service.ingest_articles([deal])
    answer = service.ask(
        "What percentage had Erik Dahl initially asked for in the Vyra revenue-sharing deal?"
    )
    assert answer.answer.startswith("30%")


def test_the_headline_says_what_a_sentence_is_about(service: Newsgraph) -> None:
    pact = article(
        "pact",
        "Norland and Vestmark agree to curb chip tool exports",
        "Norland and Vestmark agreed on Friday to restrict exports of chipmaking tools. "
        "Shares of Norfab rose 2.1% in Oslo on Friday.",
        published="2025-01-31",
    )
    later = article(
        "later",
        "Norfab shares rise on results",
        "Norfab reported higher profit on Monday. Shares of Norfab rose 1.2% in Oslo on Monday.",
        published="2025-02-10",
    )
    service.ingest_articles([pact, later])
    question = (
        "By how much did Norfab's stock rise on the day the Norland-Vestmark agreement on tools was reported?"
    )
    answer = service.ask(question)
    # The headline says which day's sentence is the agreement's: 2.1% is the best candidate,
    # answered, or named as the best in the reason where the model is not sure enough.
    best = answer.answer if answer.answered else (answer.reason or "")
    assert "2.1%" in best and "1.2%" not in best


def test_a_name_the_sentence_calls_a_product_does_not_answer_which_company(service: Newsgraph) -> None:
    bet = article(
        "bet",
        "Norfab bets on its N2 process",
        "Norfab is betting on its N2 manufacturing process, which it plans to use for its Falcon Ridge "
        "laptop processors at a new plant next year. Analysts at Kestrel Research said the plan carried "
        "risks.",
        published="2025-08-20",
    )
    service.ingest_articles([bet])
    answer = service.ask(
        "Which company has signed on as the anchor customer for Norfab's N2 manufacturing process?"
    )
    assert answer.answer == DECLINED


def test_another_mention_of_the_answer_does_not_stand_in() -> None:
    text = "The Norland Data Authority (NDA) said its review had found that Norfab chips posed risks."
    analysis = QuestionAnalysis(
        "Which regulator ruled that Norfab chips posed risks?",
        "entity",
        ("company/norfab",),
        None,
        frozenset(),
        (),
    )
    mentions = (
        MentionSpan(4, 26, "governmentbody/nda", "Norland Data Authority", "GovernmentBody"),
        MentionSpan(28, 31, "governmentbody/nda", "Norland Data Authority", "GovernmentBody"),
        MentionSpan(64, 70, "company/norfab", "Norfab", "Company"),
    )
    ev = _sentence(text, mentions)
    ranker = Ranker(analysis, [ev], {"company/norfab": ["norfab"]})
    regulator = Candidate("Norland Data Authority", "norland data authority", "entity", 4, 26, ev, 1.0)
    assert ranker.stand_in(regulator) == 1.0


def test_a_version_of_a_named_thing_does_not_stand_in() -> None:
    text = (
        "Analysts said the rules would not stop Norfab from selling its Vyra chip, which uses HBM3, "
        "because packaged memory is exempt."
    )
    named = ("technology/hbm", "company/norfab", "chip/vyra")
    analysis = QuestionAnalysis(
        "Why would the HBM rules not stop Norfab selling the Vyra?", "reason", named, None, frozenset(), ()
    )
    at = text.index
    mentions = (
        MentionSpan(at("Norfab"), at("Norfab") + 6, "company/norfab", "Norfab", "Company"),
        MentionSpan(at("Vyra"), at("Vyra") + 4, "chip/vyra", "Vyra", "Chip"),
        MentionSpan(at("HBM3"), at("HBM3") + 4, "technology/hbm3", "HBM3", "Technology"),
    )
    ev = _sentence(text, mentions)
    names = {"technology/hbm": ["hbm"], "company/norfab": ["norfab"], "chip/vyra": ["vyra"]}
    ranker = Ranker(analysis, [ev], names)
    reason = Candidate(
        "because packaged memory is exempt", "r", "reason", at("because"), len(text) - 1, ev, 1.0
    )
    assert ranker.stand_in(reason) == 1.0
    # Another memory of the kind, not a version of HBM, still stands in.
    other = text.replace("HBM3", "GDDR7")
    mentions = (
        *mentions[:2],
        MentionSpan(
            other.index("GDDR7"), other.index("GDDR7") + 5, "technology/gddr7", "GDDR7", "Technology"
        ),
    )
    ev = _sentence(other, mentions)
    reason = Candidate(
        "because packaged memory is exempt", "r", "reason", other.index("because"), len(other) - 1, ev, 1.0
    )
    assert Ranker(analysis, [ev], names).stand_in(reason) == 0.5


def _named(iri: str, article_id: str, text: str, names: dict[str, str]) -> Evidence:
    """An invented sentence mentioning the companies `names` (name -> id)."""
    mentions = tuple(
        MentionSpan(text.index(n), text.index(n) + len(n), i, n, "Company") for n, i in names.items()
    )
    return Evidence(iri, article_id, None, "2025-10-08", text, 0, len(text), 1.0, mentions, (), ())


def test_a_list_another_article_gives_within_a_longer_one() -> None:
    makers = {"Feltmark": "company/feltmark", "Ostra Memory": "company/ostra"}
    text = "Memory makers Feltmark and Ostra Memory could win orders after the ban, analysts said."
    orders = _named("s1", "a1", text, makers)
    text = "The state fund has invested in Norfab, Feltmark and Ostra Memory."
    fund = _named("s2", "a2", text, {"Norfab": "company/norfab", **makers})
    question = "Which memory makers backed by the state fund could win orders after the ban?"
    terms = question_terms(question, [])
    analysis = QuestionAnalysis(question, "list", (), None, frozenset(), (), terms=terms)
    ranker = Ranker(analysis, [orders, fund], {})
    answer = text_answer(analysis, [orders, fund], ranker).answer
    assert answer.answer == "Feltmark, Ostra Memory"
    # The fund's longer list holds both members: the two sentences together cover more.
    assert answer.confidence > ranker.coverage(orders) + 0.1


@pytest.mark.parametrize(
    ("text", "prior"),
    [
        ("Shares of Norfab rose 4% on Monday, as investors bet the rules would help it.", 1.0),
        ("Shares of Norfab slipped 2%, as some investors had hoped for a larger order.", 1.0),
        ("Shares of Norfab rose 4% on Monday, as Norfab prepared to open a plant in Oslo.", 0.6),
    ],
)  # fmt: skip
def test_as_before_a_bet_or_a_fear_is_a_cause(text: str, prior: float) -> None:
    analysis = QuestionAnalysis("Why did Norfab shares move?", "reason", (), None, frozenset(), ())
    (clause,) = [c for c in reason_candidates(analysis, _sentence(text, ())) if c.text.startswith("as ")]
    assert clause.prior == prior


def test_how_much_money_with_a_verb_wants_the_sum_that_verb_names() -> None:
    analysis = analyze("How much money did the Norfab IPO raise?", [], load_vocabulary(Settings().relations))
    assert analysis.key_words == (stem("raise"),)  # "money" only names the kind of answer


def test_a_figure_of_another_measure_ranks_lower(service: Newsgraph) -> None:
    listing = article(
        "listing",
        "Norfab shares rise in Tokyo debut",
        "Norfab listed in Tokyo on Wednesday. The stock opened at 1,440 yen, below its IPO price of "
        "1,455 yen, before rising to close at 1,601 yen. The offering raised about 120 billion yen.",
        published="2025-12-18",
    )
    service.ingest_articles([listing])
    answer = service.ask("How much money did Norfab's IPO raise?").answer
    assert "120 billion yen" in answer and "1,455" not in answer


def test_yes_no_reads_a_struggle_as_not_done(service: Newsgraph) -> None:
    approval = article(
        "approval",
        "Feltmark waits for Norfab approval",
        "Feltmark has struggled to secure Norfab's approval for its new memory chips, though executives "
        "said this week that they expected a breakthrough.",
        published="2025-03-12",
    )
    service.ingest_articles([approval])
    assert service.ask("Had Feltmark secured Norfab's approval for its new memory chips?").answer == "no"


def test_a_place_that_starts_a_name_is_part_of_it() -> None:
    # The graph read "Norland Capital Corp" as a country and a company.
    text = "Norland Capital Corp and Ostra Securities are the joint sponsors of the listing."
    mentions = (
        MentionSpan(0, 7, "country/norland", "Norland", "Country"),
        MentionSpan(8, 20, "company/capital-corp", "Capital Corp", "Company"),
        MentionSpan(25, 41, "organization/ostra", "Ostra Securities", "Organization"),
    )
    analysis = QuestionAnalysis(
        "Which firms sponsor the Feltmark listing?", "list", (), None, frozenset(), ()
    )
    names = [rendered for _, _, rendered, _, _ in name_spans(analysis, _sentence(text, mentions))]
    assert names == ["Norland Capital Corp", "Ostra Securities"]
    # A place the question names still starts a name the graph did not link.
    text = "Norland Mobile and Norland Telecom deployed the chips."
    mentions = tuple(MentionSpan(a, a + 7, "country/norland", "Norland", "Country") for a in (0, 19))
    analysis = QuestionAnalysis(
        "Which Norland carriers deployed the chips?", "list", ("country/norland",), None, frozenset(), ()
    )
    names = [rendered for _, _, rendered, _, _ in name_spans(analysis, _sentence(text, mentions))]
    assert names == ["Norland Mobile", "Norland Telecom"]


def test_a_list_may_say_its_preposition_again() -> None:
    text = "It would offer machines based on Norfab's V200 and on Ostra's K9 accelerator next year."
    at = text.index
    mentions = (
        MentionSpan(at("Norfab"), at("Norfab") + 6, "company/norfab", "Norfab", "Company"),
        MentionSpan(at("V200"), at("V200") + 4, "chip/v200", "V200", "Chip"),
        MentionSpan(at("Ostra"), at("Ostra") + 5, "company/ostra", "Ostra", "Company"),
        MentionSpan(at("K9"), at("K9") + 2, "chip/k9", "K9", "Chip"),
    )
    analysis = QuestionAnalysis("Which accelerators would it offer?", "list", (), None, frozenset(), ())
    found = list_candidates(analysis, _sentence(text, mentions))
    assert ("V200", "K9") in [c.members for c in found]
    # A comma before the preposition starts another clause: "according to Ostra, with Norfab ...".
    text = "Shipments rose 30%, according to Ostra, with Norfab the largest vendor."
    mentions = (
        MentionSpan(text.index("Ostra"), text.index("Ostra") + 5, "company/ostra", "Ostra", "Company"),
        MentionSpan(text.index("Norfab"), text.index("Norfab") + 6, "company/norfab", "Norfab", "Company"),
    )
    found = list_candidates(analysis, _sentence(text, mentions))
    assert ("Ostra", "Norfab") not in [c.members for c in found]


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("Norfab launched its Vyra 3 accelerator on Tuesday.", True),
        ("Norfab launched its Vyra 3 accelerator, which follows the Vyra 2, on Tuesday.", False),
        ("Norfab launched its Kestrel 3 accelerator on Tuesday.", False),
    ],
)  # fmt: skip
def test_an_article_on_another_version_covers_less(text: str, other: bool) -> None:
    named = ("company/norfab", "chip/vyra-2")
    analysis = QuestionAnalysis(
        "When did Norfab launch its Vyra 2 accelerator?", "date", named, None, frozenset(), ()
    )
    ids = {"Vyra 3": "chip/vyra-3", "Vyra 2": "chip/vyra-2", "Kestrel 3": "chip/kestrel-3"}
    chips = [(text.index(n), n, i) for n, i in ids.items() if n in text]
    mentions = (
        MentionSpan(0, 6, "company/norfab", "Norfab", "Company"),
        *(MentionSpan(at, at + len(n), i, n, "Chip") for at, n, i in chips),
    )
    ev = _sentence(text, mentions)
    ranker = Ranker(analysis, [ev], {"company/norfab": ["Norfab"], "chip/vyra-2": ["Vyra 2"]})
    # The same question, had its chip a name with no version to compare.
    plain = Ranker(analysis, [ev], {"company/norfab": ["Norfab"], "chip/vyra-2": ["Vyra Two"]})
    assert (ranker.coverage(ev) < plain.coverage(ev)) == other


def test_the_figure_next_to_the_asked_verb(service: Newsgraph) -> None:
    forecast = article(
        "forecast",
        "Norfab forecast beats estimates",
        "Norfab forecast second-quarter revenue of $45 million on Wednesday, above estimates, even as it "
        "said Norland's restrictions on Vyra sales would reduce revenue by about $8 million in the period.",
        published="2025-05-28",
    )
    service.ingest_articles([forecast])
    question = "How much did Norfab say the Vyra restrictions would cut from its second-quarter revenue?"
    answer = service.ask(question).answer
    assert "$8 million" in answer and "$45" not in answer


@pytest.mark.parametrize(
    ("question", "prior"),
    [
        ("Why did Norfab postpone its listing?", 1.0),  # "delayed ... after": the cause of the delay
        ("Why did Norfab's plans change?", 0.6),  # the words before "after" are not what is asked
    ],
)  # fmt: skip
def test_after_the_asked_verb_is_a_cause(question: str, prior: float) -> None:
    text = "Norfab delayed the listing after investors balked at its proposed valuation."
    terms = question_terms(question, ["Norfab"])
    analysis = QuestionAnalysis(question, "reason", (), None, frozenset(), (), terms=terms)
    (clause,) = [c for c in reason_candidates(analysis, _sentence(text, ())) if c.text.startswith("after ")]
    assert clause.prior == prior


def test_which_four_fills_the_list_from_the_article() -> None:
    ranking = _named(
        "s1",
        "a1",
        "Norfab overtook Ostra Memory and Feltmark to top the chip ranking.",
        {"Norfab": "company/norfab", "Ostra Memory": "company/ostra", "Feltmark": "company/feltmark"},
    )
    fourth = _named(
        "s2", "a1", "Vestra Chips ranked fourth in the chip ranking.", {"Vestra Chips": "company/vestra"}
    )
    question = "Which four companies topped the chip ranking?"
    analysis = QuestionAnalysis(
        question, "list", (), None, frozenset(), (), terms=question_terms(question, []), count=4
    )
    answer = text_answer(analysis, [ranking, fourth], Ranker(analysis, [ranking, fourth], {})).answer
    assert set(answer.answer.split(", ")) == {"Norfab", "Ostra Memory", "Feltmark", "Vestra Chips"}
