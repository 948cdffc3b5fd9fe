import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model

from cms.organisations.models import (
    MFA_REQUIRED_ROLES,
    Invitation,
    Membership,
    Organisation,
    Role,
    Service,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A verified email address, as allauth records it, unless `verified=False`."""
        if create and extracted is not False:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    kind = Service.Kind.CARE_HOME
    beds = 30


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    service = None
    role = Role.STAFF


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    service = None
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.STAFF


def give_totp(user, secret="JBSWY3DPEHPK3PXP"):
    """Activate TOTP for `user` the way allauth stores it, so the MFA requirement is met."""
    from cms.organisations.demo import give_totp as activate

    return activate(user, secret)


def member(role, organisation=None, service=None, **user_fields):
    """A user holding one role; people in MFA-required roles get TOTP already set up."""
    user = UserFactory(**user_fields)
    organisation = organisation or (service.organisation if service else OrganisationFactory())
    MembershipFactory(user=user, organisation=organisation, service=service, role=role)
    if role in MFA_REQUIRED_ROLES:
        give_totp(user)
    return user


__all__ = [
    "PASSWORD",
    "Authenticator",
    "InvitationFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "ServiceFactory",
    "UserFactory",
    "give_totp",
    "member",
]


TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def superuser(**user_fields):
    """A site administrator, with TOTP set up (superusers must use a second factor)."""
    user = UserFactory(is_superuser=True, is_staff=True, **user_fields)
    give_totp(user)
    return user


def totp_code(secret=TOTP_SECRET, steps=0):
    """The authenticator code for `secret` right now (or `steps` periods on)."""
    from cms.organisations.demo import totp_code as code

    return code(secret, steps=steps)


__all__ += ["TOTP_SECRET", "superuser", "totp_code"]
