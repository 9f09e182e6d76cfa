// skyledger dashboard: reads only /api/v1. Every text from the ledger is put on the page as
// text nodes (el() below), never as HTML, so a source containing markup shows as written.
"use strict";

const API = "/api/v1";
const WEAPON_COLOURS = { uav: "#d95f02", missile: "#7570b3", glide_bomb: "#1b9e77", rocket: "#e7298a",
  aircraft: "#66a61e", unknown: "#999999" };
const SHADES = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
const state = { offset: 0, limit: 50, meta: null, me: null, boundaries: null, map: null, regions: null, markers: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function token() { return localStorage.getItem("skyledger.token") || ""; }

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (token()) headers.Authorization = "Bearer " + token();
  if (options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(API + path, { ...options, headers });
  const body = await response.json().catch(() => ({ error: { message: response.statusText } }));
  if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
  return body;
}

function filterParams() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const name of ["since", "until", "admin1", "kind", "weapon", "text"]) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function query(extra) {
  const params = filterParams();
  for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
  const s = params.toString();
  return s ? "?" + s : "";
}

function regionName(code) {
  const f = state.boundaries && state.boundaries.features.find((x) => x.id === code);
  return f ? f.properties.name_en : code;
}

// --- map ---------------------------------------------------------------------------------

function shade(n, max) {
  if (!n) return null;
  const i = Math.min(SHADES.length - 1, Math.ceil((Math.log(n + 1) / Math.log(max + 1)) * (SHADES.length - 1)));
  return SHADES[i];
}

function initMap() {
  const map = L.map("map", { zoomSnap: 0.25, attributionControl: true, worldCopyJump: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries © Natural Earth · places GeoNames (CC BY 4.0) · Leaflet");
  state.map = map;
  state.regions = L.geoJSON(state.boundaries, {
    style: () => ({ color: "#7b8791", weight: 0.6, fillColor: "#f4f4f2", fillOpacity: 1 }),
    onEachFeature: (feature, layer) => {
      layer.on("click", () => {
        const select = document.getElementById("filters").elements.admin1;
        if ([...select.options].some((o) => o.value === feature.id)) {
          select.value = feature.id;
          state.offset = 0;
          refresh();
        }
      });
    },
  }).addTo(map);
  state.markers = L.layerGroup().addTo(map);
  map.fitBounds([[43, 22], [62, 50]]);
}

function paintMap(rows) {
  const counts = {};
  for (const r of rows) {
    if (!r.report) continue;
    counts[r.key.admin1] = Object.values(r.cells).reduce((a, c) => a + c.incidents, 0);
  }
  const max = Math.max(1, ...Object.values(counts));
  let shaded = 0;
  state.regions.eachLayer((layer) => {
    const code = layer.feature.id;
    const n = counts[code] || 0;
    const fill = shade(n, max);
    if (fill) shaded += 1;
    layer.setStyle({ fillColor: fill || "#f4f4f2" });
    layer.getElement && layer.getElement() && layer.getElement().setAttribute("data-region", code);
    layer.getElement && layer.getElement() && layer.getElement().setAttribute("data-count", String(n));
    layer.bindTooltip(`${layer.feature.properties.name_en}: ${n ? n + " incident(s)" : "no report"}`, { sticky: true });
  });
  document.getElementById("map").dataset.shaded = String(shaded);
  const legend = document.getElementById("legend");
  legend.replaceChildren(el("span", {}, "Incidents per region:"),
    el("span", {}, el("i", { style: "background:#f4f4f2" }), "no report"),
    ...SHADES.map((c, i) => el("span", {}, el("i", { style: `background:${c}` }),
      i === 0 ? "fewest" : i === SHADES.length - 1 ? `most (${max})` : "")),
    el("span", {}, el("i", { style: "background:#1d2c3a;border-radius:50%" }), "settlement"));
  return counts;
}

function paintMarkers(items) {
  state.markers.clearLayers();
  for (const it of items) {
    if (it.lat === null || it.lon === null || it.precision === null || it.precision > 2) continue;
    const m = L.circleMarker([it.lat, it.lon], { radius: 6, color: "#fff", weight: 1.5, fillColor: "#1d2c3a", fillOpacity: 0.9 });
    m.bindTooltip(`${it.date || "undated"} · ${it.place || it.admin1_name || it.region_label} · ${it.kind} ${it.weapon} · ${it.figure}`);
    m.on("click", () => { location.hash = "#/incident/" + encodeURIComponent(it.id); });
    m.addTo(state.markers);
  }
}

// --- timeline ----------------------------------------------------------------------------

function paintTimeline(rows) {
  const box = document.getElementById("timeline");
  const days = [...new Set(rows.map((r) => r.key.day))].filter((d) => d !== "undated");
  if (!days.length) { box.replaceChildren(el("p", {}, "No dated incidents for this choice.")); return; }
  const weapons = [...new Set(rows.filter((r) => r.report).map((r) => r.key.weapon))].sort();
  const perDay = days.map((d) => {
    const own = rows.filter((r) => r.key.day === d && r.report);
    return { day: d, parts: weapons.map((w) => {
      const r = own.find((x) => x.key.weapon === w);
      return r ? Object.values(r.cells).reduce((a, c) => a + c.incidents, 0) : 0;
    }) };
  });
  const max = Math.max(1, ...perDay.map((d) => d.parts.reduce((a, b) => a + b, 0)));
  // drawn at the box's own width, so the axis text keeps its size on a phone
  const W = Math.max(280, Math.round(box.clientWidth || 600)), H = 160, pad = 24, bw = (W - pad) / perDay.length;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H + 18}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Daily incidents by weapon");
  const add = (tag, attrs, text) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    svg.append(n);
    return n;
  };
  add("text", { x: 0, y: 10, class: "axis" }, String(max));
  perDay.forEach((d, i) => {
    let y = H;
    const total = d.parts.reduce((a, b) => a + b, 0);
    if (!total) add("rect", { x: pad + i * bw + 1, y: H - 3, width: Math.max(1, bw - 2), height: 3, class: "noreport" });
    d.parts.forEach((n, j) => {
      if (!n) return;
      const h = (n / max) * (H - 14);
      y -= h;
      const r = add("rect", { x: pad + i * bw + 1, y, width: Math.max(1, bw - 2), height: h, fill: WEAPON_COLOURS[weapons[j]] || "#555" });
      const t = document.createElementNS(ns, "title");
      t.textContent = `${d.day}: ${n} ${weapons[j]}`;
      r.append(t);
    });
  });
  const step = Math.max(1, Math.ceil(perDay.length / 6));
  perDay.forEach((d, i) => { if (i % step === 0) add("text", { x: pad + i * bw, y: H + 14, class: "axis" }, d.day.slice(5)); });
  box.replaceChildren(svg, el("div", { class: "legend" },
    weapons.map((w) => el("span", {}, el("i", { style: `background:${WEAPON_COLOURS[w] || "#555"}` }), w)),
    el("span", {}, el("i", { style: "background:#e8eaec" }), "no report")));
}

