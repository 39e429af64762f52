"""The demo site: the home page, the framework page, the training toolkit and news. Idempotent.

The twelve modules are those of ../shared/domain section 5.5, each delivering its bundle from
competencies/demo_framework.py. All text is our own; the people in case studies and quotes are
fictional.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.models import (
    FrameworkPage,
    HomePage,
    ModuleCompetency,
    ModulePage,
    ModuleResource,
    NewsIndexPage,
    NewsPage,
    ResourceDocument,
    ResourcePage,
    ToolkitIndexPage,
)
from cms.services import moderation_ensure
from cms.site import site_ensure

HOME_INTRODUCTION = (
    "Police, councils, NHS trusts, probation, fire and voluntary organisations across the seven "
    "West Midlands areas train together: one adult safeguarding competency framework, one "
    "training toolkit, and joint sessions where staff from different agencies learn side by side."
)

HOME_BODY = (
    "<p>Every partner agency measures its staff against the same framework, so a level 2 "
    "police officer and a level 2 care worker are expected to know the same things. Trainers "
    "from each agency write the toolkit together, and a moderator checks every module before it "
    "is published.</p>"
    "<p>Joint sessions mix agencies on purpose: most of what goes wrong in safeguarding goes "
    "wrong between organisations, so that is where we learn.</p>"
)


def seed_site() -> HomePage:
    home = site_ensure()
    if not home.introduction:
        home.introduction = HOME_INTRODUCTION
        home.save_revision().publish()
    return home


# --- StreamField helpers: the block values of the module bodies -----------------------------


def text(html):
    return ("text", html)


def callout(heading, html, style="key"):
    return ("callout", {"style": style, "heading": heading, "text": html})


def case(title, scenario, questions, notes=""):
    return (
        "case_study",
        {
            "title": title,
            "scenario": scenario,
            "questions": questions,
            "facilitator_notes": notes,
        },
    )


def voice(quote, attribution, context="Fictional, drawn from common themes in reviews"):
    return (
        "person_voice",
        {"quote": quote, "attribution": attribution, "context": context},
    )


def activity(title, minutes, grouping, instructions, outcome=""):
    return (
        "activity",
        {
            "title": title,
            "minutes": minutes,
            "grouping": grouping,
            "instructions": instructions,
            "outcome": outcome,
        },
    )


# --- The twelve modules -----------------------------------------------------------------------

MODULES = [
    {
        "number": "M01",
        "slug": "adult-safeguarding-awareness",
        "title": "Adult Safeguarding Awareness",
        "bundle": "B-L1",
        "level": 1,
        "hours": "2",
        "mode": "e_learning",
        "refresh": 36,
        "evaluation": False,
        "summary": (
            "The starting point for everyone who works or volunteers with a partner agency, "
            "whether or not they meet adults at risk: what abuse and neglect look like, and "
            "what to do if you are worried."
        ),
        "outcomes": [
            "Name the main types of abuse and neglect an adult can experience",
            "Explain who counts as an adult at risk and why safeguarding applies to them",
            "Say what to do straight away if someone is in danger",
            "Know who to tell in your own organisation, and write down what you saw and heard",
            "Recognise that Prevent, domestic abuse and exploitation are part of safeguarding",
        ],
        "body": [
            text(
                "<h2>Why everyone needs this</h2><p>Safeguarding is not only a job for social "
                "workers. The receptionist who notices a visitor is frightened, the driver who "
                "sees the same bruises every week and the volunteer who hears a worrying remark "
                "are often the first people in a position to help.</p>"
            ),
            callout(
                "If someone is in immediate danger",
                "<p>Call 999. Then tell your manager or safeguarding lead the same day.</p>",
                style="warning",
            ),
            voice(
                "I kept hoping someone would ask. When the lady from the library did, it all "
                "came out.",
                "An older woman who had been financially abused by a relative",
            ),
            activity(
                "Who would you tell?",
                10,
                "individual",
                "<p>Find your organisation's safeguarding policy and write down the name and "
                "number of the person you would contact, in and out of hours.</p>",
                "A contact you can use tomorrow",
            ),
        ],
    },
    {
        "number": "M02",
        "slug": "recognising-and-raising-a-concern",
        "title": "Recognising and Raising a Safeguarding Concern (WM procedures)",
        "bundle": "B-L2",
        "level": 2,
        "hours": "3.5",
        "mode": "virtual",
        "refresh": 36,
        "evaluation": False,
        "summary": (
            "A multi-agency half day for staff and volunteers in regular contact with adults: "
            "spotting the signs, responding to a disclosure and raising a concern under the "
            "West Midlands procedures."
        ),
        "outcomes": [
            "Spot indicators of each type of abuse in everyday work",
            "Apply the three-part test for an adult at risk",
            "Respond to a disclosure calmly without asking leading questions",
            "Raise a safeguarding concern with the local authority, in and out of hours",
            "Keep factual, timed and signed records that explain your decisions",
        ],
        "body": [
            text(
                "<h2>The three-part test</h2><p>A local authority must make enquiries when an "
                "adult has care and support needs, is experiencing or at risk of abuse or "
                "neglect, and because of those needs cannot protect themselves. You do not need "
                "to be sure before you raise a concern: that is what the enquiry is for.</p>"
            ),
            case(
                "Mrs K and the missed visits",
                "<p>Mrs K, 74, has dementia and lives with her son. Her day centre notices she "
                "has missed three weeks, and when she returns she is thinner and flinches when "
                "helped to stand. Her son says she has been 'difficult'.</p>",
                [
                    "Which indicators do you notice, and of which types of abuse?",
                    "Does Mrs K meet the three-part test?",
                    "What would you say to Mrs K, and what would you record?",
                ],
                "<p>Draw out neglect and physical abuse, the son's possible carer strain, and "
                "the need to speak with Mrs K alone.</p>",
            ),
            voice(
                "Please don't tell me it's going to be fine. Just tell me what happens next.",
                "An adult who disclosed abuse to a support worker",
            ),
            callout(
                "Consent and concerns",
                "<p>Ask the adult what they want and tell them what you will do. If others are "
                "at risk, or a crime is involved, you may need to share without consent: "
                "record why.</p>",
            ),
        ],
    },
    {
        "number": "M03",
        "slug": "mental-capacity-act-and-dols-essentials",
        "title": "Mental Capacity Act and DoLS Essentials",
        "bundle": "B-MCA2",
        "level": 2,
        "hours": "1.5",
        "mode": "e_learning",
        "refresh": 36,
        "evaluation": False,
        "summary": (
            "An e-learning module on the five principles of the Mental Capacity Act 2005, when "
            "to question whether someone can make a decision, and how to spot a possible "
            "deprivation of liberty."
        ),
        "outcomes": [
            "Apply the five principles of the Mental Capacity Act in daily practice",
            "Recognise when a decision-specific capacity assessment is needed",
            "Recognise a possible deprivation of liberty and who to alert",
            "Explain when an adult is entitled to an advocate",
        ],
        "body": [
            text(
                "<h2>Start from capacity</h2><p>Everyone is assumed to be able to make their "
                "own decisions unless it is shown that they cannot. An unwise choice is not "
                "proof of a lack of capacity, and capacity is about one decision at one time.</p>"
            ),
            activity(
                "Unwise or unable?",
                15,
                "individual",
                "<p>Read the four short scenarios and decide for each whether you would "
                "question capacity, and why.</p>",
                "Your reasons, ready to discuss with your supervisor",
            ),
        ],
    },
    {
        "number": "M04",
        "slug": "prevent-awareness-and-referrals",
        "title": "Prevent Awareness and Referrals",
        "bundle": "B-PREV2",
        "level": 2,
        "hours": "1.25",
        "mode": "e_learning",
        "refresh": 36,
        "evaluation": False,
        "summary": (
            "Radicalisation as a safeguarding concern: noticing when someone may be drawn into "
            "terrorism, checking your concern with others and sharing it through the right "
            "route."
        ),
        "outcomes": [
            "Explain why Prevent is part of safeguarding adults",
            "Apply notice, check, share to a concern about radicalisation",
            "Know how to get advice from your Prevent lead before referring",
        ],
        "body": [
            text(
                "<h2>Notice, check, share</h2><p>Notice a change in what someone says or does; "
                "check your concern with your safeguarding lead; share it through your "
                "organisation's Prevent route. Most referrals lead to support, not to "
                "criminal proceedings.</p>"
            ),
            callout(
                "Urgent risk",
                "<p>If you think an attack may be imminent, call 999.</p>",
                style="warning",
            ),
        ],
    },
    {
        "number": "M05",
        "slug": "multi-agency-enquiries-and-roles",
        "title": "Multi-Agency Safeguarding Adults: Enquiries and Roles",
        "bundle": "B-L3",
        "level": 3,
        "hours": "8",
        "mode": "face_to_face",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "A blended day for professionals who assess, plan and intervene: 1.5 hours of "
            "pre-learning and a 6.5 hour multi-agency workshop on section 42 enquiries, "
            "information sharing, the MASH and protection planning."
        ),
        "outcomes": [
            "Decide, with the adult, whether a concern meets the section 42 criteria",
            "Undertake a proportionate enquiry as enquiry officer",
            "Share information lawfully without consent when it is needed, and record why",
            "Contribute to strategy discussions, the MASH and multi-agency protection plans",
            "Challenge and escalate professional disagreement between agencies",
        ],
        "body": [
            text(
                "<h2>Before the workshop</h2><p>Read the West Midlands procedures on "
                "enquiries and bring one anonymised example from your own work where several "
                "agencies were involved.</p>"
            ),
            case(
                "Mr D and the recurring falls",
                "<p>Mr D, 58, has a learning disability and lives in supported housing. The "
                "ambulance service has attended five falls in two months; the housing provider "
                "has logged complaints about a new friend who stays over; the GP has noticed "
                "missed prescriptions.</p>",
                [
                    "What does each agency know that the others do not?",
                    "Who should lead the enquiry, and what would make it proportionate?",
                    "What outcome might Mr D want?",
                ],
                "<p>Use the case to show cumulative harm across records and the value of a "
                "strategy discussion early.</p>",
            ),
            activity(
                "Mapping the MASH",
                30,
                "groups",
                "<p>In mixed-agency groups, draw how a concern travels from a frontline "
                "worker to a decision, and mark where information can get stuck.</p>",
                "A shared map with three places the group would change",
            ),
            voice(
                "Everyone had a piece of my story. Nobody had put it together.",
                "An adult who was the subject of a Safeguarding Adults Review",
            ),
        ],
    },
    {
        "number": "M06",
        "slug": "msp-and-mental-capacity-in-practice",
        "title": "Making Safeguarding Personal and Mental Capacity in Practice",
        "bundle": "B-MCA3",
        "level": 3,
        "hours": "3.5",
        "mode": "virtual",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "For professionals: working with the adult towards the outcomes they want, "
            "carrying out capacity assessments and best-interests decisions, and protecting "
            "liberty and voice through advocacy and the right legal routes."
        ),
        "outcomes": [
            "Plan and review safeguarding actions against the adult's own outcomes",
            "Carry out a decision-specific capacity assessment and record it",
            "Make and record a best-interests decision that involves the right people",
            "Start DoLS or Court of Protection routes when they are needed",
            "Involve an IMCA or Care Act advocate at the right time",
        ],
        "body": [
            voice(
                "I wanted to stay in my flat. Once they understood that, everything they did "
                "was about making that safe.",
                "A man in his eighties who was supported after a safeguarding enquiry",
            ),
            text(
                "<h2>Outcomes, not outputs</h2><p>Making Safeguarding Personal means asking at "
                "the start what the adult wants to be different, returning to it at every "
                "review, and measuring success by whether they feel safer on their own terms.</p>"
            ),
            activity(
                "Rewrite the plan",
                20,
                "pairs",
                "<p>Take the protection plan in the handout and rewrite each action so that "
                "it starts from what the adult said they want.</p>",
            ),
        ],
    },
    {
        "number": "M07",
        "slug": "domestic-abuse-dash-and-marac",
        "title": "Domestic Abuse, Coercive Control, DASH and MARAC",
        "bundle": "B-DA3",
        "level": 3,
        "hours": "3.5",
        "mode": "face_to_face",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "Recognising coercive control, asking about domestic abuse safely, completing the "
            "DASH risk checklist and referring to MARAC and an IDVA, with learning from "
            "domestic abuse related death reviews."
        ),
        "outcomes": [
            "Recognise coercive and controlling behaviour, including towards older and disabled adults",
            "Ask about domestic abuse safely and respond to a disclosure",
            "Use the DASH checklist to assess risk and refer to MARAC and an IDVA",
            "Agree a safety plan with the adult",
        ],
        "body": [
            text(
                "<h2>Abuse is a pattern</h2><p>Coercive control is a pattern of behaviour that "
                "isolates, monitors and frightens. It often looks like care: a partner who "
                "always answers for the adult, holds their medication or manages their "
                "money.</p>"
            ),
            callout(
                "Asking safely",
                "<p>Only ask about abuse when the adult is alone and it is safe to talk. Never "
                "use a family member as an interpreter.</p>",
                style="warning",
            ),
            case(
                "Mrs P and her husband",
                "<p>Mrs P, 67, has multiple sclerosis. Her husband attends every appointment, "
                "answers for her and has cancelled her carers twice.</p>",
                [
                    "What might be happening?",
                    "How would you create a safe chance to ask Mrs P?",
                    "What would make this a MARAC referral?",
                ],
            ),
        ],
    },
    {
        "number": "M08",
        "slug": "exploitation-and-modern-slavery",
        "title": "Exploitation, Modern Slavery and Transitional Safeguarding",
        "bundle": "B-EXP3",
        "level": 3,
        "hours": "3",
        "mode": "virtual",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "Cuckooing, county lines, sexual and labour exploitation and modern slavery: how "
            "they affect adults, the duty to notify and the National Referral Mechanism, and "
            "keeping young people safe as they turn 18."
        ),
        "outcomes": [
            "Recognise the signs of cuckooing, county lines, sexual and labour exploitation",
            "Refer through the National Referral Mechanism and meet the duty to notify",
            "Plan transitional safeguarding for young people approaching 18",
        ],
        "body": [
            case(
                "A new friend at Mr T's flat",
                "<p>Mr T, 41, has a mild learning disability. Neighbours report young people "
                "coming and going at all hours; Mr T says they are his friends but he has "
                "started sleeping at his sister's.</p>",
                [
                    "What type of exploitation could this be?",
                    "Which agencies need to know, and how quickly?",
                ],
                "<p>Cuckooing: consider immediate safety, police involvement and housing "
                "options that Mr T agrees to.</p>",
            ),
            text(
                "<h2>Turning 18 is not a cliff edge</h2><p>Exploitation does not stop on a "
                "birthday. Children's and adults' services plan together so that support "
                "continues across the transition.</p>"
            ),
        ],
    },
    {
        "number": "M09",
        "slug": "self-neglect-and-hoarding",
        "title": "Self-Neglect and Hoarding (WM guidance)",
        "bundle": "B-SN3",
        "level": 3,
        "hours": "3",
        "mode": "face_to_face",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "Working with adults who neglect themselves or their home: building trust with "
            "people who refuse help, weighing choice against risk, and using the West Midlands "
            "self-neglect guidance with fire, housing and health colleagues."
        ),
        "outcomes": [
            "Apply the West Midlands self-neglect guidance to a case",
            "Engage an adult who is reluctant to accept help",
            "Use a clutter rating and fire risk check with partner agencies",
            "Know when self-neglect needs a multi-agency risk meeting",
        ],
        "body": [
            voice(
                "They came every week, even when I shouted. In the end I let one of them make "
                "me a cup of tea.",
                "A man who had hoarded for twenty years",
            ),
            text(
                "<h2>Persistence over time</h2><p>Self-neglect rarely changes after one visit. "
                "Reviews repeatedly find cases closed because the adult declined help, before "
                "anyone understood why.</p>"
            ),
            activity(
                "Safe and Well visit role play",
                25,
                "groups",
                "<p>One person plays a resident who does not want the visit; one a "
                "firefighter; one an observer. Swap after ten minutes.</p>",
                "Three phrases that helped open the conversation",
            ),
        ],
    },
    {
        "number": "M10",
        "slug": "prevent-workshop",
        "title": "Prevent Workshop (WRAP-style)",
        "bundle": "B-PREV3",
        "level": 3,
        "hours": "1.5",
        "mode": "face_to_face",
        "refresh": 36,
        "evaluation": True,
        "summary": (
            "A facilitated workshop for clinical decision-makers and safeguarding leads on "
            "making Prevent referrals and contributing to Channel and the Prevent multi-agency "
            "panel."
        ),
        "outcomes": [
            "Decide when a concern about radicalisation needs a Prevent referral",
            "Complete a referral with the information the panel needs",
            "Contribute to Channel or the Prevent multi-agency panel",
        ],
        "body": [
            text(
                "<h2>What the panel needs</h2><p>A good referral says what was seen or heard, "
                "when, what has already been done and what the person's wider needs are. "
                "Vulnerability, not ideology, is the starting point.</p>"
            ),
            activity(
                "Three referrals",
                30,
                "groups",
                "<p>Read three anonymised referrals and decide which the panel could act on, "
                "and what is missing from the others.</p>",
            ),
        ],
    },
    {
        "number": "M11",
        "slug": "managing-enquiries-risk-and-supervision",
        "title": "Managing Enquiries, Risk and Safeguarding Supervision",
        "bundle": "B-L4",
        "level": 4,
        "hours": "6.5",
        "mode": "face_to_face",
        "refresh": 12,
        "evaluation": True,
        "summary": (
            "For safeguarding leads and managers: allocating and signing off enquiries, "
            "quality-assuring risk decisions, chairing multi-agency meetings, giving reflective "
            "supervision and keeping the workforce safe."
        ),
        "outcomes": [
            "Allocate, oversee and sign off section 42 enquiries as managing officer",
            "Quality-assure risk decisions, including positive risk-taking",
            "Chair multi-agency meetings and resolve escalations between agencies",
            "Provide reflective safeguarding supervision",
            "Apply safer recruitment and the Position of Trust framework",
        ],
        "body": [
            text(
                "<h2>The managing officer's questions</h2><p>Is the enquiry proportionate? "
                "Has the adult been asked what they want? Are the right agencies involved? "
                "Is the record clear enough for someone else to pick up tomorrow?</p>"
            ),
            activity(
                "Supervision in practice",
                40,
                "groups",
                "<p>In threes, run a 15-minute reflective supervision on a case, using the "
                "four-stage model in the handout. The observer gives feedback.</p>",
                "One thing you will do differently in your next supervision",
            ),
            callout(
                "Annual refresh",
                "<p>Level 4 competencies are refreshed every 12 months: book your next update "
                "when you finish this module.</p>",
            ),
        ],
    },
    {
        "number": "M12",
        "slug": "strategic-leadership-and-learning-from-reviews",
        "title": "Strategic Safeguarding Leadership and Learning from Reviews",
        "bundle": "B-L5",
        "level": 5,
        "hours": "3",
        "mode": "face_to_face",
        "refresh": 12,
        "evaluation": True,
        "summary": (
            "A seminar for executives, designated professionals and Safeguarding Adults Board "
            "members on leading partnership arrangements, commissioning reviews and assuring "
            "that their learning changes practice."
        ),
        "outcomes": [
            "Lead partnership safeguarding arrangements across agencies",
            "Commission Safeguarding Adults Reviews and assure their action plans",
            "Set and use a quality assurance framework to challenge performance",
            "Represent your agency on the Board and contribute to its strategic plan",
        ],
        "body": [
            text(
                "<h2>From review to change</h2><p>The same themes return in review after "
                "review: poor information sharing, adults not heard, self-neglect cases "
                "closed too early. Leaders decide whether the next review says the same.</p>"
            ),
            case(
                "A review's action plan, two years on",
                "<p>A Board published a review with twelve recommendations. Two years later "
                "all twelve are marked complete, yet a new case shows the same gaps.</p>",
                [
                    "What does 'complete' mean for each action?",
                    "What evidence would convince you practice has changed?",
                ],
            ),
        ],
    },
]

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

NEWS = [
    (
        "new-toolkit-published",
        "The joint training toolkit is published",
        datetime.date(2025, 9, 1),
        "Twelve modules, from awareness for everyone to strategic leadership, now share one "
        "framework across all partner agencies.",
        "<p>Trainers from the police, councils, NHS trusts, probation, fire and voluntary "
        "sector wrote the modules together. Each names the competencies it delivers and at "
        "which level.</p>",
    ),
    (
        "self-neglect-learning",
        "Learning from reviews: self-neglect",
        datetime.date(2025, 10, 6),
        "Reviews across the region keep finding self-neglect cases closed too early. The "
        "self-neglect module has been updated.",
        "<p>The updated module puts more time on persistence and on multi-agency risk "
        "meetings, with a new role play for Safe and Well visits.</p>",
    ),
    (
        "mental-capacity-sessions",
        "More Mental Capacity in Practice sessions",
        datetime.date(2025, 11, 3),
        "Extra virtual sessions of Making Safeguarding Personal and Mental Capacity in "
        "Practice are open for booking.",
        "<p>Demand has outstripped places since the spring; coordinators can book staff from "
        "today.</p>",
    ),
]


def _document(*, title: str, filename: str, collection: Collection):
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


def _child(parent, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_toolkit(*, framework) -> dict:
    """Publish the framework page, the toolkit (12 modules, 2 resource pages, their documents)
    and three news items, and set up moderation. Pages that already exist are left as they are
    (a trainer may have edited them), so a second run changes nothing."""
    from competencies.models import Competency, RoleProfile
    from demo.frameworks import adult_competencies as data

    home = seed_site()
    if not home.body:
        home.body = HOME_BODY
        home.save_revision().publish()

    framework_page = _child(home, FrameworkPage, "framework")
    if framework_page is None:
        framework_page = _publish(
            home,
            FrameworkPage(
                title="The competency framework",
                slug="framework",
                framework=framework,
                introduction=(
                    "What staff in every partner agency must know and do to keep adults safe, "
                    "level by level. Choose a level to see what it asks of a worker."
                ),
            ),
        )

    toolkit = _child(home, ToolkitIndexPage, "toolkit")
    if toolkit is None:
        toolkit = _publish(
            home,
            ToolkitIndexPage(
                title="Training toolkit",
                slug="toolkit",
                introduction=(
                    "Training modules and resources written by trainers from every partner "
                    "agency and checked by a moderator before publication."
                ),
            ),
        )
    moderation_ensure(toolkit=toolkit, site_root=home)

    collection = Collection.get_first_root_node()
    competencies = {c.code: c for c in Competency.objects.filter(framework=framework)}
    profiles = {p.code: p for p in RoleProfile.objects.all()}
    modules = {}
    for spec in MODULES:
        module = _child(toolkit, ModulePage, spec["slug"])
        if module is None:
            audience = [
                profiles[code]
                for code, _n, _l, _t, bundles, _s in data.ROLE_PROFILES
                if spec["bundle"] in bundles and code in profiles
            ]
            if spec["bundle"] == "B-L1":
                audience = list(profiles.values())
            module = ModulePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                learning_outcomes="\n".join(spec["outcomes"]),
                level=spec["level"],
                duration_hours=Decimal(spec["hours"]),
                delivery_mode=spec["mode"],
                refresh_months=spec["refresh"],
                requires_evaluation=spec["evaluation"],
                body=spec["body"],
            )
            module.audience = audience
            module.delivered_competencies = [
                ModuleCompetency(competency=competencies[code], level=level)
                for code, level in sorted(data.BUNDLES[spec["bundle"]].items())
            ]
            module.resources = [
                ModuleResource(
                    document=_document(
                        title=title, filename=filename, collection=collection
                    ),
                    description=description,
                )
                for title, filename, description in MODULE_DOCUMENTS.get(
                    spec["slug"], []
                )
            ]
            _publish(toolkit, module)
        modules[spec["number"]] = module

    for spec in RESOURCES:
        if _child(toolkit, ResourcePage, spec["slug"]) is None:
            page = ResourcePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                body=spec["body"],
            )
            page.documents = [
                ResourceDocument(
                    document=_document(
                        title=title, filename=filename, collection=collection
                    ),
                    description=description,
                )
                for title, filename, description in spec["documents"]
            ]
            _publish(toolkit, page)

    news_index = _child(home, NewsIndexPage, "news")
    if news_index is None:
        news_index = _publish(
            home,
            NewsIndexPage(
                title="News",
                slug="news",
                introduction="News from the partnership's joint training programme.",
            ),
        )
    for slug, title, date, summary, body in NEWS:
        if _child(news_index, NewsPage, slug) is None:
            _publish(
                news_index,
                NewsPage(title=title, slug=slug, date=date, summary=summary, body=body),
            )

    return {
        "home": home,
        "framework_page": framework_page,
        "toolkit": toolkit,
        "modules": modules,
        "news_index": news_index,
    }
