#!/usr/bin/env python3
"""Browser test of Corridor's languages: for French, Spanish, Portuguese and Arabic, a person picks
the language with the header's switch, signs in as the role that works in that language's
countries, visits every main page, and no interface word is left in English; the Arabic pages are
laid out right to left with the navigation on the right.

Usage: python3 Tests/browser/test_languages.py --binary .build/debug/corridor [--screenshots DIR]
Prints "N passed, N failed" and exits non-zero on any failure.
"""
import argparse
import os
import re
import sys

from playwright.sync_api import sync_playwright

from corridor_server import CorridorServer, Results, submit_sign_in

CHROMIUM = os.environ.get("CORRIDOR_CHROMIUM", "/usr/bin/chromium")

# Who works in each language (demo accounts), and the pages of their job.
PEOPLE = {
    "fr": ("customs.ke@corridor.example", ["/", "/customs", "/customs/declarations", "/map", "/stock", "/countries/KE", "/account"]),
    "pt": ("logistics@wfp.example", ["/", "/stock", "/stock/lists?country=MZ", "/map", "/stock/nearest", "/organisations", "/account"]),
    "es": ("coordinator@corridor.example", ["/", "/preparedness", "/countries", "/stock/lists?country=KE", "/map", "/account"]),
    "ar": ("coordinator.np@corridor.example", ["/", "/preparedness", "/customs", "/map", "/stock", "/account"]),
}

# The interface's own English words: none of them may be the whole text of a heading, a label, a
# button, a table heading or a navigation link once the page speaks another language. (Words that
# read the same in a language, such as "Organisation" or "Site" in French, are not listed.)
ENGLISH_INTERFACE = {
    "Map", "Stock", "Customs", "Preparedness", "Countries", "Admin", "Sign out", "Sign in",
    "Change language", "Language", "Country", "Item", "Quantity", "Unit", "Status", "Owner",
    "Expiry", "Expires", "Reported", "Sharing", "Search", "Filter", "Show", "Apply", "Upload",
    "Declaration", "Declarations", "Entry point", "Lane", "State", "Lodged", "Released", "Emergency", "Value",
    "People covered", "Action", "Actions", "Due", "Evidence", "Scenario", "Scenarios", "Run", "Save", "Name",
    "Email", "Roles", "Tokens", "Password", "Region", "Total", "Items", "Lines", "Alerts", "Next", "Previous",
    "Distance", "Nearest stock", "Account", "Your account", "Release times", "Queue", "Documents",
}
INTERFACE_ELEMENTS = "h1, h2, h3, th, label, button, header nav a, summary, legend, caption, dt"


def leftovers(page):
    texts = page.eval_on_selector_all(INTERFACE_ELEMENTS, "els => els.map(e => e.innerText.trim())")
    words = set()
    for text in texts:
        first_line = text.split("\n")[0].strip().rstrip(":")
        if first_line in ENGLISH_INTERFACE:
            words.add(first_line)
    return sorted(words)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--screenshots", default=None)
    args = parser.parse_args()

    server = CorridorServer(args.binary)
    base = server.base
    results = Results()
    try:
        server.start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for language, (email, paths) in PEOPLE.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
                page = context.new_page()

                def switch_and_sign_in(language=language, email=email, page=page):
                    page.goto(base + "/login")
                    assert page.get_attribute("html", "lang") == "en"
                    page.select_option("form.language-switch select", language)
                    page.click("form.language-switch button")
                    assert page.get_attribute("html", "lang") == language, page.get_attribute("html", "lang")
                    submit_sign_in(page, email)
                    assert page.get_attribute("html", "lang") == language
                    assert page.locator("header .who a[href='/account']").count() == 1, "not signed in"
                results.check(f"{language}: the switch changes the language, and sign-in keeps it", switch_and_sign_in)

                for path in paths:
                    def visit(path=path, language=language, page=page):
                        response = page.goto(base + path)
                        assert response.status == 200, f"status {response.status}"
                        assert page.get_attribute("html", "lang") == language
                        left = leftovers(page)
                        assert not left, f"English left: {left}"
                        if args.screenshots:
                            name = f"{language}-{(path.strip('/') or 'home').replace('/', '-').replace('?', '-')}.png"
                            page.screenshot(path=os.path.join(args.screenshots, name), full_page=False)
                    results.check(f"{language}: {path} speaks {language}", visit)

                if language == "ar":
                    def right_to_left(page=page):
                        page.goto(base + "/")
                        assert page.get_attribute("html", "dir") == "rtl"
                        nav = page.locator("header nav").bounding_box()
                        brand = page.locator("header .brand").bounding_box()
                        assert brand["x"] > 640, f"the brand is not on the right: {brand}"
                        assert nav["x"] + nav["width"] > 640, f"the navigation is not on the right: {nav}"
                        if args.screenshots:
                            page.screenshot(path=os.path.join(args.screenshots, "ar-rtl.png"), full_page=False)
                            page.set_viewport_size({"width": 390, "height": 844})
                            page.screenshot(path=os.path.join(args.screenshots, "ar-rtl-phone.png"), full_page=False)
                    results.check("ar: pages run right to left, the navigation on the right", right_to_left)
                context.close()
            browser.close()
    finally:
        server.stop()
    return results.summary("languages", server)


if __name__ == "__main__":
    sys.exit(main())