// --- list --------------------------------------------------------------------------------

function where(it) {
  const region = it.admin1_name || it.region_label;
  return it.place ? `${it.place}, ${region}` : region;
}

function paintList(page) {
  document.getElementById("total").textContent = String(page.total);
  const body = document.querySelector("#list tbody");
  body.replaceChildren(...page.items.map((it) => el("tr", { "data-id": it.id },
    el("td", {}, it.date || "undated"),
    el("td", {}, where(it)),
    el("td", {}, `${it.kind} · ${it.weapon}`),
    el("td", {}, it.figure),
    el("td", {}, String(it.n_sources)),
    el("td", { class: "status-" + it.review_status },
      el("a", { href: "#/incident/" + encodeURIComponent(it.id) }, it.review_status)))));
  const last = Math.min(page.total, page.offset + page.items.length);
  document.getElementById("page").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "none";
  document.getElementById("prev").disabled = page.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
}

async function refresh() {
  const q = query();
  document.getElementById("csv").href = `${API}/export.csv${q}`;
  document.getElementById("geojson").href = `${API}/export.geojson${q}`;
  const [page, regions, days, points] = await Promise.all([
    api(`/incidents${query({ limit: state.limit, offset: state.offset })}`),
    api(`/stats${query({ by: "admin1" })}`),
    api(`/stats${query({ by: "day,weapon" })}`),
    api(`/incidents${query({ limit: 500 })}`),
  ]);
  paintList(page);
  paintMap(regions.rows);
  paintMarkers(points.items);
  paintTimeline(days.rows);
  document.body.dataset.ready = "overview";
}

// --- incident page -----------------------------------------------------------------------

function highlighted(text, spans) {
  // Offsets count code points (as Python does); Array.from splits the text the same way.
  const chars = Array.from(text);
  const marks = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const s of marks) {
    if (s.start < at) continue;
    out.push(chars.slice(at, s.start).join(""));
    out.push(el("mark", {}, chars.slice(s.start, s.end).join("")));
    at = s.end;
  }
  out.push(chars.slice(at).join(""));
  return out;
}

