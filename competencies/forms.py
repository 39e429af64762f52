"""Admin forms of the competencies app: framework, role profile, staff, records and imports.

Every form that offers staff or agencies takes its choices from `competencies.policy`, so a
coordinator can neither see nor submit another agency's people (a forged id fails validation).
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from competencies import services
from competencies.exceptions import CompetencyError
from competencies.imports.files import FORMATS, ImportFileError, check_size
from competencies.models import (
    LEVEL_NUMBERS,
    Competency,
    Domain,
)
from competencies.policy import (
    agencies_visible_to,
    can_see_all_agencies,
    staff_visible_to,
)

LEVEL_CHOICES = [(n, _("Level %(n)s") % {"n": n}) for n in LEVEL_NUMBERS]


def _restrict_formset(form, name: str, field: str, queryset):
    """Limit one field of every form of an inline formset, including the blank template form."""
    formset = form.formsets.get(name)
    if formset is None:
        return
    for child in [*formset.forms, formset.empty_form]:
        if field in child.fields:
            child.fields[field].queryset = queryset
    base = formset.form

    class Restricted(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if field in self.fields:
                self.fields[field].queryset = queryset

    Restricted.__name__ = base.__name__
    formset.form = Restricted


class FrameworkForm(WagtailAdminModelForm):
    """The framework with its levels, domains and competencies; a competency's domain must be
    one of this framework's domains (save new domains first, then file competencies under them).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        domains = (
            Domain.objects.filter(framework=self.instance)
            if self.instance.pk
            else Domain.objects.none()
        )
        _restrict_formset(self, "competencies", "domain", domains)


