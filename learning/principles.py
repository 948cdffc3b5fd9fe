"""The controlled list of principles a scenario choice can test.

Kept as code, not data, because learning records and indicators refer to these keys for years:
a key is never renamed or reused. Labels may be reworded.
"""

from django.db import models


class Principle(models.TextChoices):
    # Mental Capacity Act 2005, section 1
    MCA_ASSUME_CAPACITY = "mca_1", "MCA principle 1: assume capacity"
    MCA_SUPPORT_DECISIONS = "mca_2", "MCA principle 2: support people to decide"
    MCA_UNWISE_DECISIONS = "mca_3", "MCA principle 3: an unwise decision is not incapacity"
    MCA_BEST_INTERESTS = "mca_4", "MCA principle 4: best interests"
    MCA_LEAST_RESTRICTIVE = "mca_5", "MCA principle 5: least restrictive option"
    # Care Act 2014 statutory guidance, chapter 14: the six safeguarding principles
    EMPOWERMENT = "empowerment", "Care Act: empowerment"
    PREVENTION = "prevention", "Care Act: prevention"
    PROPORTIONALITY = "proportionality", "Care Act: proportionality"
    PROTECTION = "protection", "Care Act: protection"
    PARTNERSHIP = "partnership", "Care Act: partnership"
    ACCOUNTABILITY = "accountability", "Care Act: accountability"
    # Practice principles from the five imperatives (S1) and the wider sources
    MAKING_SAFEGUARDING_PERSONAL = "msp", "Making safeguarding personal"
    LISTENING = "listening", "Listening and acting on what is heard"
    SPEAKING_UP = "speaking_up", "Speaking up"
    VALUES = "values", "Living the stated values"
    DIGNITY = "dignity", "Dignity and respect"
    HUMAN_RIGHTS = "human_rights", "Human rights"
    OPEN_LEADERSHIP = "open_leadership", "Leading openly"
    LEARNING = "learning", "Learning, not blaming"
    MAKING_CONNECTIONS = "connections", "Joining the dots"
    CANDOUR = "candour", "Being open when things go wrong (duty of candour)"
    RECORDING = "recording", "Recording accurately"
    ESCALATION = "escalation", "Escalating and reporting"
    LEAST_RESTRICTIVE_PRACTICE = "restrictive_practice", "Reducing restrictive practice"
    FAMILY_PARTNERSHIP = "family_partnership", "Working with families"
    SAFER_RECRUITMENT = "safer_recruitment", "Values-based and safer recruitment"


class ChoiceQuality(models.TextChoices):
    BEST = "best", "Best"
    ACCEPTABLE = "acceptable", "Acceptable"
    RISKY = "risky", "Risky"
    HARMFUL = "harmful", "Harmful"


class Imperative(models.TextChoices):
    """The five imperatives of the source paper (S1)."""

    LISTEN = "listen", "Listen, understand and act on what is heard"
    LEAD = "lead", "Lead openly and courageously"
    LEARN = "learn", "Create a learning culture"
    CONNECT = "connect", "Make connections"
    VALUES = "values", "Translate values into action"
