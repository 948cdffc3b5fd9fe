"""Standard competition ranking ("1224"): equal scores share a rank, and the next rank skips
as many places as were shared. Pure functions, no database."""


def competition_ranks(scores, *, lower_is_better=False):
    """The rank of each score in `scores`, in the same order.

    Equal scores share the best rank of their group: [10, 7, 7, 3] -> [1, 2, 2, 4]. `None`
    (an item nobody scored) ranks after every real score, and all `None`s share that rank.
    Compare exact numbers (ints or Fractions), not floats, so that equal means equal."""
    scores = list(scores)

    def key(score):
        if score is None:
            return (1, 0)
        return (0, score if lower_is_better else -score)

    ordered = sorted(scores, key=key)
    first_place = {}
    for place, score in enumerate(ordered, start=1):
        first_place.setdefault(key(score), place)
    return [first_place[key(score)] for score in scores]
