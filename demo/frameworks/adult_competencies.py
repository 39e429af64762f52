"""The demo framework: the West Midlands Adult Safeguarding Competency Framework 2025.1.

Our own wording of the common ground of the national frameworks (docs/demo.md, The framework):
five levels, eight domains, twenty-four competencies with what each looks like at each level.
The module bundles that deliver them and the role profiles are in adult_bundles.py.
"""

FRAMEWORK_NAME = "West Midlands Adult Safeguarding Competency Framework"
FRAMEWORK_VERSION = "2025.1"
FRAMEWORK_DESCRIPTION = (
    "One framework for every partner agency in the seven West Midlands areas. Five levels, from "
    "awareness for everyone to strategic leadership, mapped to the Intercollegiate Document and "
    "the Bournemouth National Competency Framework. A higher level includes the lower ones."
)

LEVELS = [
    # number, name, who, minimum hours per refresh period, refresh months
    (
        1,
        "Awareness",
        "Every employee, volunteer, contractor and elected member, including those with no adult contact.",
        "2",
        36,
    ),
    (
        2,
        "Practitioner",
        "Staff and volunteers in regular contact with adults, carers or the public, who may raise a concern.",
        "3",
        36,
    ),
    (
        3,
        "Professional",
        "Registered and assessing professionals who assess, plan and intervene, and contribute to or lead section 42 enquiries.",
        "8",
        36,
    ),
    (
        4,
        "Specialist lead",
        "Safeguarding leads, named professionals, managers of enquiries and specialist supervisors.",
        "8",
        12,
    ),
    (
        5,
        "Strategic",
        "Designated professionals, heads of safeguarding, executives and Safeguarding Adults Board members.",
        "8",
        12,
    ),
]

DOMAINS = [
    ("SA1", "Recognising abuse and neglect"),
    ("SA2", "Responding, reporting and recording"),
    (
        "SA3",
        "Person-centred practice: Making Safeguarding Personal, mental capacity and consent",
    ),
    ("SA4", "Information sharing and multi-agency working"),
    ("SA5", "Enquiry, risk and safety planning"),
    ("SA6", "Specific harms: domestic abuse, exploitation, radicalisation"),
    ("SA7", "Learning, supervision and quality"),
    ("SA8", "Leadership, governance and safe organisations"),
]

