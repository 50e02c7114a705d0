"""The AHC HRSN screen filled in a browser, as the social-work browser tests need it."""

SAFETY_SCORES = {"hurt": "3", "insult": "1", "threaten": "1", "scream": "1"}


def submit_hrsn(page, base_url: str, person_id: int, safety: dict, housing: str | None = "worried"):
    """Open the person's new HRSN screen, answer it (``housing``: the housing situation, None
    to leave it blank; ``safety``: the four safety items' answers) and send it."""
    page.goto(f"{base_url}/people/{person_id}/chart/new/social_work.hrsn")
    if housing is not None:
        page.check(f"input[name=housing_situation][value={housing}]")
    page.check("input[name=housing_problems][value=none]")
    page.check("input[name=transport][value=no]")
    page.check("input[name=utilities][value=no]")
    for item, value in safety.items():
        page.check(f"input[name={item}][value='{value}']")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
