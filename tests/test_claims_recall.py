"""Claim mechanisms added for recall against the gold: invented sentences."""

from __future__ import annotations

import pytest

from newsgraph.service.facade import Newsgraph
from tests.test_claims import extract, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "worth" may carry the event's "for" phrase
            "Baidu and Tencent have placed orders worth $5 billion for Nvidia's A800 chips.",
            {("Baidu", "buys", "A800"), ("Tencent", "buys", "A800")},
        ),
        (  # "followed by" repeats the act on another thing of the same kind
            "Huawei will launch the Ascend 950PR in 2026, followed by the Ascend 960 in 2027.",
            {("Huawei", "releases", "Ascend 950PR"), ("Huawei", "releases", "Ascend 960")},
        ),
        (  # made on a company's process: that company makes it
            "The Ascend 910B is made on SMIC's 7-nanometre process.",
            {("SMIC", "manufactures", "Ascend 910B")},
        ),
        (  # ... also made using it
            "The Kirin 9000S is made using SMIC's 7-nanometre process.",
            {("SMIC", "manufactures", "Kirin 9000S")},
        ),
        (  # "the chip" is the product the text last named
            "AMD unveiled the MI300X on Tuesday. Microsoft and Meta said they would use the chip.",
            {("Microsoft", "depends_on", "MI300X"), ("Meta", "depends_on", "MI300X")},
        ),
    ],
)
def test_recall_patterns(service: Newsgraph, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # a ranking "followed by" another company is no act on it
            "SK Hynix controls about 50% of the HBM market, followed by Samsung Electronics with about 40%.",
            {("SK Hynix", "dominates", "Samsung Electronics")},
        ),
        (  # where a competitor competes is not whom it competes with
            "Huawei has emerged as Nvidia's strongest competitor in China.",
            {("Huawei", "competes_with", "China")},
        ),
    ],
)
def test_recall_patterns_not_overreaching(
    service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # market share won from a company is competition with it
            "Nvidia sells chips. AMD is trying to win market share from Nvidia with its MI350 chips.",
            {("AMD", "competes_with", "Nvidia")},
        ),
        (  # home-grown suppliers buyers favour rival the company the article is about
            "Nvidia sells the H20 in China. Analysts said the summons could prompt Chinese buyers to "
            "favour domestic suppliers such as Huawei and Cambricon.",
            {("Huawei", "competes_with", "Nvidia"), ("Cambricon", "competes_with", "Nvidia")},
        ),
        (  # competition faced from others is theirs
            "Nvidia said it faces intense competition from Huawei and AMD in China.",
            {("Huawei", "competes_with", "Nvidia"), ("AMD", "competes_with", "Nvidia")},
        ),
        (  # a chip that features or integrates a memory relies on it
            "The H20 features HBM3 memory, analysts at TrendForce said. "
            "The MI325X integrates HBM3E, AMD said.",
            {("H20", "depends_on", "HBM3"), ("MI325X", "depends_on", "HBM3E")},
        ),
        (  # what is trained on chips is the trainer's own work; the chips are relied on
            "DeepSeek trained its R1 model on about 2,000 Nvidia H800 chips.",
            {("DeepSeek", "develops", "DeepSeek-R1"), ("DeepSeek", "depends_on", "H800")},
        ),
        (  # a count's members are objects too
            "The Commerce Department added 140 companies, including Naura, to the Entity List.",
            {("US Commerce Department", "sanctions", "Naura")},
        ),
    ],
)
def test_recall_patterns_beyond_verbs(
    service: Newsgraph, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= triples(extract(service, text))


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (  # home-grown suppliers a company buys from are no rivals of it
            "Samsung makes HBM. Samsung buys from domestic suppliers such as Hanmi Semiconductor.",
            {("Hanmi Semiconductor", "competes_with", "Samsung Electronics")},
        ),
    ],
)
def test_recall_patterns_beyond_verbs_not_overreaching(
    service: Newsgraph, text: str, unwanted: set[tuple[str, str, str]]
) -> None:
    assert not unwanted & triples(extract(service, text))
