"""Standard competition ranking: equal scores share a rank, the next rank skips."""

from fractions import Fraction

from coproduction.rounds.ranking import competition_ranks


def test_distinct_scores_rank_in_order():
    assert competition_ranks([3, 10, 7]) == [3, 1, 2]


def test_a_tie_shares_a_rank_and_the_next_skips():
    assert competition_ranks([10, 7, 7, 3]) == [1, 2, 2, 4]


def test_a_tie_for_first():
    assert competition_ranks([5, 5, 2]) == [1, 1, 3]


def test_a_tie_for_last():
    assert competition_ranks([9, 1, 1]) == [1, 2, 2]


def test_all_equal_share_first():
    assert competition_ranks([4, 4, 4, 4]) == [1, 1, 1, 1]


def test_all_zero_share_first():
    assert competition_ranks([0, 0]) == [1, 1]


def test_empty():
    assert competition_ranks([]) == []


def test_lower_is_better_for_mean_rank():
    assert competition_ranks(
        [Fraction(3, 2), Fraction(1), Fraction(5, 2)], lower_is_better=True
    ) == [
        2,
        1,
        3,
    ]


def test_mean_rank_ties_compare_exactly():
    # 1/3 + 1/3 + 1/3 is not 1.0 in floats, but as a mean rank it ties with 1.
    ranks = competition_ranks(
        [Fraction(3, 3), Fraction(6, 6), Fraction(2, 1), Fraction(5, 2)], lower_is_better=True
    )
    assert ranks == [1, 1, 3, 4]


def test_mean_rank_tie_in_the_middle():
    scores = [Fraction(1), Fraction(7, 4), Fraction(7, 4), Fraction(3)]
    assert competition_ranks(scores, lower_is_better=True) == [1, 2, 2, 4]


def test_items_nobody_scored_come_last_together():
    scores = [Fraction(2), None, Fraction(1), None]
    assert competition_ranks(scores, lower_is_better=True) == [2, 3, 1, 3]
