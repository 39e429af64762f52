"""1EdTech CASE 1.1: the framework served through the CASE provider API, and a CASE package read
back into a framework (docs/standards.md has the mapping).

- `vocabulary`: item and association types, the identifiers of derived associations, error bodies;
- `serialize`: our models as CASE JSON (CFDocument, CFItem, CFAssociation, CFPackage);
- `selectors`: what the API reads, in a fixed number of queries whatever the framework's size;
- `views`, `urls`: the read-only, public provider API under /ims/case/v1p1/;
- `document`: the JSON file read (limits, encoding) and its CFDocument and levels checked;
- `reader`: a CASE package checked into a plan, errors by JSON path, what it leaves out listed;
- `services`: the plan written as a framework (and crosswalk links), all or nothing.
"""
