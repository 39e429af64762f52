"""A CASE 1.1 package (JSON) checked into a plan for a new framework, errors by JSON path.

Everything is validated before anything is written (services.case_package_import writes the
plan). What we cannot hold is listed in `ImportResult.skipped`, never dropped silently: items
of other types, associations of other types, crosswalk links to items we do not hold.
"""

import uuid
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from competencies.case import vocabulary as v
from competencies.case.document import (
    Errors,
    document_check,
    extension,
    levels_check,
    text,
    to_uuid,
)
from competencies.case.document import entries as _list
from competencies.imports.base import ImportResult, RowResult, Status
from competencies.models import (
    LEVEL_NUMBERS,
    Competency,
    CompetencyEquivalence,
    Domain,
    Framework,
    Level,
)


@dataclass
class Plan:
    """What the import will write."""

    framework: Framework
    levels: list[Level] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    # (competency, its domain's sourced_id)
    competencies: list[tuple[Competency, uuid.UUID]] = field(default_factory=list)
    # (crosswalk entry, origin sourced_id, destination sourced_id); ends resolved on writing
    crosswalk: list[tuple[CompetencyEquivalence, uuid.UUID, uuid.UUID]] = field(
        default_factory=list
    )


def _end(association: dict, key: str) -> uuid.UUID | None:
    node = association.get(key)
    return to_uuid(node.get("identifier")) if isinstance(node, dict) else None


def _indicators(item: dict, path: str, errors: Errors, levels: list[Level]) -> dict:
    raw = extension(item, v.EXT_INDICATORS) or {}
    if not isinstance(raw, dict):
        errors.add(
            f"{path}.extensions.{v.EXT_INDICATORS}", _("This must be an object.")
        )
        return {}
    numbers = {lv.number for lv in levels}
    out = {}
    for key, value in raw.items():
        where = f"{path}.extensions.{v.EXT_INDICATORS}.{key}"
        if key not in {str(n) for n in LEVEL_NUMBERS} or not isinstance(value, str):
            errors.add(where, _("Level indicators are texts keyed by level 1 to 5."))
        elif levels and int(key) not in numbers:
            errors.add(
                where, _("The framework has no level %(level)s.") % {"level": key}
            )
        else:
            out[f"indicator_{key}"] = value.strip()
    return out


def case_plan(
    *, data: dict, name: str = "", version: str = ""
) -> tuple[ImportResult, Plan | None]:
    """Check a CASE package (parsed JSON) and plan the new framework; nothing is written.

    The CFDocument becomes the framework (its identifier our sourced_id; title and version
    may be overridden); CFItems of type Domain / Competency (or, untyped, a child of the
    document / of a domain) keep their identifiers, codes from humanCodingScheme, statements
    from fullStatement. isChildOf gives the hierarchy; exactMatchOf / isRelatedTo between one
    of its competencies and a competency of a framework we hold become crosswalk links.
    """
    result = ImportResult()
    errors = Errors(result)
    document = data["CFDocument"]
    framework = document_check(document, errors, name=name, version=version)
    plan = Plan(framework=framework, levels=levels_check(document, errors))
    items = _list(data, "CFItems", errors)
    associations = _list(data, "CFAssociations", errors)

    parents: dict[uuid.UUID, list[tuple[uuid.UUID | None, int]]] = {}
    for n, association in enumerate(associations):
        if not isinstance(association, dict):
            errors.add(f"$.CFAssociations[{n}]", _("This must be an object."))
            continue
        if association.get("associationType") == v.IS_CHILD_OF:
            origin = _end(association, "originNodeURI")
            if origin is None:
                errors.add(
                    f"$.CFAssociations[{n}].originNodeURI.identifier",
                    _("The identifier must be a UUID."),
                )
                continue
            parents.setdefault(origin, []).append(
                (_end(association, "destinationNodeURI"), n)
            )

    by_id: dict[uuid.UUID, tuple[int, dict]] = {}
    for n, item in enumerate(items):
        path = f"$.CFItems[{n}]"
        identifier = to_uuid(item.get("identifier")) if isinstance(item, dict) else None
        if identifier is None:
            errors.add(f"{path}.identifier", _("Each item needs a UUID identifier."))
        elif identifier in by_id:
            errors.add(
                f"{path}.identifier",
                _("The same identifier as $.CFItems[%(n)s].")
                % {"n": by_id[identifier][0]},
            )
        else:
            by_id[identifier] = (n, item)

    def parent_of(identifier):
        found = parents.get(identifier, [])
        return found[0] if found else (None, None)

    kinds: dict[uuid.UUID, str] = {}
    for identifier, (_n, item) in by_id.items():
        declared = text(item.get("CFItemType"))
        if declared.lower() in {t.lower() for t in v.ITEM_TYPES}:
            kinds[identifier] = declared.capitalize()
        elif not declared and parent_of(identifier)[0] == framework.sourced_id:
            kinds[identifier] = v.ITEM_TYPE_DOMAIN
    for identifier, (_n, item) in by_id.items():
        parent = parent_of(identifier)[0]
        if (
            identifier not in kinds
            and not text(item.get("CFItemType"))
            and kinds.get(parent) == v.ITEM_TYPE_DOMAIN
        ):
            kinds[identifier] = v.ITEM_TYPE_COMPETENCY
    held = set(
        Domain.objects.filter(sourced_id__in=list(kinds)).values_list(
            "sourced_id", flat=True
        )
    ) | set(
        Competency.objects.filter(sourced_id__in=list(kinds)).values_list(
            "sourced_id", flat=True
        )
    )

    codes: dict[tuple[str, str], int] = {}
    for identifier, (n, item) in by_id.items():
        path = f"$.CFItems[{n}]"
        kind = kinds.get(identifier)
        code = text(item.get("humanCodingScheme"))
        full = text(item.get("fullStatement"))
        if kind is None:
            result.skipped.append(
                _(
                    "%(path)s %(code)s (type “%(type)s”): not imported, a framework holds "
                    "only domains and competencies."
                )
                % {"path": path, "code": code, "type": text(item.get("CFItemType"))}
            )
            continue
        before = len(result.errors)
        if identifier in held:
            errors.add(
                f"{path}.identifier", _("An item with this identifier is already held.")
            )
        limit = 10 if kind == v.ITEM_TYPE_DOMAIN else 12
        if not code or len(code) > limit:
            errors.add(
                f"{path}.humanCodingScheme",
                _("A code of at most %(n)s characters, e.g. SA4.1.") % {"n": limit},
            )
        elif (kind, code) in codes:
            errors.add(
                f"{path}.humanCodingScheme",
                _("The same code as $.CFItems[%(n)s].") % {"n": codes[(kind, code)]},
            )
        codes.setdefault((kind, code), n)
        if not full:
            errors.add(f"{path}.fullStatement", _("Enter the statement."))
        parent, association = parent_of(identifier)
        if len(parents.get(identifier, [])) > 1:
            errors.add(
                path, _("The item is a child (isChildOf) of more than one item.")
            )
        if kind == v.ITEM_TYPE_DOMAIN:
            if len(full) > 200:
                errors.add(
                    f"{path}.fullStatement",
                    _("A domain's title has at most 200 characters."),
                )
            if parent is not None and parent != framework.sourced_id:
                errors.add(
                    f"$.CFAssociations[{association}].destinationNodeURI",
                    _("A Domain is a child of the CFDocument."),
                )
            domain = Domain(
                code=code[:10], title=full[:200], sort_order=len(plan.domains)
            )
            domain.sourced_id = identifier
            plan.domains.append(domain)
        else:
            title = text(item.get("abbreviatedStatement")) or full
            if len(title) > 200:
                errors.add(
                    f"{path}.abbreviatedStatement",
                    _(
                        "A competency's title (abbreviatedStatement, else fullStatement) has at most 200 characters."
                    ),
                )
            if kinds.get(parent) != v.ITEM_TYPE_DOMAIN:
                errors.add(
                    path,
                    _(
                        "A Competency must be a child (isChildOf) of a Domain item of the package."
                    ),
                )
            competency = Competency(
                code=code[:12],
                title=title[:200],
                statement=full if full != title else "",
                sort_order=len(plan.competencies),
                **_indicators(item, path, errors, plan.levels),
            )
            competency.sourced_id = identifier
            plan.competencies.append((competency, parent))
        status = Status.ERROR if len(result.errors) > before else Status.NEW
        result.rows.append(RowResult(n + 1, status, label=code, detail=kind))

    _crosswalk(associations, kinds, plan, result)
    return result, (None if result.has_errors else plan)


