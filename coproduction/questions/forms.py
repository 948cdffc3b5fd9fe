"""Forms of the questions part. They read the input and say at the field what is wrong; the
rules that must hold whoever calls are in `services`."""

from django import forms
from django.utils import timezone

from cms.sanitise import SanitisedCharField

from ..forms import LATER_UNDER_YOUR_WORDS, LATER_UNLESS_ANONYMOUS, quote_consent_field
from ..tracker.forms import ThemesByGroupForm

ANONYMOUS_HELP = (
    "If you tick this, your name is not kept with the question: the home will not know who "
    "asked it. It also means you will not see it as your question, and we cannot email you "
    "the answer. Look for the answer on the forum's questions page."
)


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, event):
        when = timezone.localtime(event.starts_at)
        return f"{event.title}, {when:%-d %B %Y}"


class QuestionForm(forms.Form):
    text = SanitisedCharField(
        label="Your question",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ask anything about the home and its care. Please do not write about "
        "anyone's health.",
    )
    event = EventChoiceField(
        queryset=None,
        required=False,
        label="Ask it ahead of an event",
        empty_label="No particular event",
        help_text="Choose the event where you would like it answered, if any.",
    )
    anonymous = forms.BooleanField(
        required=False, label="Ask anonymously", help_text=ANONYMOUS_HELP
    )
    may_quote = quote_consent_field(later=LATER_UNLESS_ANONYMOUS)

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        if not events.exists():
            del self.fields["event"]


class AnswerForm(ThemesByGroupForm):
    """The answer, and (optionally) the tracker's themes for the question."""

    answer = SanitisedCharField(
        label="Your answer",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Everyone in the forum can read the answer.",
    )


class ThreadForm(forms.Form):
    title = SanitisedCharField(label="Title", max_length=200)
    body = SanitisedCharField(
        label="Your message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Everyone in the forum can read it. Please do not write about anyone's health.",
    )
    may_quote = quote_consent_field(later=LATER_UNDER_YOUR_WORDS)


class ReplyForm(forms.Form):
    body = SanitisedCharField(
        label="Your reply", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    may_quote = quote_consent_field(later=LATER_UNDER_YOUR_WORDS)


class HideForm(forms.Form):
    reason = SanitisedCharField(
        label="Why are you hiding this post?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone in the discussion sees this reason, and the author is emailed it.",
    )


class ReportForm(forms.Form):
    reason = SanitisedCharField(
        label="What is wrong with this post?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only the hosts see your report.",
    )
