"""Values as a reader sees them."""

from __future__ import annotations

from vnus_kb.knowledge.read.models import Money
from vnus_kb.site.markup import formatting as fmt


def test_quantities_read_as_words() -> None:
    assert fmt.quantity(124e9, "USD", "nearly") == "nearly US$124 billion"
    assert fmt.quantity(1, "rank") == "No. 1"
    assert fmt.quantity(275, "fold") == "275-fold"
    assert fmt.quantity(50000, "engineers") == "50,000 engineers"


def test_dates_and_money() -> None:
    assert fmt.date("2023-09-10") == "10 September 2023"
    assert fmt.date("2023-10") == "October 2023"
    assert fmt.date("2030") == "2030"
    assert fmt.money(Money(value=1.6e9, currency="USD")) == "US$1.6 billion"
