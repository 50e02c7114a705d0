"""The platform's icon: named by every page, served, so no browser asks for /favicon.ico."""


def test_every_page_names_an_icon_that_is_served(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'rel="icon" href="/static/icon.svg"' in page
    icon = client.get("/static/icon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert b"<svg" in icon.get_data()
