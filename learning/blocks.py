"""StreamField blocks for modules and scenarios."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.pages.blocks import BaseStreamBlock

from .principles import ChoiceQuality, Principle
from .validation import scenario_errors


class KnowledgeCheckOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock()
    correct = blocks.BooleanBlock(required=False)
    explanation = blocks.TextBlock(help_text="Why this option is right or wrong.")


class KnowledgeCheckBlock(blocks.StructBlock):
    question = blocks.TextBlock()
    multiple = blocks.BooleanBlock(
        required=False, help_text="More than one option is correct (the learner ticks boxes)."
    )
    options = blocks.ListBlock(KnowledgeCheckOptionBlock(), min_num=2)

    class Meta:
        icon = "help"
        template = "learning/blocks/knowledge_check.html"


class ReflectionPromptBlock(blocks.TextBlock):
    class Meta:
        icon = "edit"
        template = "learning/blocks/reflection_prompt.html"


class ModuleBodyBlock(BaseStreamBlock):
    reflection = ReflectionPromptBlock()
    knowledge_check = KnowledgeCheckBlock()


class ChoiceBlock(blocks.StructBlock):
    key = blocks.RegexBlock(regex=r"^[a-z0-9-]+$", error_messages={"invalid": "Use a-z, 0-9, -"})
    text = blocks.TextBlock()
    next_step = blocks.CharBlock(help_text="The key of the step this choice leads to.")
    feedback = blocks.TextBlock()
    quality = blocks.ChoiceBlock(choices=ChoiceQuality.choices)
    principles = blocks.MultipleChoiceBlock(choices=Principle.choices, required=False)


class StepBlock(blocks.StructBlock):
    key = blocks.RegexBlock(regex=r"^[a-z0-9-]+$", error_messages={"invalid": "Use a-z, 0-9, -"})
    situation = blocks.TextBlock()
    person_says = blocks.TextBlock(required=False)
    is_ending = blocks.BooleanBlock(required=False)
    outcome = blocks.TextBlock(required=False, help_text="For an ending: what happened.")
    choices = blocks.ListBlock(ChoiceBlock(), default=[])


class ScenarioStepsBlock(blocks.StreamBlock):
    """The steps of a scenario; the first is the start. Saving is refused, with the message at
    the step concerned, unless every step can be reached and can lead to an ending."""

    step = StepBlock()

    def clean(self, value):
        cleaned = super().clean(value)
        errors = scenario_errors([child.value for child in cleaned])
        if errors:
            general = errors.pop(None, [])
            raise StreamBlockValidationError(
                block_errors={
                    index: StructBlockValidationError(
                        non_block_errors=ErrorList([ValidationError(m) for m in messages])
                    )
                    for index, messages in errors.items()
                },
                non_block_errors=ErrorList([ValidationError(m) for m in general]),
            )
        return cleaned