function reviewPanel(d) {
  const id = d.incident.id;
  const msg = el("span", { class: "error", role: "status" });
  const act = async (path, body) => {
    try {
      await api(path, { method: "POST", body: JSON.stringify(body) });
      await showIncident(id);
    } catch (e) { msg.textContent = e.message; }
  };
  const field = el("select", { name: "field", "aria-label": "field to correct" },
    (state.meta ? state.meta.correctable : []).map((f) => el("option", { value: f }, f)));
  const value = el("input", { name: "value", placeholder: "new value", "aria-label": "new value", size: 12 });
  const parse = (f, v) => (v === "" ? null : /count|killed|injured/.test(f) ? Number(v) : /^(lat|lon)$/.test(f) ? Number(v) : v);
  const others = el("input", { name: "others", placeholder: "ids to merge in, comma-separated", size: 28 });
  const checks = d.sources.map((s) => el("label", {}, el("input", { type: "checkbox", value: s.document.content_hash }),
    ` ${s.figure.said_by}`));
  return el("section", { class: "review", "data-testid": "review" },
    el("h2", {}, "Review"),
    el("div", { class: "actions" },
      el("button", { class: "primary", type: "button", onclick: () => act(`/incidents/${encodeURIComponent(id)}/confirm`, {}) }, "Confirm"),
      el("button", { type: "button", onclick: () => act(`/incidents/${encodeURIComponent(id)}/reject`, {}) }, "Reject"),
      el("span", {}, field, " ", value, " ",
        el("button", { type: "button", onclick: () => act(`/incidents/${encodeURIComponent(id)}/correct`,
          { field: field.value, value: parse(field.value, value.value.trim()) }) }, "Correct")),
      el("span", {}, others, " ", el("button", { type: "button", onclick: () => act(`/incidents/${encodeURIComponent(id)}/merge`,
        { others: others.value.split(",").map((x) => x.trim()).filter(Boolean) }) }, "Merge")),
      el("span", {}, "Split off: ", checks, " ", el("button", { type: "button", onclick: () => act(`/incidents/${encodeURIComponent(id)}/split`,
        { documents: checks.map((c) => c.querySelector("input")).filter((i) => i.checked).map((i) => i.value) }) }, "Split"))),
    msg);
}

function historyList(d, canReview) {
  if (!d.history.length) return el("p", {}, "No review actions yet.");
  return el("ol", { class: "history", "data-testid": "history" }, d.history.map((h) => el("li",
    { class: h.undone_by ? "undone" : "", "data-action": h.action },
    `#${h.id} ${h.at} ${h.actor}: ${h.action}`,
    h.action === "correct" ? ` ${h.payload.field} → ${JSON.stringify(h.payload.value)}` : "",
    h.action === "merge" ? ` ${h.payload.others.join(", ")}` : "",
    h.action === "undo" ? ` of #${h.undoes}` : "",
    h.note ? ` (“${h.note}”)` : "",
    canReview && h.action !== "undo" && !h.undone_by
      ? el("button", { type: "button", onclick: async () => {
        try { await api(`/review/${h.id}/undo`, { method: "POST", body: "{}" }); await showIncident(d.incident.id); }
        catch (e) { alert(e.message); } } }, "Undo") : null)));
}

