"""Admin views scoped by competencies.policy: an object outside the user's scope is a 404."""

from django.http import Http404


class ScopedObjectMixin:
    """Object views: an object outside the user's scope does not exist for them (404)."""

    scope = None

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not type(self).scope(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


def scoped(view_class, scope):
    return type(view_class.__name__, (ScopedObjectMixin, view_class), {"scope": scope})
