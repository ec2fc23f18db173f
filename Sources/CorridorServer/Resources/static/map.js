// The map without a tile server: zoom and pan change the SVG's viewBox; the tier and
// organisation filters hide markers and table rows in place. Without this script the page
// still works: the filter form reloads the page with server-side filtering.
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
  var circles = Array.prototype.slice.call(svg.querySelectorAll("circle.site"));
  var hits = Array.prototype.slice.call(svg.querySelectorAll("circle.hit"));
  circles.forEach(function (c) { c.dataset.r = c.getAttribute("r"); });

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.width, view.height].map(function (v) { return v.toFixed(1); }).join(" "));
    // Markers keep their size on screen as the map zooms.
    var scale = view.width / base.width;
    circles.forEach(function (c) { c.setAttribute("r", (parseFloat(c.dataset.r) * Math.max(scale, 0.15)).toFixed(2)); });
    // What a finger can tap: a dozen pixels around each marker, however far the map is zoomed.
    var unitsPerPixel = view.width / Math.max(svg.getBoundingClientRect().width, 1);
    hits.forEach(function (c) { c.setAttribute("r", (12 * unitsPerPixel).toFixed(2)); });
  }

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

  // Tier and organisation filter as you choose or type; the other filters need the server.
  var form = document.querySelector("form.filters");
  var tier = form && form.querySelector("select[name=tier]");
  var org = form && form.querySelector("input[name=org]");
  function filter() {
    var wantTier = tier ? tier.value.replace(/ /g, "_") : "";
    var wantOrg = org ? org.value.trim().toUpperCase() : "";
    var shown = 0;
    document.querySelectorAll("svg.worldmap a[data-tier], table tr[data-tier]").forEach(function (el) {
      var ok = (!wantTier || el.dataset.tier === wantTier) && (!wantOrg || el.dataset.org.toUpperCase().indexOf(wantOrg) === 0);
      el.style.display = ok ? "" : "none";
      if (ok && el.tagName.toLowerCase() === "a") { shown += 1; }
    });
    svg.setAttribute("data-shown", String(shown));
  }
  if (tier) { tier.addEventListener("change", filter); }
  if (org) { org.addEventListener("input", filter); }
})();
