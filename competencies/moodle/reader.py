"""A Moodle competency framework CSV checked into a plan for a new framework.

Everything is validated before anything is written (services.moodle_framework_import writes
the plan); errors name the row and the file's own column header. What our model cannot hold
is listed in `ImportResult.skipped`, never dropped silently.

The tree: the row with "Is framework" set is the framework; its top-level competencies (no
parent id number) are our domains; everything below them is a competency of the domain it
is under. A node more than two levels down is flattened into its domain, with a line saying
so. A file with no node below the top level (a flat framework) becomes one domain named
after the framework, holding them all.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from competencies.imports.base import ImportResult, RowErrors, RowResult, Status, text
from competencies.imports.files import Table
from competencies.models import Competency, CompetencyEquivalence, Domain, Framework
from competencies.moodle import notes
from competencies.moodle.columns import FORMAT_HTML, REQUIRED, column_keys
from competencies.moodle.html import html_to_text, plain_to_text
from competencies.moodle.scale import scale_levels

DOMAIN_CODE_MAX, COMPETENCY_CODE_MAX, TITLE_MAX = 10, 12, 200
DEFAULT_VERSION = "1"


@dataclass
class Node:
    row: int
    cells: dict
    idnumber: str
    parent: str
    children: list["Node"] = field(default_factory=list)
    depth: int = 0
    domain: "Node | None" = None
    # our competency code, once planned as a competency
    code: str = ""


@dataclass
class Plan:
    """What the import will write."""

    framework: Framework
    levels: list = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    # (competency, its domain's code)
    competencies: list[tuple[Competency, str]] = field(default_factory=list)
    # (partial crosswalk entry, our competency's code, the competency we hold)
    crosswalk: list[tuple[CompetencyEquivalence, str, Competency]] = field(
        default_factory=list
    )


class _Reader:
    def __init__(self, table: Table, result: ImportResult):
        self.table, self.result = table, result
        self.keys = column_keys(table)

    def header(self, key: str) -> str:
        name = self.keys.get(key, key)
        return self.table.original_headers.get(name, name)

    def cell(self, cells: dict, key: str) -> str:
        return text(cells.get(self.keys[key])) if key in self.keys else ""

    def description(self, cells: dict) -> tuple[str, dict[int, str]]:
        raw = self.cell(cells, "description")
        if self.cell(cells, "descriptionformat") in ("", FORMAT_HTML):
            return html_to_text(raw)
        return plain_to_text(raw), {}

    def errors(self, row: int) -> RowErrors:
        return RowErrors(self.result, row)


def _truthy(value: str) -> bool:
    return value.lower() not in {"", "0", "false", "no"}


def moodle_plan(
    *, table: Table, name: str = "", version: str = ""
) -> tuple[ImportResult, Plan | None]:
    """Check a Moodle framework CSV and plan the new framework; nothing is written.

    Id number -> code (derived from the position when longer than our codes allow, and
    said so); Shortname -> title; Description -> statement as plain text; the framework's
    scale -> its levels (up to five); cross-references to a competency of another framework
    we hold -> partial crosswalk links. Rules, taxonomies, scale configuration, competency
    scales and cross-references inside the file are listed as not carried.
    """
    result = ImportResult()
    reader = _Reader(table, result)
    for key in REQUIRED:
        if key not in reader.keys:
            result.errors.append(notes.missing_column(reader.header(key)))
    for header in table.duplicate_headers:
        if header in reader.keys.values():
            result.errors.append(
                notes.repeated_column(table.original_headers.get(header, header))
            )
    if result.errors:
        return result, None
    if not table.rows:
        result.errors.append(notes.no_rows())
        return result, None

    framework_row, nodes = None, {}
    for number, cells in table.rows:
        errors = reader.errors(number)
        idnumber = reader.cell(cells, "idnumber")
        if _truthy(reader.cell(cells, "isframework")):
            if framework_row is not None:
                errors.add(
                    reader.header("isframework"),
                    _("Row %(row)s is already the framework; a file holds one.")
                    % {"row": framework_row[0]},
                )
            else:
                framework_row = (number, cells)
            continue
        if not idnumber:
            errors.add(reader.header("idnumber"), _("Enter the id number."))
        elif idnumber in nodes:
            errors.add(
                reader.header("idnumber"),
                _("The id number %(id)s is also on row %(row)s.")
                % {"id": idnumber, "row": nodes[idnumber].row},
            )
        else:
            nodes[idnumber] = Node(
                number, cells, idnumber, reader.cell(cells, "parent")
            )
        if not reader.cell(cells, "shortname"):
            errors.add(reader.header("shortname"), _("Enter the short name."))
    if framework_row is None:
        result.errors.append(notes.no_framework_row(reader.header("isframework")))
        return result, None

    framework, levels = _framework(reader, framework_row, name, version)
    result.rows.append(
        RowResult(framework_row[0], Status.NEW, framework.name, _("Framework"))
    )
    plan = Plan(framework=framework, levels=levels)
    tops = _tree(reader, nodes)
    _domains_and_competencies(reader, plan, framework_row, tops, nodes)
    _cross_references(reader, plan, nodes)
    result.sort_errors()
    failed = {error.row for error in result.errors}
    for row in result.rows:
        row.status = Status.ERROR if row.row in failed else row.status
    result.rows.sort(key=lambda row: row.row)
    return result, (None if result.has_errors else plan)


def _framework(reader: _Reader, framework_row, name: str, version: str):
    number, cells = framework_row
    errors, result = reader.errors(number), reader.result
    fw_name = name or reader.cell(cells, "shortname")
    fw_version = version or DEFAULT_VERSION
    if not fw_name or len(fw_name) > 200:
        errors.add(reader.header("shortname"), _("A name of at most 200 characters."))
    elif Framework.objects.filter(name=fw_name, version=fw_version).exists():
        errors.add(
            reader.header("shortname"),
            _(
                "A framework “%(name)s” version %(version)s already exists; import it under a "
                "new version."
            )
            % {"name": fw_name, "version": fw_version},
        )
    description, _levels = reader.description(cells)
    framework = Framework(
        name=fw_name[:200], version=fw_version[:20], description=description
    )
    levels = scale_levels(
        values=reader.cell(cells, "scalevalues"),
        configuration=reader.cell(cells, "scaleconfiguration"),
        column=reader.header("scalevalues"),
        errors=errors,
        skipped=result.skipped,
    )
    idnumber = reader.cell(cells, "idnumber")
    if idnumber:
        result.skipped.append(notes.framework_idnumber(number, idnumber))
    taxonomy = reader.cell(cells, "taxonomy")
    if taxonomy:
        result.skipped.append(notes.taxonomy(number, taxonomy))
    return framework, levels


def _tree(reader: _Reader, nodes: dict[str, Node]) -> list[Node]:
    """Link children to parents; the top-level nodes in file order, and `nodes` reordered
    as the tree reads (each node followed by what is under it). A parent that is not in the
    file, or a loop, is an error on the row."""
    tops = []
    for node in nodes.values():
        if not node.parent:
            tops.append(node)
        elif node.parent in nodes:
            nodes[node.parent].children.append(node)
        else:
            reader.errors(node.row).add(
                reader.header("parent"),
                _("No row of the file has the id number %(id)s.") % {"id": node.parent},
            )
    reached: dict[str, Node] = {}
    stack = [(top, 1, top) for top in reversed(tops)]
    while stack:
        node, depth, top = stack.pop()
        node.depth, node.domain = depth, top
        reached[node.idnumber] = node
        stack.extend((child, depth + 1, top) for child in reversed(node.children))
    every = dict(nodes)
    nodes.clear()
    nodes.update(reached)
    looped = _in_loops(every, reached)
    for node in every.values():
        if node.idnumber in reached:
            continue
        nodes[node.idnumber] = node
        if node.idnumber in looped:
            reader.errors(node.row).add(
                reader.header("parent"),
                _("The parent id numbers go round in a loop; none reaches the top."),
            )
    return tops


def _in_loops(every: dict[str, Node], reached) -> set[str]:
    """The unreached nodes in a loop of parents or under one (not those under a missing
    parent: that row has its own error). Each node is walked once."""
    verdict: dict[str, bool] = {}
    for start in every.values():
        path: dict[str, int] = {}
        up = start
        while up.idnumber not in verdict and up.idnumber not in reached:
            if up.idnumber in path:  # back where this walk has been: a loop
                answer = True
                break
            path[up.idnumber] = len(path)
            if up.parent not in every:  # a missing parent above
                answer = False
                break
            up = every[up.parent]
        else:
            answer = verdict.get(up.idnumber, False)
        for idnumber in path:
            verdict[idnumber] = answer
    return {idnumber for idnumber, looped in verdict.items() if looped}


def _code(wanted: str, fallback: str, limit: int, taken: set[str]) -> str:
    if wanted and len(wanted) <= limit and wanted not in taken:
        return wanted
    code, n = fallback, 1
    while code in taken or len(code) > limit:
        n += 1
        code = f"{fallback[: limit - len(str(n)) - 1]}-{n}"
    return code


def _domains_and_competencies(reader, plan: Plan, framework_row, tops, nodes) -> None:
    result = reader.result
    flat = tops and not any(node.children for node in tops)
    domain_of: dict[str, str] = {}
    if flat:
        number, cells = framework_row
        code = _code(reader.cell(cells, "idnumber"), "D1", DOMAIN_CODE_MAX, set())
        title = plan.framework.name
        plan.domains.append(Domain(code=code, title=title[:200], sort_order=0))
        result.skipped.append(notes.flat(code))
        domain_of = {node.idnumber: code for node in tops}
    else:
        taken: set[str] = set()
        for n, top in enumerate(tops, start=1):
            code = _code(top.idnumber, f"D{n}", DOMAIN_CODE_MAX, taken)
            taken.add(code)
            if code != top.idnumber:
                result.skipped.append(notes.code_replaced(top.row, top.idnumber, code))
            title = reader.cell(top.cells, "shortname")
            _title_check(reader, top, title)
            plan.domains.append(Domain(code=code, title=title[:200], sort_order=n - 1))
            domain_of[top.idnumber] = code
            _not_carried(reader, top, domain=True)
            result.rows.append(_row(reader, top, code, _("Domain")))
    per_domain: dict[str, int] = {}
    taken = set()
    for node in nodes.values():
        if node.domain is None or (node.depth == 1 and not flat):
            continue
        domain_code = domain_of[node.domain.idnumber]
        per_domain[domain_code] = per_domain.get(domain_code, 0) + 1
        fallback = f"{domain_code}.{per_domain[domain_code]}"
        code = _code(node.idnumber, fallback, COMPETENCY_CODE_MAX, taken)
        taken.add(code)
        if code != node.idnumber:
            result.skipped.append(notes.code_replaced(node.row, node.idnumber, code))
        if node.depth > 2:
            result.skipped.append(notes.flattened(node.row, node.idnumber, domain_code))
        title = reader.cell(node.cells, "shortname")
        _title_check(reader, node, title)
        statement, indicators = reader.description(node.cells)
        competency = Competency(
            code=code,
            title=title[:200],
            statement=statement if statement != title else "",
            sort_order=len(plan.competencies),
            **{f"indicator_{n}": v for n, v in indicators.items()},
        )
        node.code = code
        plan.competencies.append((competency, domain_code))
        _not_carried(reader, node, domain=False)
        result.rows.append(_row(reader, node, code, _("Competency")))


def _title_check(reader, node: Node, title: str) -> None:
    if len(title) > TITLE_MAX:
        reader.errors(node.row).add(
            reader.header("shortname"),
            _("A short name has at most %(n)s characters.") % {"n": TITLE_MAX},
        )


def _row(reader, node: Node, code: str, kind: str) -> RowResult:
    return RowResult(node.row, Status.NEW, label=code, detail=kind)


def _not_carried(reader, node: Node, *, domain: bool) -> None:
    cells, skipped = node.cells, reader.result.skipped
    if domain and reader.cell(cells, "description"):
        skipped.append(notes.domain_description(node.row, node.idnumber))
    rule = reader.cell(cells, "ruletype")
    if rule:
        skipped.append(notes.rule(node.row, node.idnumber, rule))
    if reader.cell(cells, "scalevalues"):
        skipped.append(notes.competency_scale(node.row, node.idnumber))


def _cross_references(reader, plan: Plan, nodes: dict[str, Node]) -> None:
    """Cross-references to a competency of a framework we hold (by code, one match) become
    partial crosswalk links; the rest are listed."""
    wanted = {}
    for node in nodes.values():
        raw = reader.cell(node.cells, "related")
        refs = [r.strip().replace("%2C", ",") for r in raw.split(",")] if raw else []
        wanted[node.idnumber] = [r for r in refs if r]
    outside = {r for refs in wanted.values() for r in refs if r not in nodes}
    held: dict[str, list[Competency]] = {}
    codes = sorted(outside)
    # In pieces: a file may name more codes than a database takes parameters in one query.
    for start in range(0, len(codes), 500):
        for competency in Competency.objects.filter(
            code__in=codes[start : start + 500]
        ):
            held.setdefault(competency.code, []).append(competency)
    inside_pairs, pairs = set(), set()
    for node in nodes.values():
        for ref in wanted[node.idnumber]:
            if ref in nodes:
                pair = frozenset((node.idnumber, ref))
                if pair not in inside_pairs:
                    inside_pairs.add(pair)
                    reader.result.skipped.append(
                        notes.related_inside(node.row, node.idnumber, ref)
                    )
                continue
            matches = held.get(ref, [])
            ours = node.code
            if len(matches) != 1 or not ours:
                found = len(matches) if ours else -1
                reader.result.skipped.append(
                    notes.related_not_held(node.row, node.idnumber, ref, found)
                )
            elif (ours, ref) not in pairs:
                pairs.add((ours, ref))
                entry = CompetencyEquivalence(
                    kind=CompetencyEquivalence.Kind.PARTIAL,
                    note=_("Cross-referenced in the Moodle framework file."),
                )
                plan.crosswalk.append((entry, ours, matches[0]))
