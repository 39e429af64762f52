"""`__in` on integer fields drops values the column cannot hold, as Django's own `exact`,
`gt`, `lt`... lookups on integer fields already do (IntegerFieldOverflow).

Without it, an id like 9223372036854775808 posted to a multiple choice (the areas of a staff
member, the admin chooser's chosen-multiple view) reached the database and failed: an
OverflowError on SQLite, "bigint out of range" on PostgreSQL, a 500 either way. Registered
from CompetenciesConfig.ready().
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            try:
                low, high = connection.ops.integer_field_range(
                    self.lhs.output_field.get_internal_type()
                )
            except KeyError:  # not a type the backend bounds
                low = high = None
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
