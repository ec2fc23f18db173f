#!/usr/bin/env python3
"""End-to-end browser test: starts the built server with the demo on a fresh SQLite file and a free
port, then drives Debian's Chromium (through Playwright, never `playwright install`) as a person
would: opens every shell page, signs in, uses an admin form, signs out.

Usage: python3 Tests/browser/test_shell.py --binary .build/debug/corridor [--screenshots DIR]
Prints "N passed, N failed" and exits non-zero on any failure.
"""
import argparse
import os
import sys

from playwright.sync_api import sync_playwright

from corridor_server import CorridorServer, Results, submit_sign_in

CHROMIUM = os.environ.get("CORRIDOR_CHROMIUM", "/usr/bin/chromium")
SHELL_PAGES = {
    "/": "Corridor",
    "/map": "Map of pre-positioned stock",
    "/stock": "Stock",
    "/customs": "Relief customs facilitation",
    "/preparedness": "Preparedness — NP",
    "/organisations": "Organisations",
    "/countries": "Countries",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--screenshots", default=None)
    args = parser.parse_args()

    server = CorridorServer(args.binary)
    workdir, base = server.workdir, server.base
    results = Results()
    try:
        server.start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            outside = []
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) and not r.url.startswith("data:") else None)

            for path, heading in SHELL_PAGES.items():
                def shell_page(path=path, heading=heading):
                    response = page.goto(base + path)
                    assert response.status == 200, f"status {response.status}"
                    assert page.inner_text("h1").strip() == heading, f"h1 is {page.inner_text('h1')!r}"
                    nav = page.locator("header nav a").all_inner_texts()
                    for label in ("Map", "Stock", "Customs", "Preparedness"):
                        assert label in nav, f"navigation lacks {label}: {nav}"
                    if args.screenshots:
                        page.screenshot(path=os.path.join(args.screenshots, (path.strip("/") or "home") + ".png"), full_page=False)
                results.check(f"page {path}", shell_page)

            def map_shows_hubs():
                page.goto(base + "/map")
                assert page.locator("svg.worldmap circle.global_hub").count() >= 6
                assert "UNHRD Brindisi" in page.inner_text("table")
                assert "Oxfam Garissa" not in page.content(), "private site leaked"
            results.check("map shows the UNHRD hubs and hides private sites", map_shows_hubs)

            def countries_listed():
                page.goto(base + "/countries")
                assert "249 countries" in page.inner_text("main")
            results.check("countries page lists 249 countries", countries_listed)

            def stock_list_and_filters():
                page.goto(base + "/stock?country=KE")
                table = page.inner_text("table")
                assert "KRCS" in table and "Water purification tablet" in table, table[:400]
                assert "Oxfam" not in page.content() and "OXFAM" not in table, "private stock leaked"
            results.check("stock list filters by country and hides private stock", stock_list_and_filters)

            def country_lists():
                page.goto(base + "/stock/lists?country=KE")
                headings = page.locator("section.tier h2").all_inner_texts()
                assert headings == ["In Kenya", "Elsewhere in Eastern Africa", "Elsewhere in Africa", "Global hubs"], headings
                assert "Family tent" in page.inner_text("main")
                assert "People covered for 30 days" in page.inner_text("main")
                page.select_option("select[name=days]", "90")
                page.click("form.filters button")
                assert "People covered for 90 days" in page.inner_text("main") and "days=90" in page.url, page.url
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "lists.png"), full_page=True)
            results.check("country, regional and global lists", country_lists)

            def map_marker_opens_site():
                page.goto(base + "/map?tier=global_hub")
                assert page.locator("svg.worldmap circle.national").count() == 0
                page.locator("table a", has_text="UNHRD Dubai").click()
                assert page.inner_text("h1") == "UNHRD Dubai"
                assert "Tarpaulin" in page.inner_text("main")
            results.check("map filters and a site shows its stock", map_marker_opens_site)

            def wrong_password_refused():
                page.goto(base + "/login")
                page.fill("input[name=email]", "admin@corridor.example")
                page.fill("input[name=password]", "not-the-password")
                page.click("form.stack button[type=submit]")
                assert "wrong" in page.inner_text(".error")
            results.check("a wrong password is refused", wrong_password_refused)

            def sign_in_and_admin():
                page.goto(base + "/login?next=/admin")
                submit_sign_in(page, "admin@corridor.example")
                page.wait_for_url(base + "/admin")
                assert page.inner_text("h1") == "Administration"
                assert "admin@corridor.example" in page.inner_text("header .who")
                assert "customs.ke@corridor.example" in page.inner_text("table")
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "admin.png"), full_page=True)
            results.check("admin signs in and sees the users", sign_in_and_admin)

            def admin_adds_organisation():
                page.goto(base + "/admin")
                form = page.locator("form[action='/admin/organisations']")
                form.locator("input[name=code]").fill("GOAL")
                form.locator("input[name=name]").fill("GOAL Global")
                form.locator("select[name=type]").select_option("ingo")
                form.locator("select[name=hq_country]").select_option(label="Ireland")
                form.locator("button").click()
                assert "Organisation GOAL added" in page.inner_text(".notice")
                page.goto(base + "/organisations")
                assert "GOAL Global" in page.inner_text("table")
            results.check("admin adds an organisation through the form", admin_adds_organisation)

            def bad_form_input_explained():
                page.goto(base + "/admin")
                form = page.locator("form[action='/admin/organisations']")
                form.locator("input[name=code]").fill("GOAL")
                form.locator("input[name=name]").fill("Again")
                form.locator("select[name=hq_country]").select_option(label="Ireland")
                form.locator("button").click()
                assert "already exists" in page.inner_text(".error")
            results.check("a duplicate organisation code is explained", bad_form_input_explained)

            def sign_in_as(email):
                page.goto(base + "/login")
                submit_sign_in(page, email)
                page.wait_for_url(base + "/")

            def upload(content, name, dry_run=False):
                path = os.path.join(workdir, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(content)
                page.goto(base + "/stock")
                page.set_input_files("input[name=file]", path)
                if dry_run:
                    page.check("input[name=dry_run]")
                page.click("form[action='/stock/upload'] button")

            def bad_upload_is_explained():
                sign_in_as("logistics@wfp.example")
                upload("#loc+code,#item+code,#indicator+num\nUNHRD-DXB,SHE-TENT-FAM,40\nUNHRD-DXB,TENT-XXL,five\n", "bad.csv")
                assert page.inner_text("h1") == "Stock report rejected"
                rows = page.locator("table.problems tbody tr").all_inner_texts()
                assert len(rows) == 2 and rows[0].startswith("3"), rows
                assert "#item+code" in rows[0] and "#indicator+num" in rows[1], rows
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "upload-rejected.png"), full_page=True)
            results.check("a bad stock report is rejected with every row and column", bad_upload_is_explained)

            def dry_run_changes_nothing():
                upload("Warehouse code,Item code,Quantity\nUNHRD-DXB,SHE-TENT-FAM,999\n", "check.csv", dry_run=True)
                text = page.inner_text("main")
                assert "would import 1 stock line for WFP from 1 row at 1 site" in text, text[:400]
                assert "New sites" not in text and "Columns not read" not in text, text[:400]
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "upload-dry-run.png"), full_page=True)
                page.goto(base + "/stock?country=AE")
                assert "999" not in page.inner_text("table")
            results.check("a dry run reports what an upload would do and saves nothing", dry_run_changes_nothing)

            def good_upload_replaces_stock():
                upload("Warehouse code,Item code,Quantity\nUNHRD-DXB,SHE-TENT-FAM,\"1 234\"\n", "good.csv")
                assert page.inner_text("h1") == "Stock report imported", page.inner_text("main")[:300]
                page.goto(base + "/stock?country=AE")
                table = page.inner_text("table")
                assert "1,234" in table and "Tarpaulin" not in table, table[:300]
            results.check("a good stock report replaces the site's stock", good_upload_replaces_stock)

            def alerts_page():
                page.goto(base + "/stock/alerts")
                text = page.inner_text("main")
                assert "stale report" in text and "expiring" in text and "below minimum" in text, text[:300]
            results.check("alerts list expiring stock and stale reports", alerts_page)

            def declaration_lodged_amended_and_released():
                sign_in_as("logistics@wfp.example")
                page.goto(base + "/customs/declarations/new")
                page.select_option("select[name=org]", "WFP")
                page.fill("input[name=reference]", "WFP-KE-BROWSER-1")
                page.fill("input[name=consignee]", "Kenya Red Cross Society")
                page.select_option("select[name=destination]", "KE")
                page.select_option("select[name=entry_point]", "KENBO")
                page.select_option("select[name=emergency_id]", label="Tana River floods (KE)")
                page.select_option("select[name=transport_document_type]", "air_waybill")
                page.fill("input[name=transport_document]", "176-99999990")
                page.fill("input[name=expected_arrival]", "2030-01-10")
                page.fill("input[name=packages]", "40")
                page.fill("input[name=packages_kind]", "pallets")
                page.fill("input[name=line0_item]", "SHE-TARP-4X6")
                page.fill("input[name=line0_quantity]", "2000")
                page.fill("input[name=line0_value]", "16000")
                page.fill("input[name=line0_origin]", "AE")
                page.fill("input[name=line1_item]", "WSH-JCAN-C10")
                page.fill("input[name=line1_quantity]", "3000")
                page.fill("input[name=line1_value]", "9000")
                page.fill("input[name=line1_origin]", "CN")
                page.click("form.declaration button[type=submit]")
                # A wrong air waybill check digit is named next to its field; what was typed stays.
                error = page.inner_text("#e-transport_document")
                assert "check digit" in error and "must be 2" in error, error
                assert page.get_attribute("#f-transport_document", "aria-invalid") == "true"
                assert page.input_value("input[name=line1_quantity]") == "3000"
                assert "lines[" not in page.inner_text("main")
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "declaration-form-error.png"), full_page=True)
                page.fill("input[name=transport_document]", "176-99999992")
                page.click("form.declaration button[type=submit]")
                assert page.inner_text("h1") == "Declaration WFP-KE-BROWSER-1", page.inner_text("main")[:400]
                declaration_url = page.url
                bad_list = os.path.join(workdir, "packing-list-bad.csv")
                with open(bad_list, "w", encoding="utf-8") as f:
                    f.write("Description,HS code,Qty,Unit,Gross weight kg,Value,Currency,Origin\n"
                            "Tarpaulins,392690,2000,piece,9000,16000,USD,AE\n"
                            "Jerrycans,3923,3000,piece,1200,9000,USD,CN\n")
                page.set_input_files("input[name=file][accept]", bad_list)
                page.click("button:has-text('Upload packing list')")
                rejected = page.inner_text("main")
                assert "Packing list rejected" in rejected and "HS code" in rejected and "3" in page.inner_text("table.problems"), rejected[:400]
                page.goto(declaration_url)
                document = os.path.join(workdir, "packing-list.pdf")
                with open(document, "wb") as f:
                    f.write(b"%PDF-1.4 packing list of WFP-KE-BROWSER-1")
                row = page.locator("table.documents tr", has_text="Packing list")
                row.locator("input[type=file]").set_input_files(document)
                row.locator("button", has_text="Provide").click()
                assert "packing-list.pdf" in page.locator("table.documents tr", has_text="Packing list").inner_text()
                page.click("button[data-step=lodge]")
                assert "lodged" in page.inner_text(".state")
                sign_in_as("customs.ke@corridor.example")
                page.goto(base + "/customs/declarations")
                queue = page.inner_text("table.queue")
                assert "Service level" in queue and "Needs priority" in queue, queue[:300]
                page.click("a:has-text('WFP-KE-BROWSER-1')")
                page.click("button[data-step=assign_lane]")
                assert page.locator(".lane").count() >= 1
                page.fill("form.step:has(button[data-step=query]) textarea", "Are the jerrycans 10 or 20 litres?")
                page.click("button[data-step=query]")
                assert "queried" in page.inner_text(".state")
                sign_in_as("logistics@wfp.example")
                page.goto(declaration_url)
                page.fill("form.step:has(button[data-step=answer]) textarea", "10 litres, collapsible")
                page.click("button[data-step=answer]")
                messages = page.inner_text("ol.messages")
                assert "10 or 20 litres" in messages and "collapsible" in messages, messages
                assert "user:" not in messages, messages

                # After lodgement a change is a request that customs decides; first refused, then accepted.
                def request_amendment(field, value):
                    page.goto(declaration_url)
                    page.click("a:has-text('Request an amendment')")
                    page.fill(field, value)
                    page.click("form.declaration button[type=submit]")
                    assert "waiting for customs" in page.inner_text("ol.amendments"), page.inner_text("main")[:400]
                request_amendment("input[name=line0_quantity]", "2100")
                assert "2,000" in page.inner_text("table >> nth=1"), "the lodged lines stand until customs decides"
                sign_in_as("customs.ke@corridor.example")
                page.goto(declaration_url)
                page.fill("ol.amendments textarea[name=reason]", "The air waybill shows 2,000 tarpaulins")
                page.click("button[data-amendment=refuse]")
                assert "refused" in page.inner_text("ol.amendments") and "2,000 tarpaulins" in page.inner_text("ol.amendments")
                sign_in_as("logistics@wfp.example")
                request_amendment("input[name=packages]", "42")
                sign_in_as("customs.ke@corridor.example")
                page.goto(declaration_url)
                page.click("button[data-amendment=accept]")
                assert "42 pallets" in page.inner_text("table.facts"), page.inner_text("table.facts")
                assert "accepted" in page.inner_text("ol.amendments")

                assert "Not arrived" in page.inner_text("div.arrival")
                page.click("div.arrival button:has-text('Record arrival now')")
                assert page.inner_text("div.arrival").startswith("Arrived at KENBO"), page.inner_text("div.arrival")
                # The packing list is rejected with a reason, which blocks release until a new file is accepted.
                row = page.locator("table.documents tr", has_text="Packing list")
                row.locator("form:has(button[data-verdict=reject]) input[name=reason]").fill("Not signed by the shipper")
                row.locator("button[data-verdict=reject]").click()
                assert "Not signed by the shipper" in page.locator("table.documents tr", has_text="Packing list").inner_text()
                page.click("button[data-step=release]")
                assert "release waits" in page.inner_text("div.error"), page.inner_text("main")[:400]
                sign_in_as("logistics@wfp.example")
                page.goto(declaration_url)
                with open(document, "wb") as f:
                    f.write(b"%PDF-1.4 signed packing list of WFP-KE-BROWSER-1")
                row = page.locator("table.documents tr", has_text="Packing list")
                row.locator("input[type=file]").set_input_files(document)
                row.locator("button", has_text="Send a new file").click()
                sign_in_as("customs.ke@corridor.example")
                page.goto(declaration_url)
                page.locator("table.documents tr", has_text="Packing list").locator("button[data-verdict=accept]").click()
                assert "accepted" in page.locator("table.documents tr", has_text="Packing list").inner_text()
                while page.locator("table.documents details.waive").count() > 0:
                    waive = page.locator("table.documents details.waive").first
                    waive.locator("summary").click()
                    waive.locator("input[name=reason]").fill("waived under the emergency's simplified procedure")
                    waive.locator("button[data-verdict=waive]").click()
                page.click("button[data-step=release]")
                assert page.inner_text(".state") == "released", page.inner_text("main")[:400]
                assert "chain verified" in page.inner_text("main")
                assert "user:" not in page.inner_text("table.audit")
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "declaration.png"), full_page=True)
                page.click("a:has-text('Release note and exemption certificate')")
                note = page.inner_text("main")
                assert "Release note and exemption certificate" in note and "waived under the emergency" in note, note[:400]
                assert "KES" in page.inner_text("table.exemption"), "duties are assessed in the national currency"
                assert "Customs value (CIF, KES)" in note and "planning assumption" in note, note[:600]
                assert "Certificate No. KE-" in note and "Official stamp" in note, note[:600]
                assert "user:" not in note
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "release-note.png"), full_page=True)
            results.check("a declaration is lodged through the form, amended through customs, its document rejected then accepted, and released with a numbered certificate", declaration_lodged_amended_and_released)

            def customs_keep_exchange_rates():
                sign_in_as("customs.ke@corridor.example")
                page.goto(base + "/customs/exchange-rates?country=KE")
                assert "assessed in KES" in page.inner_text("main"), page.inner_text("main")[:300]
                page.fill("form.exchange-rate input[name=currency]", "CHF")
                page.fill("form.exchange-rate input[name=rate]", "160.125")
                page.fill("form.exchange-rate input[name=date]", "2026-01-01")
                page.click("form.exchange-rate button[type=submit]")
                assert "Saved: 1 CHF = 160.125 from 2026-01-01" in page.inner_text("main"), page.inner_text("main")[:300]
                assert "CHF" in page.inner_text("table.rates")
                page.fill("form.exchange-rate input[name=currency]", "KES")
                page.fill("form.exchange-rate input[name=rate]", "2")
                page.click("form.exchange-rate button[type=submit]")
                assert "its rate is 1" in page.inner_text("div.error"), page.inner_text("main")[:300]
            results.check("customs keep exchange rates on their page", customs_keep_exchange_rates)

            def customs_edit_selectivity_rules():
                sign_in_as("customs.ke@corridor.example")
                page.goto(base + "/customs/selectivity?country=KE")
                assert "origin country is never a criterion" in page.inner_text("main")
                page.fill("input[name=special_cargo_reason]", "")
                page.click("button:has-text('Save the rules')")
                assert "every rule states its reason" in page.inner_text("main"), page.inner_text("main")[:400]
                page.fill("input[name=special_cargo_reason]", "special cargo: documentary check")
                page.fill("input[name=random_percent]", "5")
                page.click("button:has-text('Save the rules')")
                assert "Saved" in page.inner_text("main") and "Last changed by" in page.inner_text("main")
                page.goto(base + "/customs/obligations")
                assert "Provisional declarations to complete" in page.inner_text("main")
            results.check("customs edit their country's selectivity rules; obligations are listed", customs_edit_selectivity_rules)

            def preparedness_checklist_and_scenario():
                sign_in_as("coordinator.np@corridor.example")
                page.goto(base + "/preparedness?country=NP")
                assert "checked against data" in page.inner_text("table.checklist")
                row = page.locator("tr#APA-SC-7")
                row.locator("select[name=status]").select_option("in_progress")
                row.locator("input[name=evidence]").fill("https://example.org/np-warehouses.xlsx")
                row.locator("button", has_text="Save").click()
                history = page.locator("tr#APA-SC-7 details li").first.text_content()
                assert "status → in_progress" in history and "coordinator.np@corridor.example" in history, history
                # A checked action takes the data's status; overriding it needs a reason.
                row = page.locator("tr#APA-SC-2")
                computed = row.locator("select[name=status] option:checked").inner_text()
                assert "checked against data: met" in row.inner_text() and computed == "done", (computed, row.inner_text())
                row.locator("select[name=status]").select_option("in_progress")
                row.locator("button", has_text="Save").click()
                assert "say why" in page.inner_text("main"), page.inner_text("main")[:300]
                page.goto(base + "/preparedness?country=NP")
                row = page.locator("tr#APA-SC-2")
                row.locator("select[name=status]").select_option("in_progress")
                row.locator("input[name=override_reason]").fill("the airport's entry point is closed for repairs")
                row.locator("input[name=evidence]").fill("Letter from the CAAN, 2 December")
                row.locator("button", has_text="Save").click()
                row = page.locator("tr#APA-SC-2")
                assert "Overridden: the airport's entry point is closed" in row.inner_text(), row.inner_text()
                assert "Letter from the CAAN" in row.inner_text() and row.locator("td a", has_text="link").count() == 0
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "preparedness.png"), full_page=True)
                page.goto(base + "/preparedness/scenarios")
                # Countries are chosen by name: a point in Beira is not computed for Macao.
                page.select_option("select[name=country]", label="Macao")
                page.fill("input[name=lat]", "-19.84")
                page.fill("input[name=lon]", "34.84")
                page.fill("input[name=people]", "50,000")
                page.click("button:has-text('Run the analysis')")
                refusal = page.inner_text(".error")
                assert "lat -19.84, lon 34.84" in refusal and "not in Macao" in refusal and "Mozambique" in refusal, refusal
                page.select_option("select[name=country]", label="Nepal")
                page.fill("input[name=lat]", "28.2")
                page.fill("input[name=lon]", "84.0")
                page.fill("input[name=people]", "0")
                page.click("button:has-text('Run the analysis')")
                assert "from 1 to 50,000,000" in page.inner_text("main"), page.inner_text("main")[:300]
                assert page.locator("select[name=country] option:checked").inner_text() == "Nepal", "the form keeps the country"
                page.fill("input[name=name]", "Gorkha earthquake")
                page.fill("input[name=people]", "60\u00a0000")
                page.click("button:has-text('Run the analysis')")
                assert page.inner_text("h1") == "Gorkha earthquake"
                assert page.locator("svg.timeline polygon").count() >= 5
                tiers = page.inner_text("table.gap")
                assert "in country" in tiers and "regional" in tiers, tiers[:400]
                assert "→affected area" in tiers and "Flights" in tiers, tiers[:400]
                assert "planning assumption" in page.inner_text("ul.figures")
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "scenario.png"), full_page=True)
                scenario_url = page.url
                sign_in_as("logistics@wfp.example")
                page.goto(scenario_url)
                row = page.locator("table.sources tr", has_text="UNHRD-").filter(has=page.locator("summary", has_text="Dispatch")).first
                site = row.locator("td").first.inner_text()
                row.locator("summary", has_text="Dispatch").click()
                row.locator("input[name=quantity]").fill("100")
                row.locator("input[name=consignee]").fill("Nepal Red Cross Society")
                row.locator("button", has_text="Reserve the stock").click()
                assert page.inner_text("h1").startswith("Declaration WFP-DSP-"), page.inner_text("main")[:400]
                assert "draft" in page.inner_text(".state") and site.split(" ")[0] not in ("",)
                assert "Nepal Red Cross Society" in page.inner_text("main") and "100 " in page.inner_text("main"), page.inner_text("main")[:400]
                # The draft a dispatch makes is the declarant's to complete before lodging.
                assert "To lodge, the declaration still needs" in page.inner_text("main")
                page.click("a:has-text('Edit draft')")
                page.select_option("select[name=transport_document_type]", "air_waybill")
                page.fill("input[name=transport_document]", "176-12345675")
                page.fill("input[name=expected_arrival]", "2030-02-01")
                page.fill("input[name=packages]", "4")
                page.fill("input[name=packages_kind]", "bales")
                if not page.input_value("input[name=line0_value]").strip("0. "):
                    page.check("input[name=line0_ncv]")
                page.click("form.declaration button[type=submit]")
                assert "To lodge" not in page.inner_text("main") and "4 bales" in page.inner_text("table.facts"), page.inner_text("main")[:600]
                assert page.locator("button[data-step=lodge]").count() == 1
                page.goto(scenario_url)
                assert "reserved" in page.inner_text("main"), "the scenario lists its dispatch"
            results.check("a coordinator updates the checklist and runs a scenario; WFP dispatches from it", preparedness_checklist_and_scenario)

            def admin_edits_planning_figures_and_wfp_registers_a_webhook():
                sign_in_as("admin@corridor.example")
                page.goto(base + "/preparedness/figures")
                page.fill("input[name=road]", "-5")
                page.click("button:has-text('Save the figures')")
                assert "road_km_per_day" in page.inner_text("main"), page.inner_text("main")[:300]
                page.fill("input[name=road]", "350")
                page.fill("input[name=route_air_arrange_days]", "3")
                page.fill("input[name=source_air_arrange_days]", "Demo: the agency's aviation desk")
                page.click("button:has-text('Save the figures')")
                assert "Saved" in page.inner_text("main") and page.input_value("input[name=road]") == "350"
                assert page.input_value("input[name=route_air_arrange_days]") == "3"
                assert page.input_value("input[name=source_air_arrange_days]") == "Demo: the agency's aviation desk"
                sign_in_as("logistics@wfp.example")
                page.goto(base + "/account")
                page.fill("input[name=url]", "ftp://erp.example.org/in")
                page.click("button:has-text('Register receiver')")
                assert "http" in page.inner_text("p.error"), page.inner_text("main")[:300]
                page.fill("input[name=url]", "https://169.254.169.254/latest/meta-data")
                page.click("button:has-text('Register receiver')")
                assert "inside the network" in page.inner_text("p.error"), page.inner_text("main")[:300]
                page.fill("input[name=url]", "https://erp.example.org/corridor")
                page.click("button:has-text('Register receiver')")
                assert "whsec_" in page.inner_text("p.notice") and "erp.example.org" in page.inner_text("#webhooks ~ table")
            results.check("an admin edits the planning figures; WFP registers a webhook receiver", admin_edits_planning_figures_and_wfp_registers_a_webhook)

            def map_zooms_and_filters_in_place():
                page.goto(base + "/map")
                before = page.get_attribute("svg.worldmap", "viewBox")
                page.click("button[aria-label='Zoom in']")
                after = page.get_attribute("svg.worldmap", "viewBox")
                assert float(after.split()[2]) == float(before.split()[2]) / 2, (before, after)
                # The closer view's clusters come from the server once the view stops moving.
                page.wait_for_selector("svg.worldmap[data-zoom='1']", state="attached")
                total = int(page.get_attribute("svg.worldmap", "data-shown"))
                page.fill("form.filters input[name=org]", "WFP")
                page.wait_for_selector(f"svg.worldmap:not([data-shown='{total}'])", state="attached")
                shown = int(page.get_attribute("svg.worldmap", "data-shown"))
                assert 0 < shown < total, (shown, total)
                orgs = set(page.locator("svg.worldmap a[data-tier]").evaluate_all("links => links.map(a => a.dataset.org)"))
                assert orgs == {"WFP"}, orgs
                assert page.url.rstrip("/").endswith("/map"), "filtered in place, no reload"
                page.select_option("form.filters select[name=tier]", "global_hub")
                page.wait_for_selector("svg.worldmap[data-shown='6']", state="attached")  # the six UNHRD hubs
                page.click("button[aria-label='Whole world']")
                reset = page.get_attribute("svg.worldmap", "viewBox")
                assert [float(v) for v in reset.split()] == [float(v) for v in before.split()], (before, reset)
                page.wait_for_selector("svg.worldmap[data-zoom='0']:not([aria-busy])", state="attached")
                assert page.locator("svg.worldmap circle.global_hub").count() == 6, "the hubs, each its own marker at the world's zoom"
            results.check("the map zooms and filters by tier and organisation without a reload", map_zooms_and_filters_in_place)

            def customs_decides_accreditation():
                sign_in_as("customs.ke@corridor.example")
                page.goto(base + "/customs?country=KE")
                assert "Tana River floods" in page.inner_text("main")
                assert "Water purification tablet" in page.inner_text("main"), "the needs list is shown"
                row = page.locator("#accreditations ~ table tr", has_text="OXFAM")
                assert "pending" in row.inner_text()
                row.locator("button", has_text="Approve").click()
                row = page.locator("#accreditations ~ table tr", has_text="OXFAM")
                assert "approved" in row.inner_text(), row.inner_text()
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "customs.png"), full_page=True)
            results.check("customs sees the emergency and approves an accreditation", customs_decides_accreditation)

            def release_time_dashboard():
                page.goto(base + "/customs?country=KE")
                page.click("a[href='/countries/KE/release-times']")
                assert page.inner_text("h1") == "Release times — Kenya", page.inner_text("h1")
                assert page.locator("svg.release-chart > title").text_content().startswith("Release times in Kenya")
                bars = page.locator("svg.release-chart rect.bar")
                assert bars.count() >= 24, f"{bars.count()} bars"
                box = page.locator("svg.release-chart").bounding_box()
                widths = [float(w) for w in bars.evaluate_all("rects => rects.map(r => r.getAttribute('width'))")]
                assert max(widths) > 300 and min(widths) >= 0, widths[:8]
                assert box["width"] > 800, box
                table = page.inner_text("table.release-times")
                assert "Nairobi – Jomo Kenyatta International Airport (KENBO)" in table and "Arrival → lodgement" in table, table[:300]
                if args.screenshots:
                    page.screenshot(path=os.path.join(args.screenshots, "release-times.png"), full_page=True)
                response = page.goto(base + "/countries/KE/release-times?from=2026-02-30")
                assert response.status == 422 and "field from" in page.inner_text("main"), page.inner_text("main")[:300]
            results.check("the release-time dashboard draws the demo's past consignments", release_time_dashboard)

            def country_hub_and_markers_that_can_be_tapped():
                sign_in_as("coordinator@corridor.example")
                assert "Your countries" in page.inner_text("main") and "All alerts" in page.inner_text("main")
                page.goto(base + "/countries/KE")
                assert page.inner_text("h1").startswith("Kenya"), page.inner_text("h1")
                view = [float(v) for v in page.get_attribute("svg.worldmap", "viewBox").split()]
                assert view[2] < 200, f"the map opens on Kenya: {view}"
                for part in ("Stock for Kenya", "Active emergencies", "Preparedness", "Entry points"):
                    assert part in page.inner_text("main"), part
                # Markers are links that a click (or a tap) follows.
                marker = page.locator("svg.worldmap a[data-tier]").last  # drawn last: on top of any it overlaps
                marker.click()
                page.wait_for_url(base + "/sites/*")
                assert page.inner_text("h1"), "a site page"
                page.goto(base + "/stock/alerts?country=KE")
                assert page.locator("table.alerts tbody a[href^='/sites/']").count() > 0
                assert page.locator("table.alerts .severity").count() > 0
            results.check("a coordinator's home leads to the country hub; the map opens on the country; markers can be tapped", country_hub_and_markers_that_can_be_tapped)

            def nearest_stock_from_a_point_on_the_map():
                page.goto(base + "/stock/nearest")
                assert page.evaluate("document.activeElement.name") == "item", "focus starts on the first field"
                box = page.locator("svg.worldmap").bounding_box()
                # Lodwar, north-west Kenya (3.1 N, 35.6 E), where no site is: on the equirectangular world map.
                page.mouse.click(box["x"] + box["width"] * (180 + 35.6) / 360, box["y"] + box["height"] * (90 - 3.1) / 180)
                lat, lon = float(page.input_value("input[name=lat]")), float(page.input_value("input[name=lon]"))
                assert abs(lat - 3.1) < 1 and abs(lon - 35.6) < 1, (lat, lon)
                page.select_option("select[name=item]", "WSH-KIT-HYGIENE")
                page.click("form.filters button")
                rows = page.locator("table.nearest tbody tr")
                assert rows.count() > 0 and "Oxfam Garissa" in page.inner_text("table.nearest"), page.inner_text("main")[:400]
                # The map marks the place asked about and the sites found.
                assert page.locator("svg.worldmap circle.picked").count() == 1
                assert page.locator("svg.worldmap circle.found").count() == rows.count()
            results.check("nearest stock from a point picked on the map (private stock for a global coordinator)", nearest_stock_from_a_point_on_the_map)

            def member_home_and_upload_help():
                sign_in_as("logistics@wfp.example")
                main = page.inner_text("main")
                assert "Your sites (WFP)" in main and "Your declarations" in main, main[:400]
                page.goto(base + "/stock")
                page.click("summary:has-text('Accepted column headers')")
                assert "código do artigo" in page.inner_text("table.headers")
                template = page.request.get(base + "/stock/templates/stock-report.hxl.csv")
                assert template.ok and "#item+code" in template.text()
            results.check("an organisation member's home shows its sites and declarations; the upload form lists headers and templates", member_home_and_upload_help)

            def phone_width_pages():
                phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
                try:
                    for email, paths in (
                        ("logistics@wfp.example", ["/", "/stock", "/stock/nearest", "/stock/nearest?item=WSH-KIT-HYGIENE&lat=-0.4&lon=39.6", "/preparedness/scenarios"]),
                        ("coordinator@corridor.example", ["/", "/countries/KE", "/stock/alerts", "/preparedness?country=KE"]),
                    ):
                        phone.goto(base + "/login")
                        submit_sign_in(phone, email)
                        phone.wait_for_url(base + "/")
                        for path in paths:
                            phone.goto(base + path)
                            width = phone.evaluate("document.documentElement.scrollWidth")
                            assert width <= 392, f"{path} as {email} is {width} px wide at 390"
                            for table in phone.locator("table.stacked").all():
                                inside = table.evaluate("t => t.scrollWidth - t.clientWidth")
                                assert inside <= 1, f"{path}: the rows of {table.get_attribute('class')} scroll {inside} px sideways at 390"
                            assert "Demo data" in phone.inner_text("body")
                            if args.screenshots:
                                name = email.split("@")[0].replace(".", "-") + (path.replace("/", "_").replace("?", "_") or "_home")
                                phone.screenshot(path=os.path.join(args.screenshots, f"phone-{name}.png"), full_page=True)
                        phone.click("header form[action='/logout'] button")
                finally:
                    phone.close()
            results.check("the main pages fit a phone's width (390 px)", phone_width_pages)

            def sign_out():
                page.goto(base + "/")
                page.click("header form[action='/logout'] button")
                page.wait_for_url(base + "/")
                assert page.locator("header a.button", has_text="Sign in").count() == 1
                page.goto(base + "/admin")
                assert "/login" in page.url
            results.check("sign out ends the session", sign_out)

            results.check("nothing was loaded from outside", lambda: (_ for _ in ()).throw(AssertionError(outside)) if outside else None)
            browser.close()
    finally:
        server.stop()
    return results.summary("browser", server)


if __name__ == "__main__":
    sys.exit(main())
