"""A training coordinator's pages about their agency's staff (administrators: any agency).

- staff_list: /agency/staff/ — everyone, searched, sorted, filtered, exported, with the
  agency's compliance at the top;
- staff_detail: /agency/staff/<id>/ — one person's training, bookings, certificates and the
  sessions that would close their gaps.
"""

from competencies.agency_views.staff_detail import AgencyStaffDetailView
from competencies.agency_views.staff_list import AgencyStaffView

__all__ = ["AgencyStaffDetailView", "AgencyStaffView"]
