"use strict";
(function () {
  // Every piece of corpus text reaches the page through textContent / createTextNode only.
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const PAGE_SIZE = 50;
  const KINDS = [["safe", "Safe fixes"], ["unsafe", "Unsafe fixes"], ["finding", "Findings only"]];
  const state = {
    kinds: new Set(KINDS.map(k => k[0])),
    categories: new Set(),
    rule: "",
    search: "",
    onlyChanged: true,
    sort: "worst",
    page: 0,
    doc: -1,
    current: -1,
  };
  const $ = id => document.getElementById(id);

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    return node;
  }
  const fmt = n => Number(n).toLocaleString("en-US");

  // ---- summary ----------------------------------------------------------------------------
  function renderSummary() {
    const s = DATA.summary;
    $("signature").textContent = DATA.signature;
    const cards = [
      ["documents", "Documents", fmt(s.documents)],
      ["words", "Words", fmt(s.words)],
      ["sentences", "Sentences", fmt(s.sentences)],
      ["findings", "Findings", fmt(s.findings)],
      ["findings_per_1k_words", "per 1,000 words", s.findings_per_1k_words.toFixed(2)],
      ["fixes_safe", "Safe fixes applied", fmt(s.fixes_applied.safe)],
      ["fixes_unsafe", "Unsafe fixes applied", fmt(s.fixes_applied.unsafe)],
      ["documents_changed", "Documents changed", fmt(s.documents_changed)],
      ["non_english_sentences", "Non-English sentences", fmt(s.non_english_sentences) + " (" + (100 * s.non_english_share).toFixed(1) + "%)"],
    ];
    for (const [field, label, value] of cards) {
      $("cards").appendChild(el("div", {className: "card"}, [
        el("div", {className: "card-value", "data-field": field, text: value}),
        el("div", {className: "card-label", text: label}),
      ]));
    }
    const entries = Object.entries(s.findings_by_category);
    const max = Math.max(1, ...entries.map(e => e[1]));
    if (!entries.length) $("chart").appendChild(el("p", {className: "small", text: "No findings."}));
    for (const [category, count] of entries) {
      const bar = el("div", {className: "bar cat-" + category.replace(/[^a-z-]/g, "")});
      bar.style.width = (100 * count / max).toFixed(1) + "%";
      $("chart").appendChild(el("div", {className: "chart-row", "data-category": category}, [
        el("span", {className: "chart-label", text: category}),
        el("span", {className: "bar-track"}, [bar]),
        el("span", {className: "chart-count", text: fmt(count)}),
      ]));
    }
    const body = $("metrics").querySelector("tbody");
    const number = value => (value === null || value === undefined ? "–" : value.toFixed(2));
    for (const row of DATA.metrics) {
      const delta = row.delta === undefined ? "–" : (row.delta > 0 ? "+" : "") + row.delta.toFixed(2);
      const better = row.delta === undefined || row.delta === 0 ? "" : ((row.metric === "ter") === (row.delta < 0) ? "up" : "down");
      body.appendChild(el("tr", {"data-metric": row.metric}, [
        el("td", {text: row.metric === "chrf" ? "chrF2" : row.metric.toUpperCase()}),
        el("td", {className: "num", text: number(row.change)}),
        el("td", {className: "num", text: number(row.raw)}),
        el("td", {className: "num", text: number(row.cleaned)}),
        el("td", {className: "num delta " + better, text: delta}),
        el("td", {}, [el("code", {className: "sig", text: row.signature || ""})]),
      ]));
    }
    if (!DATA.metrics.length) body.appendChild(el("tr", {}, [el("td", {colspan: "6", className: "small", text: "No documents."})]));
    $("metrics").after(el("p", {className: "small", text: "One segment per document; corpus scores over all documents. TER: lower is better." + (DATA.summary.reference ? "" : " Pass --ref for BLEU and the reference columns.")}));
    const byPath = new Map(DATA.documents.map((d, i) => [d.path, i]));
    for (const path of s.worst_documents) {
      const index = byPath.get(path);
      const doc = DATA.documents[index];
      const link = el("a", {href: "#", text: doc.name, title: path});
      link.addEventListener("click", ev => { ev.preventDefault(); openDocument(index, true); });
      $("worst").appendChild(el("li", {}, [link, el("span", {className: "small", text: "  " + doc.per1k.toFixed(1) + " / 1k words · " + doc.findings + " findings"})]));
    }
  }

  // ---- filters ----------------------------------------------------------------------------
  function changeMatches(change) {
    return state.kinds.has(change.kind) && state.categories.has(change.category) && (!state.rule || state.rule === change.code);
  }
  const hunkVisible = hunk => hunk.changes.some(changeMatches);
  function docHasVisible(doc) {
    return doc.parts.some(part => typeof part !== "string" && hunkVisible(part));
  }

  function renderFilters() {
    for (const [kind, label] of KINDS) {
      const box = el("input", {type: "checkbox", checked: "", "data-kind": kind});
      box.addEventListener("change", () => { box.checked ? state.kinds.add(kind) : state.kinds.delete(kind); refresh(); });
      $("kind-filters").appendChild(el("label", {className: "chip kind-chip kind-" + kind}, [box, " " + label]));
    }
    const categories = [...new Set(DATA.rules.map(r => r.category))].sort();
    for (const category of categories) {
      state.categories.add(category);
      const box = el("input", {type: "checkbox", checked: "", "data-category": category});
      box.addEventListener("change", () => { box.checked ? state.categories.add(category) : state.categories.delete(category); refresh(); });
      $("category-filters").appendChild(el("label", {className: "chip"}, [box, " " + category]));
    }
    for (const rule of DATA.rules) $("rule-filter").appendChild(el("option", {value: rule.code, text: rule.code + " " + rule.name}));
    $("rule-filter").addEventListener("change", ev => { state.rule = ev.target.value; refresh(); });
    $("doc-search").addEventListener("input", ev => { state.search = ev.target.value.toLowerCase(); state.page = 0; renderList(); });
    $("only-changed").addEventListener("change", ev => { state.onlyChanged = ev.target.checked; state.page = 0; renderList(); });
    $("doc-sort").addEventListener("change", ev => { state.sort = ev.target.value; state.page = 0; renderList(); });
    $("page-prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); renderList(); });
    $("page-next").addEventListener("click", () => { state.page += 1; renderList(); });
  }

  // ---- document list (paginated: only one page is ever in the DOM) ---------------------------
  function listedDocuments() {
    const indexes = [];
    DATA.documents.forEach((doc, i) => {
      if (state.search && !doc.name.toLowerCase().includes(state.search)) return;
      if (state.onlyChanged && !docHasVisible(doc)) return;
      indexes.push(i);
    });
    if (state.sort === "worst") indexes.sort((a, b) => DATA.documents[b].per1k - DATA.documents[a].per1k || DATA.documents[b].findings - DATA.documents[a].findings || (DATA.documents[a].path < DATA.documents[b].path ? -1 : 1));
    else indexes.sort((a, b) => (DATA.documents[a].path < DATA.documents[b].path ? -1 : 1));
    return indexes;
  }

  function renderList() {
    const indexes = listedDocuments();
    const pages = Math.max(1, Math.ceil(indexes.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    const list = $("doc-items");
    list.replaceChildren();
    for (const i of indexes.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE)) {
      const doc = DATA.documents[i];
      const item = el("li", {className: i === state.doc ? "active" : "", "data-index": String(i)}, [
        el("span", {className: "doc-name", text: doc.name, title: doc.path}),
        el("span", {className: "doc-counts"}, [
          el("span", {className: "count kind-safe", title: "safe fixes", text: String(doc.hunks.safe)}),
          el("span", {className: "count kind-unsafe", title: "unsafe fixes", text: String(doc.hunks.unsafe)}),
          el("span", {className: "count kind-finding", title: "findings only", text: String(doc.hunks.finding)}),
        ]),
      ]);
      item.addEventListener("click", () => openDocument(i, false));
      list.appendChild(item);
    }
    $("page-info").textContent = indexes.length ? `${state.page + 1} / ${pages} · ${fmt(indexes.length)} docs` : "no documents";
    $("page-prev").disabled = state.page === 0;
    $("page-next").disabled = state.page >= pages - 1;
    return indexes;
  }

  // ---- document viewer ----------------------------------------------------------------------
  const shown = text => text.replace(/\n/g, "↵\n");
  function visibleWhitespace(text) {
    return /^\s+$/.test(text) ? text.replace(/ /g, "␣").replace(/\n/g, "↵\n") : shown(text);
  }

  function hunkElement(hunk, index) {
    const categories = [...new Set(hunk.changes.map(c => c.category))];
    const codes = [...new Set(hunk.changes.map(c => c.code))];
    const node = el("span", {className: "change kind-" + hunk.kind, tabindex: "-1", "data-hunk": String(index),
      "data-kind": hunk.kind, "data-categories": categories.join(" "), "data-rules": codes.join(" "),
      title: hunk.changes.map(c => `${c.code} ${c.name} [${c.applicability}]: ${c.message}`).join("\n")});
    if (hunk.new === null) {
      node.appendChild(el("mark", {text: hunk.old}));
    } else {
      // A deleted line carries its label in front, so the label stays on the line it explains.
      if (hunk.old.endsWith("\n")) node.appendChild(el("sup", {className: "code", text: codes.join(" ")}));
      if (hunk.old) node.appendChild(el("del", {text: visibleWhitespace(hunk.old)}));
      if (hunk.new) node.appendChild(el("ins", {text: visibleWhitespace(hunk.new)}));
    }
    if (!(hunk.new !== null && hunk.old.endsWith("\n"))) node.appendChild(el("sup", {className: "code", text: codes.join(" ")}));
    // Shown instead of the hunk when a filter hides it: the text as it stands after fixing.
    node.appendChild(el("span", {className: "plain", text: hunk.new === null ? hunk.old : hunk.new}));
    node.addEventListener("click", () => focusChange(visibleChanges().indexOf(node)));
    return node;
  }

  function openDocument(index, scroll) {
    state.doc = index;
    state.current = -1;
    const doc = DATA.documents[index];
    $("doc-title").textContent = doc.name;
    $("doc-title").title = doc.path;
    $("doc-meta").textContent = `${fmt(doc.words)} words · ${doc.findings} findings (${doc.per1k.toFixed(1)} per 1,000 words) · ${doc.hunks.safe} safe, ${doc.hunks.unsafe} unsafe, ${doc.hunks.finding} flagged`;
    const container = $("doc-text");
    container.replaceChildren();
    let hunkIndex = 0;
    for (const part of doc.parts) {
      container.appendChild(typeof part === "string" ? document.createTextNode(part) : hunkElement(part, hunkIndex++));
    }
    applyFilters();
    for (const item of $("doc-items").children) item.classList.toggle("active", item.dataset.index === String(index));
    $("detail").replaceChildren();
    if (scroll) $("review").scrollIntoView({block: "start"});
  }

  function applyFilters() {
    if (state.doc < 0) return;
    const doc = DATA.documents[state.doc];
    let hunkIndex = 0;
    for (const part of doc.parts) {
      if (typeof part === "string") continue;
      const node = $("doc-text").querySelector(`[data-hunk="${hunkIndex++}"]`);
      node.classList.toggle("filtered", !hunkVisible(part));
    }
    updatePosition();
  }

  const visibleChanges = () => [...$("doc-text").querySelectorAll(".change:not(.filtered)")];

  function focusChange(position) {
    const changes = visibleChanges();
    if (!changes.length || position < 0) return;
    for (const node of $("doc-text").querySelectorAll(".change.current")) node.classList.remove("current");
    state.current = Math.min(position, changes.length - 1);
    const node = changes[state.current];
    node.classList.add("current");
    node.focus({preventScroll: true});
    node.scrollIntoView({block: "center"});
    showDetail(DATA.documents[state.doc].parts.filter(p => typeof p !== "string")[Number(node.dataset.hunk)]);
    updatePosition();
  }

  function showDetail(hunk) {
    const detail = $("detail");
    detail.replaceChildren();
    for (const change of hunk.changes) {
      if (!changeMatches(change)) continue;
      const row = el("div", {className: "detail-row kind-" + change.kind}, [
        el("span", {className: "badge kind-" + change.kind, text: change.kind === "finding" ? "finding" : change.kind + " fix"}),
        el("code", {className: "code-big", text: change.code}),
        el("span", {className: "small", text: change.name + " · " + change.category + (change.round ? " · round " + change.round : "")}),
        el("div", {className: "message", text: change.message}),
      ]);
      if (change.kind === "finding" && change.replacement !== null) row.appendChild(el("div", {className: "small", text: "Suggested (" + change.applicability + "): " + JSON.stringify(change.replacement)}));
      detail.appendChild(row);
    }
  }

  function updatePosition() {
    const total = visibleChanges().length;
    $("change-pos").textContent = total ? `${state.current >= 0 ? state.current + 1 : "–"} / ${total}` : "no visible changes";
  }

  function step(direction) {
    const changes = visibleChanges();
    const next = state.current + direction;
    if (state.doc >= 0 && next >= 0 && next < changes.length) { focusChange(next); return; }
    // Past either end: go to the neighbouring listed document that has visible changes.
    const indexes = listedDocuments().filter(i => docHasVisible(DATA.documents[i]));
    if (!indexes.length) return;
    let at = indexes.indexOf(state.doc);
    at = at < 0 ? (direction > 0 ? 0 : indexes.length - 1) : (at + direction + indexes.length) % indexes.length;
    openDocument(indexes[at], false);
    focusChange(direction > 0 ? 0 : visibleChanges().length - 1);
  }

  function stepDocument(direction) {
    const indexes = listedDocuments();
    if (!indexes.length) return;
    const at = indexes.indexOf(state.doc);
    openDocument(indexes[Math.max(0, Math.min(indexes.length - 1, at + direction))], false);
  }

  function refresh() {
    applyFilters();
    renderList();
    if (state.current >= visibleChanges().length) state.current = -1;
  }

  document.addEventListener("keydown", ev => {
    if (ev.target.matches && ev.target.matches("input[type=search], input[type=text], select, textarea")) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "j" || ev.key === "n") step(1);
    else if (ev.key === "k" || ev.key === "p") step(-1);
    else if (ev.key === "]") stepDocument(1);
    else if (ev.key === "[") stepDocument(-1);
  });
  $("next-change").addEventListener("click", () => step(1));
  $("prev-change").addEventListener("click", () => step(-1));

  renderSummary();
  renderFilters();
  const first = renderList();
  if (first.length) openDocument(first[0], false);
  else if (DATA.documents.length) openDocument(0, false);
  document.body.dataset.ready = "true";
})();
