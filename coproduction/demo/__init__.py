"""Demo co-production (run by `manage.py load_demo` after the host's and the learning demo).

Three parts, each made through the plugin's services and safe to run again:
- `spaces`: co-production spaces, agenda items, priority rounds, meetings, involvement
  payments, the feedback tracker and "you said, we did";
- `forums`: the family forum of Willow House (families, events, questions, threads, the family
  survey) and concerns in every status;
- `history`: two years of family surveys and concerns at Riverside's services, Elm Court
  sliding and Willow House steady, for the leadership plugin's indicators to read.
"""

from . import forums, history, spaces


def load(stdout):
    spaces.load(stdout)
    forums.load(stdout)
    history.load(stdout)


def summary(stdout):
    spaces.summary(stdout)
    forums.summary(stdout)
