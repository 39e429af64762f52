"""StreamField blocks a trainer needs to write a training module or a toolkit resource page.

One block per teaching device, each with its own template under templates/blocks/ (GOV.UK
Frontend classes, so the public site needs no extra CSS), an icon, and a preview value so the
block picker shows what the block looks like before a trainer adds it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PREVIEW_TEMPLATE = "blocks/preview.html"

TRAINER_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class WholeNumberBlock(blocks.IntegerBlock):
    """A whole number, taken from the editor's form as a number rather than its text.

    Wagtail's IntegerBlock keeps what the form posted ("10") and compares it with the stored
    number (10) to decide whether a page changed, so approving an untouched page from its
    edit view saved a new draft (a "Draft saved" entry by the moderator) before publishing.
    """

    def value_from_form(self, value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return value  # left for the form field's validation to report

    class Meta:
        icon = "placeholder"


class RichTextBlock(blocks.RichTextBlock):
    """Running text: headings (h2, h3), paragraphs, lists and links. No images: use the image
    block, which insists on alternative text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", TRAINER_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/rich_text_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = (
            "<h2>Why this matters</h2><p>Most adults who are harmed know the person harming "
            "them. Staff who see them every day are often the first to notice.</p>"
        )
        description = _("Paragraphs, headings, lists and links.")


class CalloutBlock(blocks.StructBlock):
    """A short point set apart from the text: a key message, or a warning the learner must not
    miss (a legal duty, an emergency action)."""

    style = blocks.ChoiceBlock(
        choices=[("key", _("Key message")), ("warning", _("Warning"))],
        default="key",
        label=_("Style"),
    )
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "style": "warning",
            "heading": "If someone is in immediate danger",
            "text": "<p>Call 999 first. Raise the safeguarding concern afterwards.</p>",
        }
        description = _("A key message or a warning, set apart from the text.")


class CaseStudyBlock(blocks.StructBlock):
    """A fictional scenario to discuss, with the questions the group works through and, hidden
    until opened, the points the facilitator draws out."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    scenario = blocks.RichTextBlock(
        label=_("Scenario"), features=["bold", "italic", "ul", "ol"]
    )
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question")), label=_("Questions"), min_num=1
    )
    facilitator_notes = blocks.RichTextBlock(
        label=_("Facilitator notes"),
        required=False,
        features=["bold", "italic", "ul", "ol"],
        help_text=_("Shown folded, so learners can try the questions first."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Case study")
        template = "blocks/case_study_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "Mr A and the new lodger",
            "scenario": "<p>Mr A, 82, lives alone. A neighbour says a younger man has moved in "
            "and Mr A no longer comes to the door.</p>",
            "questions": ["What might be happening?", "Who would you tell, and how?"],
            "facilitator_notes": "<p>Consider financial abuse and cuckooing.</p>",
        }
        description = _("A scenario with discussion questions and folded notes.")


class PersonVoiceBlock(blocks.StructBlock):
    """'The person's voice' (Making Safeguarding Personal): what an adult with lived experience
    said, in their words, so learners keep the person at the centre. Quotes are fictional or
    used with consent; never identify a real adult."""

    quote = blocks.TextBlock(label=_("What the person said"))
    attribution = blocks.CharBlock(
        label=_("Who said it"),
        max_length=120,
        help_text=_("A description, never a name: e.g. 'An adult who used services'."),
    )
    context = blocks.CharBlock(label=_("Context"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("The person's voice")
        template = "blocks/person_voice_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "quote": "Nobody asked me what I wanted. They just decided it for me.",
            "attribution": "An adult who went through a safeguarding enquiry",
            "context": "Fictional, based on common feedback in reviews",
        }
        description = _(
            "A quote in the adult's own words (Making Safeguarding Personal)."
        )


class LearningActivityBlock(blocks.StructBlock):
    """Something learners do: the task, how long it takes, how they work (alone, in pairs, in
    groups) and what they should have at the end."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    minutes = WholeNumberBlock(
        label=_("Minutes"), min_value=1, max_value=240, default=15
    )
    grouping = blocks.ChoiceBlock(
        choices=[
            ("individual", _("On your own")),
            ("pairs", _("In pairs")),
            ("groups", _("In small groups")),
            ("whole", _("Whole group")),
        ],
        default="groups",
        label=_("How learners work"),
    )
    instructions = blocks.RichTextBlock(
        label=_("Instructions"), features=["bold", "italic", "ol", "ul", "link"]
    )
    outcome = blocks.CharBlock(
        label=_("What learners have at the end"), required=False, max_length=200
    )

    class Meta:
        icon = "group"
        label = _("Learning activity")
        template = "blocks/learning_activity_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "Spot the indicators",
            "minutes": 15,
            "grouping": "pairs",
            "instructions": "<ol><li>Read the case study.</li><li>List every indicator of "
            "abuse or neglect you can find.</li></ol>",
            "outcome": "A list of indicators sorted by type of abuse",
        }
        description = _("A timed task for learners, alone or in groups.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        choices = dict(self.child_blocks["grouping"].field.choices)
        context["grouping_label"] = choices.get(value.get("grouping"), "")
        return context


class VideoBlock(blocks.StructBlock):
    """An embedded video (a link to a video service), with a title for screen readers and a
    transcript so the content is available without sound or vision."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    video = EmbedBlock(label=_("Video address"))
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=["bold", "italic", "ul"]
    )

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "blocks/video_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "What is Making Safeguarding Personal?",
            "transcript": "<p>A short film in which practitioners describe asking the adult "
            "what outcome they want.</p>",
        }
        description = _("A video from a video service, with a transcript.")


class DocumentBlock(blocks.StructBlock):
    """A download: a handout, slide deck or poster from the document library, with what it is
    for. The link text names the file type and size, as GOV.UK attachments do."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=120,
        help_text=_("Leave blank to use the document's title."),
    )
    description = blocks.CharBlock(
        label=_("What it is for"), required=False, max_length=200
    )

    class Meta:
        icon = "download"
        label = _("Document download")
        template = "blocks/document_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": "Facilitator slides",
            "description": "Slides for the 3.5 hour workshop",
        }
        description = _("A file to download from the document library.")


class ImageBlock(blocks.StructBlock):
    """An image with REQUIRED alternative text (WCAG 1.1.1): the text says what the image shows
    for someone who cannot see it. Decorative images do not belong in a training module."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=True,
        help_text=_("Describe what the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "alt_text": "A poster listing the ten types of abuse",
            "caption": "The partnership's types of abuse poster",
        }
        description = _("An image with required alternative text.")

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image for screen readers.")
                    )
                }
            )
        return value


class ModuleStreamBlock(blocks.StreamBlock):
    """The body of a module page or toolkit resource page."""

    text = RichTextBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    person_voice = PersonVoiceBlock()
    activity = LearningActivityBlock()
    video = VideoBlock()
    document = DocumentBlock()
    image = ImageBlock()

    class Meta:
        icon = "doc-full-inverse"
