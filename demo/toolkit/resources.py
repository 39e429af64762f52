"""The demo toolkit's documents: two resource pages, and the handouts attached to modules."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from demo.toolkit.blocks import callout, text

RESOURCES = [
    {
        "slug": "posters-and-leaflets",
        "title": "Posters and leaflets",
        "summary": "Printable posters and leaflets for staff rooms, reception areas and vehicles.",
        "body": [
            text(
                "<p>Put the partnership's posters where staff and volunteers will see them: "
                "staff rooms, reception desks and inside vehicle cab doors. Each names what "
                "to do and who to call.</p>"
            )
        ],
        "documents": [
            (
                "Types of abuse poster",
                "types-of-abuse-poster.txt",
                "A4 poster of the ten types of abuse",
            ),
            (
                "Who to call: contacts by area",
                "who-to-call.txt",
                "Adult social care contacts for the seven areas",
            ),
        ],
    },
    {
        "slug": "facilitator-guide",
        "title": "Facilitator guide to joint sessions",
        "summary": "How to run a multi-agency session: ground rules, mixing tables and handling disclosures.",
        "body": [
            text(
                "<h2>Mix the room</h2><p>Seat people so that no table has two people from "
                "the same agency. The learning happens when a firefighter hears how a social "
                "worker reads the same case.</p>"
            ),
            callout(
                "If a learner discloses",
                "<p>Training about abuse can bring back experiences. Agree in advance who "
                "will step out with a learner who needs support.</p>",
                style="warning",
            ),
        ],
        "documents": [
            (
                "Facilitator checklist",
                "facilitator-checklist.txt",
                "Before, during and after a joint session",
            )
        ],
    },
]

MODULE_DOCUMENTS = {
    "recognising-and-raising-a-concern": [
        (
            "Raising a concern: flowchart",
            "raising-a-concern-flowchart.txt",
            "From noticing to raising a concern with the local authority",
        ),
        (
            "Workshop slides: recognising and raising a concern",
            "m02-slides.txt",
            "Slides for the 3.5 hour session",
        ),
    ],
    "multi-agency-enquiries-and-roles": [
        (
            "Pre-learning workbook: enquiries and roles",
            "m05-pre-learning.txt",
            "Complete before the workshop (1.5 hours)",
        ),
    ],
    "domestic-abuse-dash-and-marac": [
        (
            "Asking about domestic abuse: prompt card",
            "m07-prompt-card.txt",
            "Questions to open a safe conversation",
        ),
    ],
    "self-neglect-and-hoarding": [
        (
            "Self-neglect: engagement handout",
            "m09-handout.txt",
            "Approaches that help when help is refused",
        ),
    ],
}


def document_ensure(*, title: str, filename: str, collection: Collection):
    """The demo document of this title, made (as a short text file) the first time."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        content = (
            f"{title}\n\nWest Midlands Safeguarding Adults Partnership – joint training toolkit."
            "\nDemo document.\n"
        )
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(content.encode()), save=False)
        document.save()
    return document
