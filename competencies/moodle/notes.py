"""What the Moodle import says: the errors for the file as a whole, and one line for each
thing it cannot hold (shown in the preview and the command's output)."""

from django.utils.translation import gettext as _

from competencies.imports.base import RowError


def missing_column(header: str) -> RowError:
    return RowError(
        1,
        header,
        _("The required column “%(column)s” is missing from the header row.")
        % {"column": header},
    )


def repeated_column(header: str) -> RowError:
    return RowError(
        1,
        header,
        _("The column “%(column)s” appears more than once in the header row.")
        % {"column": header},
    )


def no_rows() -> RowError:
    return RowError(None, None, _("The file has a header row but no data rows."))


def no_framework_row(header: str) -> RowError:
    return RowError(
        None,
        header,
        _(
            "No row is the framework (“Is framework” 1); Moodle's export always has one."
        ),
    )


def framework_idnumber(row: int, idnumber: str) -> str:
    return _(
        "Row %(row)s: the framework's id number “%(id)s” is not kept (a framework here has a "
        "name and a version; an export for Moodle writes an id number from them)."
    ) % {"row": row, "id": idnumber}


def taxonomy(row: int, value: str) -> str:
    return _(
        "Row %(row)s: the taxonomy (%(value)s) is not kept: the levels of the tree are "
        "always domains, then competencies."
    ) % {"row": row, "value": value}


def flat(code: str) -> str:
    return _(
        "No competency is below another, so all are imported into one domain, %(code)s, "
        "named after the framework."
    ) % {"code": code}


def code_replaced(row: int, idnumber: str, code: str) -> str:
    return _(
        "Row %(row)s: the id number “%(id)s” does not fit our codes (at most 10 characters "
        "for a domain, 12 for a competency, unique): given the code %(code)s instead."
    ) % {"row": row, "id": idnumber, "code": code}


def flattened(row: int, idnumber: str, domain: str) -> str:
    return _(
        "Row %(row)s: %(id)s is more than two levels down: imported as a competency of "
        "domain %(domain)s; the nesting below the domain is not kept."
    ) % {"row": row, "id": idnumber, "domain": domain}


def domain_description(row: int, idnumber: str) -> str:
    return _(
        "Row %(row)s: the description of %(id)s is not kept (a domain has a code and a "
        "title only)."
    ) % {"row": row, "id": idnumber}


def rule(row: int, idnumber: str, rule_type: str) -> str:
    return _(
        "Row %(row)s: the rule of %(id)s (%(rule)s) is not carried: a competency here is "
        "never completed from the ones under it."
    ) % {"row": row, "id": idnumber, "rule": rule_type}


def competency_scale(row: int, idnumber: str) -> str:
    return _(
        "Row %(row)s: the scale of %(id)s is not kept: every competency uses the "
        "framework's levels."
    ) % {"row": row, "id": idnumber}


def related_inside(row: int, idnumber: str, other: str) -> str:
    return _(
        "Row %(row)s: the cross-reference between %(id)s and %(other)s is not kept: the "
        "crosswalk links competencies of different frameworks."
    ) % {"row": row, "id": idnumber, "other": other}


def related_not_held(row: int, idnumber: str, other: str, matches: int) -> str:
    if matches < 0:
        reason = _("a domain has no crosswalk links, only its competencies do")
    elif matches > 1:
        reason = _("several frameworks have a competency with that code")
    else:
        reason = _("no framework here has a competency with that code")
    return _(
        "Row %(row)s: the cross-reference from %(id)s to %(other)s is not kept: %(reason)s."
    ) % {"row": row, "id": idnumber, "other": other, "reason": reason}


def scale_too_long(values: int) -> str:
    return _(
        "The framework's scale has %(n)s values; a framework holds at most 5 levels, so no "
        "levels are imported: add them in the admin."
    ) % {"n": values}


def no_scale() -> str:
    return _(
        "The framework has no scale, so no levels are imported: add them in the admin."
    )


def scale_configuration() -> str:
    return _(
        "The scale configuration (default and proficient values) is not kept: each scale "
        "value becomes a level, and every level counts as achieved."
    )
