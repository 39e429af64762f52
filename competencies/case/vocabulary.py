"""CASE 1.1 words we use, the identifiers of associations we derive, and the error body."""

import uuid

ITEM_TYPE_DOMAIN = "Domain"
ITEM_TYPE_COMPETENCY = "Competency"
ITEM_TYPES = (ITEM_TYPE_DOMAIN, ITEM_TYPE_COMPETENCY)

IS_CHILD_OF = "isChildOf"
EXACT_MATCH_OF = "exactMatchOf"
IS_RELATED_TO = "isRelatedTo"

# Our crosswalk kinds as CASE association types, and back.
KIND_TO_TYPE = {"equivalent": EXACT_MATCH_OF, "partial": IS_RELATED_TO}
TYPE_TO_KIND = {value: key for key, value in KIND_TO_TYPE.items()}

# Our own extension keys (CASE allows `extensions` on documents and items): what CASE has no
# field for, so that our own package imports back without loss.
EXT_LEVELS = "levels"
EXT_INDICATORS = "levelIndicators"

# The namespace of the isChildOf associations' identifiers. The hierarchy is not stored as
# rows, so its association identifiers are derived from the two ends and the type: the same
# item under the same parent always has the same association identifier. Never change it.
HIERARCHY_NAMESPACE = uuid.UUID("6f6b1b2e-6a55-4c36-9f0e-2d1f3f0e5a11")


def hierarchy_association_id(*, child: uuid.UUID, parent: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(HIERARCHY_NAMESPACE, f"{child}|{IS_CHILD_OF}|{parent}")


def status_info(description: str, *, code_minor: str = "unknownobject") -> dict:
    """A CASE imsx_StatusInfo body for a failed request."""
    return {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {
                    "imsx_codeMinorFieldName": "sourcedId",
                    "imsx_codeMinorFieldValue": code_minor,
                }
            ]
        },
    }
