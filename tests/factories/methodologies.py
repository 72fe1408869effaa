"""Factories of methodologies: a methodology, its versions and their phases."""

import factory
from django.utils import timezone

from governance.models import Methodology, MethodologyPhase, MethodologyVersion


class MethodologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Methodology

    code = factory.Sequence(lambda n: f"method-{n}")
    name = factory.Sequence(lambda n: f"Methodology {n}")


class MethodologyVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodologyVersion

    methodology = factory.SubFactory(MethodologyFactory)
    number = 1


class MethodologyPhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodologyPhase

    version = factory.SubFactory(MethodologyVersionFactory)
    order = 1
    lifecycle_phase = "initiating"
    name = "Initiation"
    gate_name = "Initiation gate"
    checklist = factory.LazyFunction(lambda: ["Is the business case valid?"])
    required_deliverables = factory.LazyFunction(lambda: ["charter"])
    reviewers = factory.LazyFunction(lambda: ["pmo"])


def published_version(
    methodology: Methodology | None = None, *, number: int = 1, **fields
) -> MethodologyVersion:
    """A published version (with one initiation phase) of `methodology`, or of a new methodology."""
    version = MethodologyVersionFactory(
        methodology=methodology or MethodologyFactory(), number=number, published_at=timezone.now(), **fields
    )
    MethodologyPhaseFactory(version=version)
    return version


def published_methodology(**fields) -> Methodology:
    """A methodology with a published version 1, as new projects may follow."""
    return published_version(MethodologyFactory(**fields)).methodology
