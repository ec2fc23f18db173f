#!/usr/bin/env python3
"""Generate currencies.json: ISO 4217 currencies with their minor unit.

Sources:
  * Codes, names, numeric codes: Debian package iso-codes
    (/usr/share/iso-codes/json/iso_4217.json), LGPL-2.1-or-later.
  * Minor units: iso-codes does not carry them. The tables below are
    transcribed from ISO 4217 "List One" (current currency & funds code list,
    column "Minor unit", as published by the ISO 4217 maintenance agency, SIX).
    Every code not listed here has minor unit 2.
"""

from __future__ import annotations

from refdata_common import load_iso_json, out_path, write_json_lines_array

# ISO 4217 List One, minor unit 0.
MINOR_0 = {
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
    "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
}
# ISO 4217 List One, minor unit 3.
MINOR_3 = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}
# ISO 4217 List One, minor unit 4.
MINOR_4 = {"CLF", "UYW"}
# ISO 4217 List One, minor unit "N.A." (precious metals, bond-market units,
# SDR, Sucre, ADB unit of account, testing code, "no currency").
MINOR_NA = {
    "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT",
    "XSU", "XTS", "XUA", "XXX",
}


def minor_unit(code: str) -> int | None:
    if code in MINOR_NA:
        return None
    if code in MINOR_0:
        return 0
    if code in MINOR_3:
        return 3
    if code in MINOR_4:
        return 4
    return 2


def main() -> None:
    rows = load_iso_json("iso_4217.json", "4217")
    codes = {r["alpha_3"] for r in rows}
    # Every code named in the hand tables must exist in iso-codes (catches typos
    # and currencies that iso-codes has since dropped).
    for table in (MINOR_0, MINOR_3, MINOR_4, MINOR_NA):
        missing = sorted(table - codes)
        assert not missing, f"minor-unit table names codes absent from iso-codes: {missing}"

    out = []
    for r in sorted(rows, key=lambda r: r["alpha_3"]):
        num = r["numeric"]
        assert len(num) == 3 and num.isdigit(), r
        out.append({
            "code": r["alpha_3"],
            "name": r["name"],
            "numeric": num,
            "minor_unit": minor_unit(r["alpha_3"]),
        })
    assert len({o["code"] for o in out}) == len(out)
    by = {o["code"]: o["minor_unit"] for o in out}
    assert by["USD"] == 2 and by["JPY"] == 0 and by["KWD"] == 3 and by["CLF"] == 4 and by["XAU"] is None

    path = out_path("currencies.json")
    write_json_lines_array(path, out)
    print(f"{path.name}: {len(out)} currencies")


if __name__ == "__main__":
    main()
