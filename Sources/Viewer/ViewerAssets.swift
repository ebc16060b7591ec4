/// The page's fixed files. They hold no sample text: everything from a record reaches the
/// page as JSON data and is put into the document with `textContent` and attribute setters,
/// never parsed as markup, so no caption can inject HTML or script.
enum ViewerAssets {
    /// `index.html`; `title` is the only dataset text in it, escaped.
    static func index(title: String) -> String {
        let t = htmlEscaped(title)
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            \(DatasetViewer.generatorMark)
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(t)</title>
            <link rel="stylesheet" href="viewer.css">
            </head>
            <body data-sw-status="loading">
            <header class="bar">
            <h1>\(t)</h1>
            <nav>
            <button id="prev" type="button" title="previous page">&#8249; Prev</button>
            <label>Page <input id="page" type="number" min="1" value="1"> of <span id="pages">?</span></label>
            <button id="next" type="button" title="next page">Next &#8250;</button>
            <form id="find"><label>Key <input id="key" size="10" placeholder="000000042"></label></form>
            <label>Language <select id="lang"></select></label>
            <label><input id="boxes" type="checkbox" checked> boxes</label>
            <label><input id="mask" type="checkbox"> id mask</label>
            <span id="count"></span>
            </nav>
            </header>
            <p id="message" hidden></p>
            <main id="grid"></main>
            <noscript><p>This viewer needs JavaScript.</p></noscript>
            <script src="data/manifest.js"></script>
            <script src="viewer.js"></script>
            </body>
            </html>

            """
    }

    static let style = """
        * { box-sizing: border-box; }
        body { margin: 0; font: 13px/1.4 system-ui, "Noto Sans", "Noto Sans CJK SC", sans-serif; background: #f3f3f1; color: #1d1d1f; }
        .bar { position: sticky; top: 0; z-index: 2; background: #20242a; color: #f4f4f4; padding: 6px 12px; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px; }
        .bar h1 { font-size: 15px; margin: 0; font-weight: 600; }
        .bar nav { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; }
        .bar input[type=number] { width: 5em; }
        .bar form { margin: 0; }
        #message { margin: 8px 12px; padding: 6px 10px; background: #fde2e1; border: 1px solid #e0a09d; }
        #grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px; padding: 12px; }
        .card { background: #fff; border: 1px solid #d6d6d2; border-radius: 6px; padding: 8px; display: flex; flex-direction: column; gap: 6px; }
        .card.flash { outline: 3px solid #0a84ff; }
        .card header { display: flex; gap: 8px; align-items: baseline; color: #555; }
        .card header b { color: #1d1d1f; font-family: ui-monospace, monospace; }
        .row { display: flex; gap: 10px; align-items: flex-start; }
        .figure { position: relative; flex: 0 0 auto; width: 256px; max-width: 45%; background: #ddd; }
        .figure img { display: block; width: 100%; height: auto; }
        .figure img.mask { position: absolute; inset: 0; height: 100%; opacity: 0.65; display: none; }
        body.show-mask .figure img.mask { display: block; }
        .figure svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
        .figure .missing { padding: 40px 8px; text-align: center; color: #a00; }
        svg rect { fill: none; stroke-width: 2; vector-effect: non-scaling-stroke; }
        svg g.ref text { font: bold 11px sans-serif; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
        svg g.ref.hi rect, svg g.ref.pinned rect { stroke-width: 4; fill: currentColor; fill-opacity: 0.18; }
        svg g.dense { display: none; color: #000; }
        svg g.dense rect { stroke: #000; stroke-dasharray: 4 2; }
        svg g.dense.hi, svg g.dense.pinned { display: inline; }
        body.no-boxes svg g.ref { display: none; }
        .text { flex: 1 1 auto; min-width: 0; max-height: 420px; overflow: auto; }
        .text h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: #777; margin: 8px 0 2px; }
        .text h3:first-child { margin-top: 0; }
        .text p { margin: 2px 0; }
        .text ol, .text ul { margin: 2px 0; padding-left: 20px; }
        .lang { display: inline-block; font-size: 10px; color: #fff; background: #888; border-radius: 3px; padding: 0 3px; margin-right: 4px; vertical-align: 1px; }
        .short { font-weight: 600; }
        .dense li, .refs li { cursor: pointer; }
        .dense li.hi, .dense li.pinned, .refs li.hi, .refs li.pinned { background: #fff3c4; }
        .swatch { display: inline-block; width: 10px; height: 10px; border: 2px solid currentColor; margin-right: 4px; vertical-align: -1px; }
        table.qa { border-collapse: collapse; width: 100%; }
        table.qa td { border-top: 1px solid #eee; padding: 1px 4px; vertical-align: top; }
        table.qa td.answer { font-weight: 600; white-space: nowrap; }
        table.qa td.family, .kind { color: #777; font-size: 11px; white-space: nowrap; }
        .problems { color: #a00; }
        .objects { color: #555; font-size: 11px; }
        .objects .chip { display: inline-block; width: 9px; height: 9px; margin: 0 2px 0 6px; vertical-align: -1px; border: 1px solid #999; }

        """

    static let script = #"""
        "use strict";
        (function () {
          var M = window.SW_MANIFEST;
          var body = document.body;
          var grid = document.getElementById("grid");
          var message = document.getElementById("message");
          var BOX = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#008080", "#f032e6", "#9a6324", "#800000", "#000075"];
          var NAMES = { en: "English", zh: "中文" };
          var state = { page: 1, lang: M.default_language, boxes: true, mask: false, key: null };
          var loaded = {}, waiting = {};
          var counts = null;

          function el(tag, attrs, text) {
            var e = document.createElement(tag);
            for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
            if (text !== undefined && text !== null) e.textContent = String(text);
            return e;
          }
          function svg(tag, attrs) {
            var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
            for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
            return e;
          }
          function pad(n) { var s = String(n); while (s.length < 6) s = "0" + s; return s; }
          function show(text) { message.hidden = !text; message.textContent = text || ""; }
          function wanted(lang) { return state.lang === "all" || lang === state.lang; }
          function langTag(parent, lang) { if (state.lang === "all") parent.appendChild(el("span", { "class": "lang" }, lang)); }

          // State lives in the location hash so a view can be bookmarked: #page=3&lang=zh&boxes=1&mask=1&key=000000101
          function readHash() {
            state.key = null;
            location.hash.replace(/^#/, "").split("&").forEach(function (part) {
              var kv = part.split("="), k = decodeURIComponent(kv[0] || ""), v = decodeURIComponent(kv[1] || "");
              if (k === "page") { var n = parseInt(v, 10); if (n >= 1 && n <= M.pages.length) state.page = n; }
              else if (k === "lang") { if (v === "all" || M.languages.indexOf(v) >= 0) state.lang = v; }
              else if (k === "boxes") state.boxes = v !== "0";
              else if (k === "mask") state.mask = v === "1" && M.masks > 0;
              else if (k === "key") { var p = pageOfKey(v); if (p) { state.page = p; state.key = v; } else show("no sample with key " + v); }
            });
          }
          function go(changes) {
            for (var k in changes) state[k] = changes[k];
            var h = "page=" + state.page + "&lang=" + encodeURIComponent(state.lang) + "&boxes=" + (state.boxes ? 1 : 0) + "&mask=" + (state.mask ? 1 : 0);
            if (state.key) h += "&key=" + encodeURIComponent(state.key);
            if (location.hash !== "#" + h) location.hash = h; else render();
          }
          function pageOfKey(key) {
            var n = parseInt(key, 10);
            if (!/^[0-9]+$/.test(key)) return 0;
            for (var p = M.pages.length; p >= 1; p--) {
              var first = parseInt(M.pages[p - 1][0], 10);
              if (first <= n) return n < first + M.pages[p - 1][1] ? p : 0;
            }
            return 0;
          }

          function load(page, done) {
            if (loaded[page]) return done(loaded[page]);
            waiting[page] = done;
            var s = el("script", { src: "data/page-" + pad(page) + ".js" });
            s.onerror = function () { show("cannot load " + s.getAttribute("src") + ": is the viewer folder complete?"); body.setAttribute("data-sw-status", "error"); };
            document.head.appendChild(s);
          }
          window.SW_PAGE = function (page, samples) {
            loaded[page] = samples;
            var done = waiting[page]; delete waiting[page];
            if (done) done(samples);
          };

          function render() {
            body.classList.toggle("no-boxes", !state.boxes);
            body.classList.toggle("show-mask", state.mask);
            document.getElementById("page").value = state.page;
            document.getElementById("lang").value = state.lang;
            document.getElementById("boxes").checked = state.boxes;
            document.getElementById("mask").checked = state.mask;
            body.setAttribute("data-sw-status", "loading");
            var page = state.page;
            load(page, function (samples) {
              if (page !== state.page) return;
              counts = { photo: 0, photoLoaded: 0, mask: 0, maskLoaded: 0, failed: 0 };
              grid.textContent = "";
              samples.forEach(function (s) { grid.appendChild(card(s)); });
              var first = (page - 1) * M.per_page + 1;
              document.getElementById("count").textContent = "samples " + first + "–" + (first + samples.length - 1) + " of " + M.samples;
              body.setAttribute("data-sw-page", page);
              body.setAttribute("data-sw-samples", samples.length);
              if (state.key) {
                var target = document.getElementById("s-" + state.key);
                if (target) { target.classList.add("flash"); target.scrollIntoView(); } else show("no sample with key " + state.key);
              }
              settle();
            });
          }

          // Records, for a browser test, what actually rendered: images with a decoded size, boxes with a laid-out size.
          function settle() {
            var rects = grid.querySelectorAll("svg g.ref rect"), drawn = 0;
            for (var i = 0; i < rects.length; i++) { var b = rects[i].getBoundingClientRect(); if (b.width > 0 && b.height > 0) drawn++; }
            body.setAttribute("data-sw-images", counts.photo);
            body.setAttribute("data-sw-images-loaded", counts.photoLoaded);
            body.setAttribute("data-sw-masks", counts.mask);
            body.setAttribute("data-sw-masks-loaded", counts.maskLoaded);
            body.setAttribute("data-sw-failed", counts.failed);
            body.setAttribute("data-sw-boxes", rects.length);
            body.setAttribute("data-sw-boxes-drawn", drawn);
            var settled = counts.photoLoaded + counts.maskLoaded + counts.failed === counts.photo + counts.mask;
            body.setAttribute("data-sw-status", settled ? (counts.failed ? "failed" : "ready") : "loading");
          }
          function track(img, kind) {
            counts[kind]++;
            var mine = counts, done = false;
            function finish(ok) {
              if (done || mine !== counts) return;
              done = true;
              if (ok && img.naturalWidth > 0) { img.setAttribute("data-natural-width", img.naturalWidth); counts[kind + "Loaded"]++; }
              else { img.setAttribute("data-error", "1"); counts.failed++; }
              settle();
            }
            img.addEventListener("load", function () { finish(true); });
            img.addEventListener("error", function () { finish(false); });
          }

          function box(parent, cls, attr, value, b, color, label) {
            var g = svg("g", { "class": cls }); g.setAttribute(attr, value);
            if (color) g.setAttribute("style", "color:" + color);
            g.appendChild(svg("rect", { x: b[0], y: b[1], width: b[2], height: b[3], stroke: color || "#000", "data-bbox": b.join(",") }));
            if (label) { var t = svg("text", { x: b[0] + 2, y: b[1] + 11, fill: color }); t.textContent = label; g.appendChild(t); }
            parent.appendChild(g);
          }

          function card(s) {
            var art = el("article", { "class": "card", id: "s-" + s.key, "data-key": s.key });
            var head = el("header");
            head.appendChild(el("b", null, s.key));
            head.appendChild(el("span", null, s.index === undefined ? s.location : "#" + s.index + " · " + s.objects.length + " objects · " + s.width + "×" + s.height + " · " + s.background));
            art.appendChild(head);
            var row = el("div", { "class": "row" }), fig = el("div", { "class": "figure" }), text = el("div", { "class": "text" });
            if (s.width) fig.style.width = Math.min(s.width, 320) + "px";
            if (s.src) { var img = el("img", { "class": "photo", alt: "sample " + s.key, src: s.src }); track(img, "photo"); fig.appendChild(img); }
            else fig.appendChild(el("div", { "class": "missing" }, "no image"));
            if (s.mask) { var m = el("img", { "class": "mask", alt: "", src: s.mask }); track(m, "mask"); fig.appendChild(m); }
            if (s.width) {
              var layer = svg("svg", { "class": "boxes", viewBox: "0 0 " + s.width + " " + s.height, preserveAspectRatio: "none" });
              s.captions.forEach(function (c) {
                if (!wanted(c.lang)) return;
                c.dense.forEach(function (d, j) { if (d.bbox) box(layer, "dense", "data-dense", c.lang + "-" + j, d.bbox); });
              });
              s.refs.forEach(function (r, i) { if (wanted(r.lang) && r.bbox) box(layer, "ref", "data-ref", i, r.bbox, BOX[i % BOX.length], String(i + 1)); });
              fig.appendChild(layer);
            }
            row.appendChild(fig); row.appendChild(text); art.appendChild(row);

            if (s.problems.length) {
              text.appendChild(el("h3", null, "Problems"));
              var pl = el("ul", { "class": "problems" });
              s.problems.forEach(function (p) { pl.appendChild(el("li", null, p)); });
              text.appendChild(pl);
            }
            if (s.index === undefined) return art;

            text.appendChild(el("h3", null, "Captions"));
            s.captions.forEach(function (c) {
              if (!wanted(c.lang)) return;
              var p = el("p", { "class": "short", lang: c.lang }); langTag(p, c.lang); p.appendChild(document.createTextNode(c.short)); text.appendChild(p);
              p = el("p", { "class": "detailed", lang: c.lang }); langTag(p, c.lang); p.appendChild(document.createTextNode(c.detailed)); text.appendChild(p);
              if (c.dense.length) {
                var ol = el("ol", { "class": "dense", lang: c.lang });
                c.dense.forEach(function (d, j) { ol.appendChild(el("li", { "data-dense": c.lang + "-" + j }, d.text)); });
                text.appendChild(ol);
              }
            });
            var qa = s.qa.filter(function (q) { return wanted(q.lang); });
            if (qa.length) {
              text.appendChild(el("h3", null, "Questions (" + qa.length + ")"));
              var table = el("table", { "class": "qa" });
              qa.forEach(function (q) {
                var tr = el("tr", { lang: q.lang }), td = el("td", { "class": "question" });
                langTag(td, q.lang); td.appendChild(document.createTextNode(q.question));
                tr.appendChild(td);
                tr.appendChild(el("td", { "class": "answer" }, q.answer));
                tr.appendChild(el("td", { "class": "family", title: q.answer_type + ", " + q.level }, q.family));
                table.appendChild(tr);
              });
              text.appendChild(table);
            }
            var refs = el("ol", { "class": "refs" }), nrefs = 0;
            s.refs.forEach(function (r, i) {
              if (!wanted(r.lang)) return;
              nrefs++;
              var li = el("li", { "data-ref": i, value: i + 1, lang: r.lang, style: "color:" + BOX[i % BOX.length] });
              li.appendChild(el("span", { "class": "swatch" }));
              var t = el("span", { style: "color:#1d1d1f" }); langTag(t, r.lang); t.appendChild(document.createTextNode(r.text));
              li.appendChild(t);
              refs.appendChild(li);
            });
            if (nrefs) { text.appendChild(el("h3", null, "Referring expressions (" + nrefs + ")")); text.appendChild(refs); }
            var negs = s.negatives.filter(function (n) { return wanted(n.lang); });
            if (negs.length) {
              text.appendChild(el("h3", null, "Hard negatives (false)"));
              var ul = el("ul", { "class": "negatives" });
              negs.forEach(function (n) {
                var li = el("li", { lang: n.lang }); langTag(li, n.lang);
                li.appendChild(el("span", { "class": "kind" }, n.kind + " · "));
                li.appendChild(document.createTextNode(n.text));
                ul.appendChild(li);
              });
              text.appendChild(ul);
            }
            var convs = (s.conversations || []).filter(function (c) { return wanted(c.lang); });
            if (convs.length) {
              text.appendChild(el("h3", null, "Conversations (" + convs.length + ")"));
              convs.forEach(function (c) {
                var dl = el("dl", { "class": "conversation", lang: c.lang });
                c.turns.forEach(function (t) {
                  var dt = el("dt", null); langTag(dt, c.lang);
                  dt.appendChild(el("span", { "class": "kind" }, t.kind + " · "));
                  dt.appendChild(document.createTextNode(t.question));
                  dl.appendChild(dt);
                  dl.appendChild(el("dd", null, t.answer));
                });
                if (c.shortfall) dl.appendChild(el("dd", { "class": "kind" }, c.shortfall + " turns short"));
                text.appendChild(dl);
              });
            }
            text.appendChild(el("h3", null, "Objects"));
            var objs = el("p", { "class": "objects" });
            s.objects.forEach(function (o) {
              var chip = el("span", { "class": "chip", title: "mask color of object " + o.id });
              chip.style.background = "rgb(" + o.mask_rgb.join(",") + ")";
              objs.appendChild(chip);
              objs.appendChild(document.createTextNode(o.id + " " + o.size + " " + o.fill + " " + o.color + " " + o.shape));
            });
            text.appendChild(objs);
            return art;
          }

          // Hover highlights an expression and its box together; click pins the highlight.
          function partners(target) {
            var item = target.closest ? target.closest("[data-ref],[data-dense]") : null;
            if (!item) return null;
            var attr = item.hasAttribute("data-ref") ? "data-ref" : "data-dense";
            var card = item.closest(".card");
            return card.querySelectorAll("[" + attr + '="' + CSS.escape(item.getAttribute(attr)) + '"]');
          }
          function mark(event, cls, on) {
            var items = partners(event.target);
            if (!items) return;
            for (var i = 0; i < items.length; i++) items[i].classList.toggle(cls, on === undefined ? !items[i].classList.contains(cls) : on);
          }
          grid.addEventListener("mouseover", function (e) { mark(e, "hi", true); });
          grid.addEventListener("mouseout", function (e) { mark(e, "hi", false); });
          grid.addEventListener("click", function (e) { mark(e, "pinned"); });

          var select = document.getElementById("lang");
          M.languages.concat(["all"]).forEach(function (l) { select.appendChild(el("option", { value: l }, l === "all" ? "all languages" : (NAMES[l] || l))); });
          document.getElementById("pages").textContent = M.pages.length;
          document.getElementById("mask").disabled = M.masks === 0;
          document.getElementById("prev").addEventListener("click", function () { if (state.page > 1) go({ page: state.page - 1, key: null }); });
          document.getElementById("next").addEventListener("click", function () { if (state.page < M.pages.length) go({ page: state.page + 1, key: null }); });
          document.getElementById("page").addEventListener("change", function (e) {
            var n = parseInt(e.target.value, 10);
            if (n >= 1 && n <= M.pages.length) go({ page: n, key: null }); else e.target.value = state.page;
          });
          document.getElementById("find").addEventListener("submit", function (e) {
            e.preventDefault();
            var key = document.getElementById("key").value.trim(), p = pageOfKey(key);
            if (p) { show(""); go({ page: p, key: key }); } else show("no sample with key " + key);
          });
          select.addEventListener("change", function () { go({ lang: select.value }); });
          document.getElementById("boxes").addEventListener("change", function (e) { go({ boxes: e.target.checked }); });
          document.getElementById("mask").addEventListener("change", function (e) { go({ mask: e.target.checked }); });
          window.addEventListener("hashchange", function () { readHash(); render(); });
          readHash();
          render();
        })();

        """#
}
