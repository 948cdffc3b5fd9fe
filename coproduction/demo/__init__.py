"""Demo co-production (run by `manage.py load_demo` after the host's and the learning demo).

Four parts, each made through the plugin's services and safe to run again:
- `spaces`: co-production spaces, agenda items, priority rounds, meetings, involvement
  payments, the feedback tracker and "you said, we did";
- `forums`: the family forum of Willow House (families, events, questions, threads, the family
  survey) and concerns in every status;
- `history`: two years of family surveys and concerns at Riverside's services, Elm Court
  sliding and Willow House steady, for the leadership plugin's indicators to read;
- `pulse`: a year of staff pulse rounds at Elm Court (falling) and Willow House (steady, one
  open now).
"""

from . import forums, history, pulse, spaces


def load(stdout):
    spaces.load(stdout)
    forums.load(stdout)
    history.load(stdout)
    pulse.load(stdout)


def summary(stdout):
    spaces.summary(stdout)
    forums.summary(stdout)
