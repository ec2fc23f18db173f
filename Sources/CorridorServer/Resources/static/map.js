// The map without a tile server: zoom and pan change the SVG's viewBox. On the map page the
// markers are clusters the server draws per zoom level and view: after each zoom or pan (and
// each change of the tier or organisation filter) this script asks /api/v1/map/clusters for
// the view's clusters and draws them. Without this script the page still works: clusters link
// to a closer view, and the filter form reloads the page with server-side filtering.
(function () {
  "use strict";
  var svg = document.querySelector("svg.worldmap");
  if (!svg) { return; }
  // The page may open zoomed on a country; zooming out still reaches the whole world.
  var full = svg.viewBox.baseVal;
  var world = (svg.getAttribute("data-world") || "").split(" ").map(parseFloat);
  var base = world.length === 4 ? { x: world[0], y: world[1], width: world[2], height: world[3] }
                                 : { x: full.x, y: full.y, width: full.width, height: full.height };
  var view = { x: full.x, y: full.y, width: full.width, height: full.height };
  var clustersURL = svg.getAttribute("data-clusters");
  // Markers drawn by the server carry their radius at zoom 0 (data-r); older maps do not.
  svg.querySelectorAll("circle.site").forEach(function (c) {
    if (!c.hasAttribute("data-r")) { c.setAttribute("data-r", c.getAttribute("r")); }
  });

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.width, view.height].map(function (v) { return v.toFixed(1); }).join(" "));
    // Markers keep their size on screen as the map zooms.
    var scale = view.width / base.width;
    if (!clustersURL) { scale = Math.max(scale, 0.15); }
    svg.querySelectorAll("circle.site").forEach(function (c) {
      c.setAttribute("r", (parseFloat(c.getAttribute("data-r")) * scale).toFixed(3));
    });
    svg.querySelectorAll("text.count").forEach(function (t) {
      t.setAttribute("font-size", (parseFloat(t.getAttribute("data-r")) * scale).toFixed(3));
    });
    // What a finger can tap: a dozen pixels around each marker, however far the map is zoomed.
    var unitsPerPixel = view.width / Math.max(svg.getBoundingClientRect().width, 1);
    svg.querySelectorAll("circle.hit").forEach(function (c) { c.setAttribute("r", (12 * unitsPerPixel).toFixed(3)); });
    refresh();
  }

  // The clusters of the view, asked for once the view has stopped moving.
  var SVGNS = "http://www.w3.org/2000/svg";
  var pending = null, asked = 0, drawnKey = svg.getAttribute("data-zoom") + "|" + viewKey() + "|" + filterQuery().join("&");
  function zoomLevel() {
    return Math.max(0, Math.min(5, Math.round(Math.log(base.width / view.width) / Math.LN2)));
  }
  function viewKey() {
    return [view.x, view.y, view.width].map(function (v) { return v.toFixed(1); }).join(",");
  }
  function filterQuery() {
    var form = document.querySelector("form.filters");
    var parts = [];
    if (form) {
      ["region", "sector", "tier", "org_type", "org"].forEach(function (name) {
        var field = form.querySelector("[name=" + name + "]");
        var value = field ? field.value.trim() : "";
        if (value) { parts.push(name + "=" + encodeURIComponent(name === "tier" ? value.replace(/ /g, "_") : value)); }
      });
    }
    return parts;
  }
  function refresh(now) {
    if (!clustersURL) { return; }
    var key = zoomLevel() + "|" + viewKey() + "|" + filterQuery().join("&");
    if (key === drawnKey) { return; }
    clearTimeout(pending);
    pending = setTimeout(load, now ? 0 : 200);
  }
  function load() {
    var z = zoomLevel();
    var key = z + "|" + viewKey() + "|" + filterQuery().join("&");
    var west = view.x / base.width * 360 - 180, east = (view.x + view.width) / base.width * 360 - 180;
    var north = 90 - view.y / base.height * 180, south = 90 - (view.y + view.height) / base.height * 180;
    var query = ["zoom=" + z, "bbox=" + [west, south, east, north].map(function (v) { return v.toFixed(3); }).join(",")]
      .concat(filterQuery());
    var ticket = ++asked;
    svg.setAttribute("aria-busy", "true");
    fetch(clustersURL + "?" + query.join("&"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (answer) {
        if (ticket !== asked) { return; }  // a later view has been asked for
        draw(answer, z);
        drawnKey = key;
        svg.setAttribute("data-zoom", String(z));
        svg.setAttribute("data-shown", String(answer.sites));
        svg.removeAttribute("aria-busy");
        apply();
      })
      .catch(function () { svg.removeAttribute("aria-busy"); });
  }
  function project(lat, lon) {
    return { x: (lon + 180) / 360 * base.width, y: (90 - lat) / 180 * base.height };
  }
  function element(name, attributes, parent) {
    var node = document.createElementNS(SVGNS, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  // The same markup as the server's (WorldMap.marker).
  function draw(answer, z) {
    var group = svg.querySelector("g.markers");
    var fresh = element("g", { "class": "markers" });
    answer.clusters.forEach(function (c) {
      var p = project(c.lat, c.lon);
      var volume = Math.round(c.volume_m3) + " m³ of stock";
      var link, circle, r;
      if (c.site) {
        r = Math.min(14, 2.5 + Math.sqrt(c.volume_m3) / 6);
        link = element("a", { "href": "/sites/" + c.site.id, "data-tier": c.site.tier, "data-org": c.org || "",
                              "data-country": c.site.country, "data-sites": "1" }, fresh);
        element("circle", { "class": "hit", cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: "1" }, link);
        circle = element("circle", { "class": "site " + c.site.tier, cx: p.x.toFixed(1), cy: p.y.toFixed(1), "data-r": r.toFixed(1) }, link);
        element("title", {}, circle).textContent = c.site.name + " (" + c.site.org + ", " + c.site.country + ") — " + volume;
      } else {
        r = Math.min(18, 8 + 4 * Math.log(c.sites) / Math.LN10);
        var href = "/map?" + filterQuery().concat(["zoom=" + (z + 1), "lat=" + c.lat.toFixed(3), "lon=" + c.lon.toFixed(3)]).join("&");
        link = element("a", { "href": href, "class": "cluster", "data-tier": c.tier, "data-org": c.org || "", "data-sites": String(c.sites) }, fresh);
        element("circle", { "class": "hit", cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: "1" }, link);
        circle = element("circle", { "class": "site cluster " + c.tier, cx: p.x.toFixed(1), cy: p.y.toFixed(1), "data-r": r.toFixed(1) }, link);
        element("title", {}, circle).textContent = c.sites + " sites — " + volume + "; select to zoom in";
        element("text", { "class": "count", x: p.x.toFixed(1), y: p.y.toFixed(1), "data-r": r.toFixed(1) }, link).textContent = String(c.sites);
      }
    });
    if (group) { group.parentNode.replaceChild(fresh, group); } else { svg.appendChild(fresh); }
  }
  // With the script, a cluster zooms the map in place around itself rather than loading a page.
  svg.addEventListener("click", function (event) {
    var cluster = event.target.closest && event.target.closest("a.cluster");
    if (!cluster || !clustersURL) { return; }
    event.preventDefault();
    var c = cluster.querySelector("circle.site");
    zoom(2, parseFloat(c.getAttribute("cx")), parseFloat(c.getAttribute("cy")));
  });

  function zoom(factor, cx, cy) {
    var width = Math.min(base.width, Math.max(base.width / 32, view.width / factor));
    var height = width * base.height / base.width;
    cx = cx === undefined ? view.x + view.width / 2 : cx;
    cy = cy === undefined ? view.y + view.height / 2 : cy;
    view.x = cx - (cx - view.x) * width / view.width;
    view.y = cy - (cy - view.y) * height / view.height;
    view.width = width;
    view.height = height;
    clamp();
    apply();
  }

  function clamp() {
    view.x = Math.min(Math.max(view.x, base.x), base.x + base.width - view.width);
    view.y = Math.min(Math.max(view.y, base.y), base.y + base.height - view.height);
  }

  function point(event) {
    var box = svg.getBoundingClientRect();
    return { x: view.x + (event.clientX - box.left) / box.width * view.width,
             y: view.y + (event.clientY - box.top) / box.height * view.height };
  }

  var controls = document.createElement("div");
  controls.className = "map-controls";
  [["+", "Zoom in", function () { zoom(2); }], ["−", "Zoom out", function () { zoom(0.5); }],
   ["⟲", "Whole world", function () { view = { x: base.x, y: base.y, width: base.width, height: base.height }; apply(); }]]
    .forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.title = spec[1];
      button.setAttribute("aria-label", spec[1]);
      button.addEventListener("click", spec[2]);
      controls.appendChild(button);
    });
  svg.parentNode.insertBefore(controls, svg);
  apply();

  // On a page that asks for a point (nearest stock), a click or tap on the map picks it.
  var pickLat = svg.hasAttribute("data-pick") && document.querySelector("input[name=lat]");
  var pickLon = svg.hasAttribute("data-pick") && document.querySelector("input[name=lon]");
  var pressed = null;
  svg.addEventListener("pointerdown", function (event) { pressed = { x: event.clientX, y: event.clientY }; });
  svg.addEventListener("click", function (event) {
    if (!pickLat || !pickLon || event.target.closest("a")) { return; }
    if (pressed && Math.abs(event.clientX - pressed.x) + Math.abs(event.clientY - pressed.y) > 6) { return; }  // a drag
    var p = point(event);
    pickLat.value = (90 - p.y / base.height * 180).toFixed(3);
    pickLon.value = (p.x / base.width * 360 - 180).toFixed(3);
    var mark = svg.querySelector("circle.picked");
    if (!mark) {
      mark = document.createElementNS("http://www.w3.org/2000/svg", "circle");
      mark.setAttribute("class", "picked");
      svg.appendChild(mark);
    }
    mark.setAttribute("cx", p.x.toFixed(1));
    mark.setAttribute("cy", p.y.toFixed(1));
    mark.setAttribute("r", (4 * view.width / base.width).toFixed(2));
  });

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var p = point(event);
    zoom(event.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (event) {
    if (event.target.closest("a")) { return; }
    drag = { x: event.clientX, y: event.clientY, view: { x: view.x, y: view.y } };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var box = svg.getBoundingClientRect();
    view.x = drag.view.x - (event.clientX - drag.x) / box.width * view.width;
    view.y = drag.view.y - (event.clientY - drag.y) / box.height * view.height;
    clamp();
    apply();
  });
  svg.addEventListener("pointerup", function () { drag = null; });

  // Tier and organisation filter as you choose or type: the map asks for the clusters of the
  // filtered sites, and the table's rows on this page are hidden in place; the other filters
  // need the server.
  var form = document.querySelector("form.filters");
  var tier = form && form.querySelector("select[name=tier]");
  var org = form && form.querySelector("input[name=org]");
  function filter() {
    var wantTier = tier ? tier.value.replace(/ /g, "_") : "";
    var wantOrg = org ? org.value.trim().toUpperCase() : "";
    var shown = 0;
    var selector = clustersURL ? "table tr[data-tier]" : "svg.worldmap a[data-tier], table tr[data-tier]";
    document.querySelectorAll(selector).forEach(function (el) {
      var ok = (!wantTier || el.dataset.tier === wantTier) && (!wantOrg || el.dataset.org.toUpperCase().indexOf(wantOrg) === 0);
      el.style.display = ok ? "" : "none";
      if (ok && el.tagName.toLowerCase() === "a") { shown += 1; }
    });
    if (clustersURL) { refresh(true); } else { svg.setAttribute("data-shown", String(shown)); }
  }
  if (tier) { tier.addEventListener("change", filter); }
  if (org) { org.addEventListener("input", filter); }
})();
