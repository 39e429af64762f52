from django.apps import AppConfig


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = "Competencies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from competencies import signals  # noqa: F401  (connects the cache refreshers)
