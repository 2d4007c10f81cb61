"""Claim mechanisms added for recall against the gold: invented sentences."""

from __future__ import annotations

import pytest

from newsgraph.qa.service import Newsgraph
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