async function showIncident(id) {
  const page = document.getElementById("incident");
  document.getElementById("overview").hidden = true;
  document.getElementById("filters").hidden = true;
  page.hidden = false;
  let d;
  try { d = await api(`/incidents/${encodeURIComponent(id)}`); }
  catch (e) { page.replaceChildren(el("p", { class: "error" }, e.message), el("a", { href: "#/" }, "Back")); return; }
  const it = d.incident;
  const canReview = state.me && (state.me.role === "analyst" || state.me.role === "admin");
  const casualties = [it.killed_high !== null ? `${it.killed_low === it.killed_high ? it.killed_low : it.killed_low + "–" + it.killed_high} killed` : null,
    it.injured_high !== null ? `${it.injured_low === it.injured_high ? it.injured_low : it.injured_low + "–" + it.injured_high} injured` : null].filter(Boolean).join(", ");
  page.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "‹ All incidents")),
    el("section", { class: "summary" },
      el("h2", {}, `${it.kind} · ${it.weapon} · ${where(it)} · ${it.date || "undated"}`),
      el("dl", {},
        el("dt", {}, "Figure"), el("dd", { "data-testid": "figure" }, `${it.figure} (range over ${it.n_sources} source(s), never summed)`),
        el("dt", {}, "Review"), el("dd", { class: "status-" + it.review_status, "data-testid": "status" }, it.review_status),
        it.corrected.length ? [el("dt", {}, "Corrected"), el("dd", {}, it.corrected.join(", "))] : null,
        casualties ? [el("dt", {}, "Casualties"), el("dd", {}, casualties)] : null,
        el("dt", {}, "Certainty"), el("dd", {}, it.certainty),
        it.part_of ? [el("dt", {}, "Part of"), el("dd", {}, el("a", { href: "#/incident/" + encodeURIComponent(it.part_of) }, it.part_of))] : null,
        d.parts.length ? [el("dt", {}, "Parts"), el("dd", {}, d.parts.map((p) => el("a", { href: "#/incident/" + encodeURIComponent(p) }, p + " ")))] : null,
        d.review.merged_into ? [el("dt", {}, "Merged into"), el("dd", {}, el("a", { href: "#/incident/" + encodeURIComponent(d.review.merged_into) }, d.review.merged_into))] : null,
        el("dt", {}, "Id"), el("dd", {}, it.id))),
    el("div", { class: "sources" }, d.sources.map((s) => {
      const doc = s.document;
      const spans = s.lines.flatMap((l) => l.incident.evidence);
      return el("article", { class: "source", "data-testid": "source" },
        el("div", { class: "figure" }, s.figure.text),
        el("div", {}, `said by ${s.figure.said_by} · ${s.figure.certainty}`),
        el("div", { class: "meta" }, [doc.source, doc.published, doc.lang].filter(Boolean).join(" · "), " ",
          doc.url && /^https?:\/\//.test(doc.url) ? el("a", { href: doc.url, rel: "noopener noreferrer" }, "link") : null),
        el("div", { class: "text", lang: doc.lang }, highlighted(doc.text, spans)),
        el("div", { class: "why" }, [...new Set(s.lines.map((l) => l.reason))].join("; ")));
    })),
    canReview ? reviewPanel(d) : el("p", {}, "Analysts: enter an API token above to review."),
    el("section", { class: "review" }, el("h2", {}, "Audit log"), historyList(d, canReview)));
  document.body.dataset.ready = "incident";
}

// --- wiring ------------------------------------------------------------------------------

async function route() {
  document.body.dataset.ready = "";
  const m = location.hash.match(/^#\/incident\/(.+)$/);
  if (m) return showIncident(decodeURIComponent(m[1]));
  document.getElementById("incident").hidden = true;
  document.getElementById("overview").hidden = false;
  document.getElementById("filters").hidden = false;
  state.map.invalidateSize();
  return refresh();
}

async function whoami() {
  try { state.me = await api("/me"); } catch (e) { state.me = null; }
  document.getElementById("whoami").textContent = state.me && state.me.role ? `${state.me.name} (${state.me.role})` : "reading";
}

async function main() {
  const [meta, boundaries] = await Promise.all([api("/meta"), fetch("/static/data/admin1.geojson").then((r) => r.json())]);
  state.meta = meta;
  state.boundaries = boundaries;
  const form = document.getElementById("filters");
  const fill = (select, values, label) => select.append(...values.map((v) => el("option", { value: v }, label ? label(v) : v)));
  fill(form.elements.kind, meta.kinds);
  fill(form.elements.weapon, meta.weapons);
  const units = boundaries.features.filter((f) => ["RU", "UA", "BY", "MD"].includes(f.properties.country))
    .sort((a, b) => a.properties.name_en.localeCompare(b.properties.name_en));
  fill(form.elements.admin1, units.map((f) => f.id), (code) => `${regionName(code)} (${code})`);
  form.addEventListener("submit", (e) => { e.preventDefault(); state.offset = 0; refresh(); });
  document.getElementById("clear").addEventListener("click", () => { form.reset(); state.offset = 0; refresh(); });
  document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); refresh(); });
  document.getElementById("next").addEventListener("click", () => { state.offset += state.limit; refresh(); });
  document.getElementById("token").value = token();
  document.getElementById("token-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    localStorage.setItem("skyledger.token", document.getElementById("token").value.trim());
    await whoami();
    route();
  });
  await whoami();
  initMap();
  window.addEventListener("hashchange", route);
  await route();
}

main().catch((e) => { document.body.prepend(el("p", { class: "error" }, "The dashboard could not load: " + e.message)); });
