from django import forms

from cms.sanitise import SanitisedCharField

SCORES = [(n, str(n)) for n in range(1, 6)]


class ReflectionForm(forms.Form):
    page = forms.TypedChoiceField(
        label="What is it about?",
        coerce=int,
        error_messages={"required": "Choose a module or scenario."},
    )
    text = SanitisedCharField(
        label="Your reflection",
        help_text="Only you can see this, unless you choose to share it with your supervisor.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Write your reflection before saving it."},
    )
    attempt = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, pages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].choices = [("", "Choose a module or scenario")] + [
            (page.pk, page.title) for page in pages
        ]


class ReplyForm(forms.Form):
    text = SanitisedCharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Write your reply before sending it."},
    )


class ModuleFeedbackForm(forms.Form):
    clarity = forms.TypedChoiceField(
        label="How clear was this module?",
        help_text="1 means very unclear, 5 means very clear.",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how clear the module was, from 1 to 5."},
    )
    relevance = forms.TypedChoiceField(
        label="How useful is it for your work?",
        help_text="1 means not useful, 5 means very useful.",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how useful the module was, from 1 to 5."},
    )
    comment = SanitisedCharField(
        label="Anything else you want to tell the authors?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
