"""The admin for reviews and their recommendations (Settings-free: a menu group of its own)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from courses.models import Recommendation, Review


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "doc-full-inverse"
    menu_label = _("Reviews")
    list_display = ["title", "kind", "board", "published_on"]
    list_filter = ["kind", "board"]
    search_fields = ["title"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("board"), FieldPanel("published_on")]),
        FieldPanel("link"),
    ]


class RecommendationViewSet(ModelViewSet):
    model = Recommendation
    icon = "list-ul"
    menu_label = _("Recommendations")
    list_display = ["__str__", "made_on"]
    list_filter = ["review", "agencies"]
    search_fields = ["text", "review__title"]
    panels = [
        FieldPanel("review"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("made_on")]),
        FieldPanel("text"),
        FieldPanel("agencies", widget=forms.CheckboxSelectMultiple),
        FieldPanel("modules", widget=forms.CheckboxSelectMultiple),
        FieldPanel("competencies", widget=forms.SelectMultiple(attrs={"size": 12})),
    ]


class LearningFromReviewsGroup(ModelViewSetGroup):
    items = (
        ReviewViewSet("courses_review"),
        RecommendationViewSet("courses_recommendation"),
    )
    menu_label = _("Learning from reviews")
    menu_icon = "doc-full-inverse"
    menu_order = 270


learning_from_reviews = LearningFromReviewsGroup()