class RoleProfileForm(WagtailAdminModelForm):
    """Requirements inline, plus 'require level N for every competency in domain D' in one step."""

    domain = forms.ModelChoiceField(
        label=_("Require every competency in this domain"),
        queryset=Domain.objects.none(),
        required=False,
        help_text=_(
            "Adds or updates one requirement per competency of the domain when you save: "
            "at this level, or the highest level below it that the competency is assessed at."
        ),
    )
    domain_level = forms.TypedChoiceField(
        label=_("at level"),
        choices=[("", "---------"), *LEVEL_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        framework_id = self.instance.framework_id if self.instance.pk else None
        if framework_id:
            self.fields["domain"].queryset = Domain.objects.filter(
                framework_id=framework_id
            )
            _restrict_formset(
                self,
                "requirements",
                "competency",
                Competency.objects.filter(framework_id=framework_id),
            )
        else:
            self.fields["domain"].queryset = Domain.objects.select_related("framework")

    def clean(self):
        cleaned = super().clean()
        domain, level = cleaned.get("domain"), cleaned.get("domain_level")
        if domain and not level:
            self.add_error("domain_level", _("Choose the level to require."))
        if level and not domain:
            self.add_error("domain", _("Choose the domain."))
        framework = cleaned.get("framework")
        if domain and framework and domain.framework_id != framework.pk:
            self.add_error(
                "domain", _("Choose a domain of the role profile's framework.")
            )
        return cleaned

    def save(self, commit=True):
        with transaction.atomic():
            profile = super().save(commit=commit)
            domain, level = (
                self.cleaned_data.get("domain"),
                self.cleaned_data.get("domain_level"),
            )
            if commit and domain and level:
                services.requirements_set_for_domain(
                    role_profile=profile, domain=domain, level=level, user=self.for_user
                )
        return profile


class StaffMemberForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = agencies_visible_to(self.for_user)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk
            self.fields["agency"].disabled = True
        if "line_manager" in self.fields:
            managers = staff_visible_to(self.for_user)
            if self.instance.pk:
                managers = managers.exclude(pk=self.instance.pk)
            self.fields["line_manager"].queryset = managers

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower()

    def clean(self):
        cleaned = super().clean()
        agency, email = cleaned.get("agency"), cleaned.get("email")
        if agency and email and agency.domain_list and not agency.owns_email(email):
            self.add_error(
                "email",
                _("Use a %(agency)s work email (ending in %(domains)s).")
                % {
                    "agency": agency.short_name,
                    "domains": " or ".join(f"@{d}" for d in agency.domain_list),
                },
            )
        manager = cleaned.get("line_manager")
        if manager and agency and manager.agency_id != agency.pk:
            self.add_error(
                "line_manager", _("The line manager must work for the same agency.")
            )
        return cleaned


class CompetencyRecordForm(WagtailAdminModelForm):
    """Record a competency by hand; the expiry defaults to the level's refresh period."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_visible_to(self.for_user)
        self.fields["competency"].queryset = Competency.objects.select_related(
            "framework"
        ).order_by("framework__name", "framework__version", "code")
        self.fields["expires_on"].required = False
        self.fields["expires_on"].help_text = _(
            "Leave blank to use the level's refresh period."
        )

    def clean(self):
        cleaned = super().clean()
        competency, level = cleaned.get("competency"), cleaned.get("level")
        achieved_on = cleaned.get("achieved_on")
        if competency and level and level not in competency.levels_assessed:
            self.add_error(
                "level",
                _("%(code)s is not assessed at level %(level)s.")
                % {"code": competency.code, "level": level},
            )
        if achieved_on and achieved_on > timezone.localdate():
            self.add_error(
                "achieved_on", _("The date achieved cannot be in the future.")
            )
        if (
            competency
            and level
            and achieved_on
            and not cleaned.get("expires_on")
            and not self.has_error("level")
        ):
            try:
                cleaned["expires_on"] = services.record_expiry(
                    competency=competency, level=level, achieved_on=achieved_on
                )
            except CompetencyError as error:
                self.add_error("level", str(error))
            else:
                self.instance.expires_on = cleaned["expires_on"]
        return cleaned

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        data = self.cleaned_data
        self.instance = services.record_create(
            staff=data["staff"],
            competency=data["competency"],
            level=data["level"],
            achieved_on=data["achieved_on"],
            expires_on=data["expires_on"],
            source=data["source"],
            source_detail=data.get("source_detail", ""),
            recorded_by=self.for_user,
        )
        return self.instance


class CompetencyRecordRevokeForm(WagtailAdminModelForm):
    """A record is evidence: it is never edited, only revoked (with a reason), which is final."""

    revoke = forms.BooleanField(
        label=_("Revoke this record"),
        required=False,
        help_text=_("A revoked record no longer counts towards compliance."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_revoked:
            for field in self.fields.values():
                field.disabled = True
            self.fields["revoke"].initial = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.is_revoked:
            return cleaned
        if cleaned.get("revoke") and not cleaned.get("revoked_reason", "").strip():
            self.add_error("revoked_reason", _("Give the reason for revoking."))
        if cleaned.get("revoked_reason") and not cleaned.get("revoke"):
            self.add_error("revoke", _("Tick the box to revoke the record."))
        return cleaned

    def save(self, commit=True):
        record = self.instance
        if self.cleaned_data.get("revoke") and not record.revoked_at:
            self.instance = record = services.record_revoke(
                record=record,
                reason=self.cleaned_data["revoked_reason"],
                revoked_by=self.for_user,
            )
        return record


# --- imports -------------------------------------------------------------------------------------


class ImportFileField(forms.FileField):
    """An uploaded import file, refused when larger than IMPORT_MAX_BYTES.

    The upload middleware refuses a larger request before its body is read; this checks the
    file itself, whatever the request declared.
    """

    def validate(self, value):
        super().validate(value)
        if value:
            try:
                check_size(value.size)
            except ImportFileError as error:
                raise forms.ValidationError(error.message) from None


class ImportUploadForm(forms.Form):
    """Upload a file; administrators choose the agency, a coordinator imports for their own."""

    import_file = ImportFileField(
        label=_("File"),
        help_text=_("CSV (UTF-8) or Excel workbook (.xlsx)."),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=None, required=True, empty_label=None
    )
    agency_optional = False

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_agency = None
        if can_see_all_agencies(user):
            self.fields["agency"].queryset = agencies_visible_to(user)
            if self.agency_optional:
                self.fields["agency"].required = False
                self.fields["agency"].empty_label = _(
                    "All agencies (match staff by email)"
                )
        else:
            # A coordinator imports for their own agency only; there is nothing to choose.
            self.fixed_agency = agencies_visible_to(user).first()
            del self.fields["agency"]

    def clean(self):
        cleaned = super().clean()
        if "agency" not in self.fields:
            if self.fixed_agency is None:
                raise forms.ValidationError(
                    _("Your account is not linked to an agency's staff record.")
                )
            cleaned["agency"] = self.fixed_agency
        return cleaned

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if ext not in FORMATS:
            raise forms.ValidationError(
                _("The file must be a CSV (.csv) or Excel workbook (.xlsx).")
            )
        return upload


class RecordsImportUploadForm(ImportUploadForm):
    agency_optional = True


class FrameworkImportForm(forms.Form):
    import_file = ImportFileField(
        label=_("Framework file"),
        help_text=_(
            "Our framework CSV or Excel workbook, a CASE 1.1 package (JSON), or a Moodle "
            "competency framework CSV: the format is recognised from the file's content."
        ),
    )
    version = forms.CharField(
        label=_("Version"),
        max_length=20,
        required=False,
        help_text=_(
            "Leave blank to use the version in the file (a Moodle file has none: “1”)."
        ),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leave blank to use the name in the file."),
    )