# code, title, statement, {level: indicator}
COMPETENCIES = [
    (
        "SA1.1",
        "Types and indicators of abuse",
        "Recognises the forms abuse and neglect take and what they look like.",
        {
            1: "Names the main types of abuse and neglect.",
            2: "Spots indicators of each Care Act category of abuse in everyday work.",
            3: "Interprets patterns of indicators and what they mean for risk.",
        },
    ),
    (
        "SA1.2",
        "Adults at risk",
        "Knows who safeguarding duties protect and why.",
        {
            1: "Knows safeguarding applies to adults who cannot protect themselves.",
            2: "Applies the three-part test: care and support needs, abuse or risk of it, unable to protect themselves.",
            3: "Weighs capacity, dependency, isolation and coercion in judging risk.",
        },
    ),
    (
        "SA1.3",
        "Hidden and cumulative harm",
        "Sees harm that builds up over time or sits across several records.",
        {
            2: "Recognises self-neglect, organisational abuse and coercive control.",
            3: "Identifies cumulative and low-level harm across agencies' records.",
        },
    ),
    (
        "SA2.1",
        "Immediate safety",
        "Acts to keep people safe when harm is happening or about to.",
        {
            1: "Calls emergency help and keeps people safe.",
            2: "Responds to a disclosure calmly, avoids leading questions and preserves evidence.",
            3: "Co-ordinates immediate protection with the police and others.",
        },
    ),
    (
        "SA2.2",
        "Raising a concern",
        "Makes sure a concern reaches the people who can act on it.",
        {
            1: "Knows who to tell in their own organisation.",
            2: "Raises a concern with the local authority under the West Midlands procedures, in and out of hours.",
            3: "Decides, with the adult, whether a concern meets the section 42 criteria.",
        },
    ),
    (
        "SA2.3",
        "Recording",
        "Keeps records that another professional could rely on.",
        {
            1: "Writes down what was seen and said.",
            2: "Keeps factual, timed and signed records with the rationale for decisions.",
            3: "Records analysis, decisions and the adult's own views.",
            4: "Audits the quality of the team's safeguarding records.",
        },
    ),
    (
        "SA3.1",
        "Making Safeguarding Personal",
        "Works with the adult, not on them, towards the outcomes they want.",
        {
            1: "Knows the adult's wishes matter.",
            2: "Asks the adult what outcome they want.",
            3: "Plans and reviews actions against the adult's outcomes.",
            4: "Assures Making Safeguarding Personal practice through supervision and audit.",
        },
    ),
    (
        "SA3.2",
        "Mental capacity",
        "Applies the Mental Capacity Act 2005 in safeguarding decisions.",
        {
            1: "Knows the five principles of the Mental Capacity Act exist.",
            2: "Applies the principles and knows when a capacity assessment is needed.",
            3: "Carries out decision-specific capacity assessments and best-interests decisions.",
        },
    ),
    (
        "SA3.3",
        "Liberty and advocacy",
        "Protects the adult's liberty and voice.",
        {
            2: "Recognises a possible deprivation of liberty and the need for advocacy.",
            3: "Starts DoLS or Court of Protection routes and involves an IMCA or Care Act advocate.",
        },
    ),
    (
        "SA4.1",
        "Information sharing",
        "Shares information lawfully and proportionately to protect adults.",
        {
            1: "Knows safeguarding can justify sharing information.",
            2: "Shares proportionately, with consent where possible.",
            3: "Decides lawfully when to share without consent and records why.",
        },
    ),
    (
        "SA4.2",
        "Working with other agencies",
        "Works across agency lines as one system around the adult.",
        {
            2: "Knows the roles of partners: police, health, council, probation, fire and voluntary sector.",
            3: "Contributes to strategy discussions, the MASH and multi-agency plans.",
            4: "Chairs multi-agency meetings.",
            5: "Leads partnership arrangements across agencies.",
        },
    ),
    (
        "SA4.3",
        "Professional curiosity and escalation",
        "Looks beyond the presenting issue and challenges when needed.",
        {
            2: "Asks questions beyond the presenting issue.",
            3: "Challenges and escalates professional disagreement.",
            4: "Resolves escalations between agencies.",
        },
    ),
    (
        "SA5.1",
        "Section 42 enquiries",
        "Takes part in safeguarding enquiries in the role their job requires.",
        {
            2: "Supplies information to an enquiry.",
            3: "Undertakes proportionate enquiries as enquiry officer.",
            4: "Allocates, oversees and signs off enquiries as managing officer.",
        },
    ),
    (
        "SA5.2",
        "Risk and protection planning",
        "Balances risk and rights in protection plans.",
        {
            3: "Assesses risk and agrees a protection plan, balancing risk and rights.",
            4: "Quality-assures risk decisions and risk enablement.",
        },
    ),
    (
        "SA5.3",
        "Self-neglect and hoarding",
        "Engages adults who self-neglect, using the West Midlands guidance.",
        {
            3: "Applies the West Midlands self-neglect guidance, engaging reluctant adults.",
            4: "Convenes multi-agency risk management for complex self-neglect.",
        },
    ),
    (
        "SA6.1",
        "Domestic abuse",
        "Recognises domestic abuse, asks safely and acts on risk.",
        {
            1: "Knows domestic abuse includes coercive control.",
            2: "Identifies domestic abuse and asks about it safely.",
            3: "Uses the DASH checklist, refers to MARAC and an IDVA, and plans for safety.",
        },
    ),
    (
        "SA6.2",
        "Exploitation and modern slavery",
        "Recognises and responds to the exploitation of adults.",
        {
            1: "Knows exploitation can affect adults.",
            2: "Recognises cuckooing, county lines, sexual and labour exploitation.",
            3: "Refers, including the National Referral Mechanism duty to notify, and plans transitional safeguarding at 18.",
        },
    ),
    (
        "SA6.3",
        "Radicalisation (Prevent)",
        "Treats radicalisation as a safeguarding concern under the Prevent duty.",
        {
            1: "Knows Prevent is part of safeguarding.",
            2: "Applies notice, check, share and knows how to get advice.",
            3: "Makes Prevent referrals and contributes to Channel or the Prevent multi-agency panel.",
        },
    ),
    (
        "SA7.1",
        "Learning from reviews",
        "Turns the learning of Safeguarding Adults Reviews and DARDRs into practice.",
        {
            3: "Applies lessons from local Safeguarding Adults Reviews and DARDRs.",
            4: "Contributes chronologies and embeds review actions in teams.",
            5: "Commissions reviews and assures the action plans.",
        },
    ),
    (
        "SA7.2",
        "Supervision and reflection",
        "Gives reflective safeguarding supervision.",
        {4: "Provides reflective safeguarding supervision."},
    ),
    (
        "SA7.3",
        "Quality assurance",
        "Uses audit and data to improve safeguarding practice.",
        {
            4: "Takes part in multi-agency audits and uses data.",
            5: "Sets the partnership's quality assurance framework and challenges performance.",
        },
    ),
    (
        "SA8.1",
        "Organisational arrangements",
        "Keeps the organisation's safeguarding arrangements fit for purpose.",
        {
            4: "Keeps policy, lead roles and the training plan aligned to the framework.",
            5: "Holds the organisation to account for its safeguarding capacity.",
        },
    ),
    (
        "SA8.2",
        "Safe workforce and PiPoT",
        "Keeps adults safe from the people who work with them.",
        {
            4: "Applies safer recruitment and the West Midlands Position of Trust framework.",
            5: "Assures allegation management and DBS practice.",
        },
    ),
    (
        "SA8.3",
        "Strategic assurance",
        "Represents the agency in the partnership's governance.",
        {
            5: "Represents the agency on the Safeguarding Adults Board and contributes to the strategic plan and annual report."
        },
    ),
]
