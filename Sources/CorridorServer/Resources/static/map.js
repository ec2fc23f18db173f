// The map without a tile server: zoom and pan change the SVG's viewBox; the tier and
// organisation filters hide markers and table rows in place. Without this script the page
// still works: the filter form reloads the page with server-side filtering.
(function () {
  "use strict";
  var svg = document.querySelector("svg.worldmap");
  if (!svg) { return; }
  var full = svg.viewBox.baseVal;
  var base = { x: full.x, y: full.y, width: full.width, height: full.height };
  var view = { x: base.x, y: base.y, width: base.width, height: base.height };
  var circles = Array.prototype.slice.call(svg.querySelectorAll("circle.site"));
  circles.forEach(function (c) { c.dataset.r = c.getAttribute("r"); });

  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.width, view.height].map(function (v) { return v.toFixed(1); }).join(" "));
    // Markers keep their size on screen as the map zooms.
    var scale = view.width / base.width;
    circles.forEach(function (c) { c.setAttribute("r", (parseFloat(c.dataset.r) * Math.max(scale, 0.15)).toFixed(2)); });
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
