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
    current: -1,  // the data-hunk index of the highlighted change, -1 for none
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
  // A document's changes of each kind that the filters leave visible (the sidebar's counts).
  function visibleCounts(doc) {
    const counts = {safe: 0, unsafe: 0, finding: 0};
    for (const part of doc.parts) if (typeof part !== "string" && hunkVisible(part)) counts[part.kind] += 1;
    return counts;
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
      const counts = visibleCounts(doc);
      const item = el("li", {className: i === state.doc ? "active" : "", "data-index": String(i)}, [
        el("span", {className: "doc-name", text: doc.name, title: doc.path}),
        el("span", {className: "doc-counts"}, KINDS.map(([kind, label]) =>
          el("span", {className: "count kind-" + kind, "data-kind": kind, title: label.toLowerCase() + " shown (of " + doc.hunks[kind] + ")", text: String(counts[kind])}))),
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
  // Deleted or inserted whitespace must be seen: every line break is marked, and spaces are
  // marked where a reader could not see them (all of a whitespace-only change, at either end
  // of a change, or several in a row); the spaces between the words of a deleted line stay.
  const SPACE_MARKS = {" ": "␣", "\t": "⇥", "\u00a0": "⍽", "\u202f": "⍽", "\r": "␍"};
  const markSpaces = run => run.replace(/[ \t\u00a0\u202f\r]/g, c => SPACE_MARKS[c]);
  function visibleWhitespace(text) {
    const marked = /^\s+$/.test(text) ? markSpaces(text) : text.replace(/^[ \t\u00a0\u202f\r]+|[ \t\u00a0\u202f\r]+$|[ \t\u00a0\u202f\r]{2,}|[ \t\u00a0\u202f\r]+(?=\n)|(?<=\n)[ \t\u00a0\u202f]+/g, markSpaces);
    return marked.replace(/\n/g, "↵\n");
  }
  const WORD_START = /^[\p{L}\p{N}\p{M}]/u;
  const WORD_RUN = /^[\p{L}\p{N}\p{M}]+(?:[.,'’\-][\p{L}\p{N}\p{M}]+)*/u;

  function hunkElement(hunk, index, labelAfter) {
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
    if (!labelAfter && !(hunk.new !== null && hunk.old.endsWith("\n"))) node.appendChild(el("sup", {className: "code", text: codes.join(" ")}));
    // Shown instead of the hunk when a filter hides it: the text as it stands after fixing.
    node.appendChild(el("span", {className: "plain", text: hunk.new === null ? hunk.old : hunk.new}));
    node.addEventListener("click", () => focusChange(visibleChanges().indexOf(node)));
    return node;
  }
  // The rule label of a change that ends inside a word or a number (12␣,500) goes after the
  // rest of that word, so it never splits it: 12␣,500ᴺᵁᴹ⁰⁰¹.
  function labelElement(hunk, index) {
    const label = el("sup", {className: "code detached", "data-label-for": String(index), text: [...new Set(hunk.changes.map(c => c.code))].join(" ")});
    label.classList.add("kind-" + hunk.kind);
    label.addEventListener("click", () => focusChange(visibleChanges().findIndex(node => node.dataset.hunk === String(index))));
    return label;
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
    // Labels waiting for the end of the word or number their changes sit in (1␣,250␣,000
    // takes both labels after its last digit).
    let pending = [];
    const flush = () => { for (const label of pending) container.appendChild(label); pending = []; };
    doc.parts.forEach((part, at) => {
      if (typeof part === "string") {
        let text = part;
        if (pending.length) {
          const head = (text.match(WORD_RUN) || [""])[0];
          if (head) container.appendChild(document.createTextNode(head));
          text = text.slice(head.length);
          // The word goes on through the next change: its labels wait until the word ends.
          if (text || typeof doc.parts[at + 1] !== "object") flush();
        }
        if (text) container.appendChild(document.createTextNode(text));
        return;
      }
      const next = doc.parts[at + 1];
      const isLineDeletion = part.new !== null && part.old.endsWith("\n");
      if (isLineDeletion) flush();
      const labelAfter = !isLineDeletion && (pending.length > 0 || (typeof next === "string" && WORD_START.test(next)));
      container.appendChild(hunkElement(part, hunkIndex, labelAfter));
      if (labelAfter) pending.push(labelElement(part, hunkIndex));
      if (!(typeof next === "string" && WORD_START.test(next))) flush();
      hunkIndex += 1;
    });
    flush();
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
      const index = hunkIndex++;
      const node = $("doc-text").querySelector(`[data-hunk="${index}"]`);
      node.classList.toggle("filtered", !hunkVisible(part));
      const label = $("doc-text").querySelector(`[data-label-for="${index}"]`);
      if (label) label.classList.toggle("filtered", !hunkVisible(part));
    }
    updatePosition();
  }

  const visibleChanges = () => [...$("doc-text").querySelectorAll(".change:not(.filtered)")];

  const hunksOf = doc => doc.parts.filter(p => typeof p !== "string");
  // Where the highlighted change stands among the visible ones (-1: none, or filtered out).
  const currentPosition = () => visibleChanges().findIndex(node => Number(node.dataset.hunk) === state.current);

  function focusChange(position) {
    const changes = visibleChanges();
    if (!changes.length || position < 0) return;
    for (const node of $("doc-text").querySelectorAll(".change.current")) node.classList.remove("current");
    const node = changes[Math.min(position, changes.length - 1)];
    state.current = Number(node.dataset.hunk);
    node.classList.add("current");
    node.focus({preventScroll: true});
    node.scrollIntoView({block: "center"});
    showDetail(hunksOf(DATA.documents[state.doc])[state.current]);
    updatePosition();
  }

  function clearCurrent() {
    for (const node of $("doc-text").querySelectorAll(".change.current")) node.classList.remove("current");
    state.current = -1;
    $("detail").replaceChildren();
  }

  // Up to 30 characters of the same line on either side of a change, cut at a space.
  function contextBefore(text) {
    const line = text.slice(text.lastIndexOf("\n") + 1);
    return line.length <= 30 ? line : "…" + line.slice(-30).replace(/^\S*\s/, "");
  }
  function contextAfter(text) {
    const end = text.indexOf("\n");
    const line = end < 0 ? text : text.slice(0, end);
    return line.length <= 30 ? line : line.slice(0, 30).replace(/\s\S*$/, "") + "…";
  }

  function showDetail(hunk) {
    const detail = $("detail");
    detail.replaceChildren();
    // The hunk's text before and after fixing, between a few words of its line (a flagged
    // text stays as it is).
    const parts = DATA.documents[state.doc].parts;
    const at = parts.indexOf(hunk);
    const left = typeof parts[at - 1] === "string" ? contextBefore(parts[at - 1]) : "";
    const right = typeof parts[at + 1] === "string" ? contextAfter(parts[at + 1]) : "";
    // An empty side shows ∅ only when no context around it says where the text went.
    const side = (tag, text) => el("span", {className: "side"}, [left, el(tag, {text: visibleWhitespace(text) || (left || right ? "" : "∅")}), right]);
    detail.appendChild(el("div", {className: "before-after"}, hunk.new === null
      ? [side("mark", hunk.old), el("span", {className: "small", text: "  flagged, left unchanged"})]
      : [side("del", hunk.old), el("span", {className: "arrow", text: " → "}), side("ins", hunk.new)]));
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
    const position = currentPosition();
    $("change-pos").textContent = total ? `${position >= 0 ? position + 1 : "–"} / ${total}` : "no visible changes";
  }

  function step(direction) {
    const changes = visibleChanges();
    const position = currentPosition();
    const next = position + direction;
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

  // After a filter change the highlighted change, its detail and the counter follow the
  // filter: a change the filter hides is no longer current, and a shown one keeps its place.
  function refresh() {
    applyFilters();
    if (state.doc >= 0 && state.current >= 0) {
      if (currentPosition() < 0) clearCurrent();
      else showDetail(hunksOf(DATA.documents[state.doc])[state.current]);
    }
    updatePosition();
    renderList();
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
