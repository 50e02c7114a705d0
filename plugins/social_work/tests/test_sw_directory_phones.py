"""A community service's phone, typed as free text, is a ``tel:`` link dialling it in E.164 on
every page that shows it (the public page, the social worker's directory, a member's
referrals): it was ``tel:`` and the text as typed ("tel:(514) 555-0123 poste 22"), an extension
dialled as digits of the number. What is no number to dial is shown, never linked."""

from plugins.social_work import directory, referrals
from plugins.social_work.models import Referral
from plugins.social_work.permissions import NAVIGATOR

LINKED = '<a class="phone" href="tel:+15145550123">(514) 555-0123</a> poste 22'


def _phones(db, services):
    services[0].phone = "(514) 555-0123 poste 22"
    services[2].phone = "Demandez à l’accueil"
    db.commit()
    return services[0], services[2]


def test_the_public_page_and_the_directory_dial_a_services_number(client, login, db, services):
    dialled, words = _phones(db, services)
    public = client.get("/p/social_work/services").get_data(as_text=True)
    assert LINKED in public and "Demandez à l’accueil" in public
    assert "tel:(" not in public and "tel:Demandez" not in public
    login(role=NAVIGATOR)  # who keeps the directory, and calls to check a service
    listing = client.get("/p/social_work/directory").get_data(as_text=True)
    article = listing[listing.index(f'data-service="{dialled.id}"'):]
    assert LINKED in article[:article.index("</article>")]
    article = listing[listing.index(f'data-service="{words.id}"'):]
    assert "Demandez à l’accueil" in article[:article.index("</article>")]
    assert "tel:Demandez" not in listing


def test_a_member_dials_the_service_of_their_referral(
        client, login, db, services, person, make_account):
    dialled, _words = _phones(db, services)
    db.add(Referral(person_id=person.id, need="food", service=dialled))
    db.commit()
    login(make_account(roles=["member"], person=person))
    page = client.get("/p/social_work/my/referrals").get_data(as_text=True)
    assert f'Téléphone\u202f: <span class="nowrap">{LINKED}</span>' in page


def test_the_social_worker_dials_the_services_offered_and_the_one_chosen(
        client, login, db, services, person, social_worker):
    dialled = directory.matching(db, "food")[0]  # offered for the need
    dialled.phone = "(514) 555-0123 poste 22"
    referral = referrals.propose(db, person_id=person.id, need="food")
    db.commit()
    login(social_worker)
    page = client.get(f"/p/social_work/referrals/{referral.id}").get_data(as_text=True)
    assert LINKED in page  # in the details of each service offered
    referral.service = dialled
    db.commit()
    page = client.get(f"/p/social_work/referrals/{referral.id}").get_data(as_text=True)
    chosen = page[page.index("data-destination"):]
    assert LINKED in chosen[:chosen.index("</dd>")]