def _crosswalk(associations, kinds, plan: Plan, result: ImportResult) -> None:
    """exactMatchOf / isRelatedTo with one end ours and the other a competency we hold."""
    ends = set()
    for association in associations:
        if isinstance(association, dict):
            ends |= {
                _end(association, "originNodeURI"),
                _end(association, "destinationNodeURI"),
            }
    held = {
        c.sourced_id
        for c in Competency.objects.filter(sourced_id__in=[e for e in ends if e])
    }
    known_ids = set(
        CompetencyEquivalence.objects.filter(
            sourced_id__in=[
                i
                for a in associations
                if isinstance(a, dict)
                if (i := to_uuid(a.get("identifier")))
            ]
        ).values_list("sourced_id", flat=True)
    )
    ours = {i for i, k in kinds.items() if k == v.ITEM_TYPE_COMPETENCY}
    pairs = set()
    for n, association in enumerate(associations):
        if not isinstance(association, dict):
            continue
        kind = text(association.get("associationType"))
        path = f"$.CFAssociations[{n}]"
        if kind == v.IS_CHILD_OF:
            continue
        origin, destination = (
            _end(association, "originNodeURI"),
            _end(association, "destinationNodeURI"),
        )
        if kind not in v.TYPE_TO_KIND:
            result.skipped.append(
                _(
                    "%(path)s (%(type)s): not imported, the crosswalk holds only exactMatchOf and isRelatedTo."
                )
                % {"path": path, "type": kind}
            )
            continue
        one_ours = (origin in ours) != (destination in ours)
        other = destination if origin in ours else origin
        identifier = to_uuid(association.get("identifier"))
        if not one_ours or other not in held:
            reason = _(
                "it does not link one of this framework's competencies to one we hold"
            )
        elif identifier is None or identifier in known_ids:
            reason = _("its identifier is not a UUID, or is already held")
        elif (origin, destination) in pairs or (destination, origin) in pairs:
            reason = _("the pair is linked twice")
        else:
            pairs.add((origin, destination))
            entry = CompetencyEquivalence(
                kind=v.TYPE_TO_KIND[kind], note=text(association.get("notes"))
            )
            entry.sourced_id = identifier
            plan.crosswalk.append((entry, origin, destination))
            continue
        result.skipped.append(
            _("%(path)s (%(type)s): not imported, %(reason)s.")
            % {"path": path, "type": kind, "reason": reason}
        )
