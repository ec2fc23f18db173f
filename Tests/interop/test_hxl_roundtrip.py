#!/usr/bin/env python3
"""Interoperability: Corridor's HXL export must read back through libhxl-python with the same
values as the JSON API, cells that look like formulas must come out neutralised, and the
GeoJSON export must be a valid RFC 7946 FeatureCollection.

Usage: python3 Tests/interop/test_hxl_roundtrip.py --binary .build/debug/corridor
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request

import hxl

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "browser"))
from corridor_server import CorridorServer, Results  # noqa: E402


def get(url, token=None):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def post(url, body, token):
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    server = CorridorServer(args.binary)
    server.cli("demo")
    token = server.cli("tokens", "create", "--user", "logistics@wfp.example").strip()
    results = Results()
    try:
        server.start()
        base = server.base

        def formula_cell_stored():
            report = post(base + "/api/v1/stock/imports?org=WFP&file_name=formula.csv",
                          b"#loc+code,#item+code,#indicator+num,#meta+batch\nUNHRD-LPA,NFI-LAMP-SOLAR,7,=HYPERLINK(\"http://x\")\n", token)
            assert report["lines_written"] == 1, report
        results.check("a batch that looks like a formula is stored as text", formula_cell_stored)

        def xlsx_report_imports():
            import openpyxl
            workbook = openpyxl.Workbook()
            sheet = workbook.active
            sheet.append(["Warehouse code", "Item code", "Quantity", "Expiry"])
            sheet.append(["#loc+code", "#item+code", "#indicator+num", "#date+expiry"])
            import datetime
            sheet.append(["UNHRD-ACC", "NUT-RUTF", 1500, datetime.date(2027, 3, 31)])
            sheet.append(["UNHRD-ACC", "HEA-LLIN", 90000.5, None])
            xlsx = os.path.join(server.workdir, "accra.xlsx")
            workbook.save(xlsx)
            with open(xlsx, "rb") as f:
                request = urllib.request.Request(base + "/api/v1/stock/imports?org=WFP&file_name=accra.xlsx", data=f.read(), method="POST",
                                                 headers={"Authorization": f"Bearer {token}",
                                                          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
            with urllib.request.urlopen(request, timeout=30) as response:
                report = json.loads(response.read())
            assert report["lines_written"] == 2 and report["uses_hxl"], report
            lines = json.loads(get(base + "/api/v1/stock?org=WFP&country=GH"))["items"]
            got = sorted((l["item_code"], l["quantity"], l.get("expiry")) for l in lines)
            assert got == [("HEA-LLIN", "90000.5", None), ("NUT-RUTF", "1500", "2027-03-31")], got
        results.check("an XLSX stock report (openpyxl) imports with its dates", xlsx_report_imports)

        def bad_upload_lists_problems():
            request = urllib.request.Request(base + "/api/v1/stock/imports?org=WFP&file_name=bad.csv",
                                             data=b"#loc+code,#item+code,#indicator+num\nUNHRD-ACC,NOPE,x\n", method="POST",
                                             headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"})
            try:
                urllib.request.urlopen(request, timeout=30)
                raise AssertionError("accepted")
            except urllib.error.HTTPError as error:
                body = json.loads(error.read())
                assert error.code == 422, error.code
                details = body["error"]["details"]
                assert [(d["row"], d["field"]) for d in details] == [(2, "item_code"), (2, "quantity")], details
        results.check("a bad upload answers 422 with every problem located", bad_upload_lists_problems)

        path = os.path.join(server.workdir, "stock.hxl.csv")
        with open(path, "wb") as f:
            f.write(get(base + "/api/v1/stock.hxl.csv"))
        dataset = hxl.data(path, hxl.InputOptions(allow_local=True))
        rows = [row for row in dataset]
        tags = [column.display_tag for column in dataset.columns]
        api = json.loads(get(base + "/api/v1/stock?limit=5000"))["items"]

        def tags_read():
            for tag in ("#org+code", "#loc+code", "#item+code", "#indicator+num", "#date+expiry", "#geo+lat", "#geo+lon",
                        "#capacity+people", "#capacity+person_days", "#meta+horizon+days"):
                assert tag in tags, f"{tag} missing from {tags}"
        results.check("libhxl reads every tag of the stock profile", tags_read)

        def same_values():
            assert len(rows) == len(api) and len(rows) > 10, (len(rows), len(api))
            for row, line in zip(rows, api):
                pairs = [("#loc+code", line["site_code"]), ("#item+code", line["item_code"]), ("#indicator+num", line["quantity"]),
                         ("#org+code", line["owner"]), ("#status", line["status"]), ("#date+expiry", line.get("expiry") or ""),
                         ("#date+reported", line["reported_at"]), ("#country+code", line["country"])]
                for tag, expected in pairs:
                    got = row.get(tag) or ""
                    assert got == expected, f"{tag}: {got!r} != {expected!r}"
                assert abs(float(row.get("#geo+lat")) - line["lat"]) < 1e-9
                people = row.get("#capacity+people") or ""
                assert (people == "") == (line.get("people_covered") is None), (people, line.get("people_covered"))
                if people:
                    assert abs(float(people) - line["people_covered"]) < 0.06 and row.get("#meta+horizon+days") == "30"
        results.check("libhxl reads back the same values as the JSON API", same_values)

        def formula_neutralised():
            batches = [row.get("#meta+batch") for row in rows if row.get("#meta+batch")]
            assert batches and all(b.startswith("'=") for b in batches if "HYPERLINK" in b), batches
        results.check("exported formula-looking cells are escaped", formula_neutralised)

        def public_export_hides_private():
            anonymous = get(base + "/api/v1/stock.hxl.csv").decode()
            assert "OXF-KE-GAR" not in anonymous
            mine = get(base + "/api/v1/stock.hxl.csv?country=KE", token).decode()
            assert "OXF-KE-GAR" not in mine  # WFP is not Oxfam
        results.check("exports obey sharing levels", public_export_hides_private)

        def geojson_valid():
            collection = json.loads(get(base + "/api/v1/sites.geojson"))
            assert collection["type"] == "FeatureCollection" and "crs" not in collection
            for feature in collection["features"]:
                assert feature["type"] == "Feature"
                lon, lat = feature["geometry"]["coordinates"]
                assert feature["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
                assert isinstance(feature["properties"]["sectors"], dict)
            assert not any(f["properties"]["code"] == "OXF-KE-GAR" for f in collection["features"])
        results.check("sites.geojson is an RFC 7946 FeatureCollection", geojson_valid)

        def gap_reads_negative_coordinates():
            # Port-au-Prince: a western longitude is the value of --lon, not another option.
            out = server.cli("gap", "--country", "HT", "--lat", "18.54", "--lon", "-72.34", "--people", "20000", "--days", "30",
                             "--format", "json")
            result = json.loads(out)
            assert result["needs"] and any(need["sources"] for need in result["needs"]), out[:300]
            assert all("flights" in need and "tonnes" in need for need in result["needs"]), out[:300]
            for source in [source for need in result["needs"] for source in need["sources"]]:
                legs = source["legs"]
                assert legs and legs[-1]["to"] == "affected area", legs
                assert abs(sum(leg["days"] for leg in legs) - source["transport_days"]) < 1e-6, source
                assert {leg["mode"] for leg in legs} <= {"air", "sea", "road"}, legs
            table = server.cli("gap", "--country", "HT", "--lat", "18.54", "--lon=-72.34", "--people", "20000", "--days", "30")
            assert "Routes (once per site and route)" in table, table[:300]
        results.check("corridor gap takes negative coordinates and gives each source's legs", gap_reads_negative_coordinates)
    finally:
        server.stop()
    return results.summary("interop", server, log_chars=3000)


if __name__ == "__main__":
    sys.exit(main())
