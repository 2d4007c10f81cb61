import pytest

from newsgraph.core.text import name_key, slug, strip_possessive


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nvidia’s", "Nvidia"),
        ("Nvidia's", "Nvidia"),
        ("Siemens'", "Siemens"),
        ("Nvidia", "Nvidia"),
        ("SK Hynix’s", "SK Hynix"),
    ],
)
def test_strip_possessive(text: str, expected: str) -> None:
    assert strip_possessive(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S.", "US"),
        ("Nvidia Corp.", "NVIDIA"),
        ("Nvidia’s", "nvidia"),
        ("the Entity List", "Entity List"),
        ("Samsung Electronics Co., Ltd.", "Samsung Electronics"),
    ],
)
def test_name_key_equates_spellings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_keeps_distinct_names_apart() -> None:
    assert name_key("H20") != name_key("H200")
    assert name_key("Micron") != name_key("Micron Technology")


def test_slug() -> None:
    assert slug("ChangXin Memory Technologies") == "changxin-memory-technologies"
    assert slug("Ascend 910B") == "ascend-910b"
    assert slug("!!!") == "x"
