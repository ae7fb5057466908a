/*
 * mkdocs-course-reviews: the reader's filter on the page of all reviews.
 *
 * The page is whole without this script: every review is in its HTML, and the filter's form is
 * hidden. The script shows the form and hides the reviews that do not match, reading the filter
 * from the URL's query and writing it back (history.replaceState), so a filtered list can be
 * shared and bookmarked: ?category=Web&year=2024&sort=rating. Each control's `name` is its
 * parameter. Names are matched by keys computed at build time into each review's `data-*`
 * attributes, as the plugin matches names everywhere (case-insensitive, whitespace collapsed,
 * Unicode NFC); the script computes the same key for what the reader chose or typed.
 * Numbers it writes (the count, a rating the URL asks for) follow the page's language, as the
 * build's do ("4,5" in German); the URL and the data attributes keep "4.5".
 * It does nothing on pages without the filter, and runs again after each of Material's instant
 * page loads.
 */
(() => {
  "use strict";

  // The whitespace Python's str.split() splits on, so names collapse as the build's keys do.
  const WHITESPACE =
    /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
  // Cherokee is the one script whose small letters fold to capitals (Unicode's CaseFolding.txt).
  const CHEROKEE_SMALL = /^[\u13f8-\u13fd\uab70-\uabbf]$/u;
  const DOTLESS_I = "\u0131";
  const PLACEHOLDER = /\{(\w+)\}/g;

  /** One character, case-folded as Python's str.casefold() folds it. */
  const fold = (character) => {
    if (character === DOTLESS_I) return character;
    // Upper then lower case, twice: "ß" → "ss", "ẞ" → "ß" → "ss", "ς" → "σ", "ﬁ" → "fi".
    const folded = character.toUpperCase().toLowerCase().toUpperCase().toLowerCase();
    return CHEROKEE_SMALL.test(folded) ? folded.toUpperCase() : folded;
  };

  /** What makes two names one, as the plugin's `name_key`: "Web", " web " and "WEB" are "web". */
  const key = (text) =>
    Array.from(text.split(WHITESPACE).filter(Boolean).join(" ").normalize("NFD"), fold)
      .join("")
      .normalize("NFC");

  /** A label with its {placeholders} filled in one pass, as the plugin's `fill`. */
  const fill = (label, values) =>
    label.replace(PLACEHOLDER, (whole, name) => (name in values ? String(values[name]) : whole));

  /** `Intl`'s `Kind` (Collator, NumberFormat) for the page's language, else the browser's. */
  const inLanguage = (Kind, options) => {
    try {
      return new Kind(document.documentElement.lang || undefined, options);
    } catch {
      return new Kind(undefined, options);
    }
  };

  /**
   * mkdocs-windmill (checked with 1.0.5) shows each page in an iframe and the page's address
   * in the top window's hash ("/#reviews/?category=Web" for "/reviews/?category=Web"), through
   * its functions `getRelPath` and `getAbsUrl`: the filter's address goes there too, so the
   * address bar a reader copies holds it. Elsewhere, nothing.
   */
  const showInWindmillAddressBar = (url) => {
    const { mainWindow, getRelPath, getAbsUrl } = window;
    if (!mainWindow || mainWindow === window) return;
    if (typeof getRelPath !== "function" || typeof getAbsUrl !== "function") return;
    const relative = getRelPath("/", url.href);
    if (relative === null) return;
    mainWindow.history.replaceState(mainWindow.history.state, "", getAbsUrl("#", relative));
  };

  /** Select the option of `select` that the URL's `wanted` names; add one if there is none. */
  const choose = (select, wanted, numbers) => {
    const filter = select.dataset.filter;
    const matches =
      filter === "rating"
        ? (option) => option.value !== "" && Number(option.value) === Number(wanted)
        : filter === "sort"
          ? (option) => option.value === key(wanted)
          : (option) => option.dataset.key === key(wanted);
    const found = Array.from(select.options).find(matches);
    if (found) {
      select.value = found.value;
      return;
    }
    if (filter === "sort" || (filter === "rating" && !Number.isFinite(Number(wanted)))) return;
    // A name no published review carries: shown as chosen, so the empty list explains itself.
    const text =
      filter === "rating"
        ? fill(select.dataset.label, { rating: numbers.format(Number(wanted)) })
        : wanted;
    const option = new Option(text, wanted);
    if (filter !== "rating") option.dataset.key = key(wanted);
    select.add(option);
    select.value = wanted;
  };

  const ready = new WeakSet();

  const setup = () => {
    const form = document.querySelector("form[data-course-review-filter]");
    const list = document.querySelector("[data-course-review-items]");
    if (!form || !list || ready.has(form)) return;
    ready.add(form);

    const controls = Array.from(form.querySelectorAll("[data-filter]"));
    const byFilter = (filter) => controls.filter((control) => control.dataset.filter === filter);
    const names = byFilter("names");
    const [rating] = byFilter("rating");
    const [status] = byFilter("status");
    const [text] = byFilter("text");
    const [sort] = byFilter("sort");
    const count = form.querySelector("[role=status]");
    const noMatch = document.querySelector("[data-course-review-no-match]");
    const compare = inLanguage(Intl.Collator, { numeric: true, sensitivity: "base" }).compare;
    const numbers = inLanguage(Intl.NumberFormat);

    const items = Array.from(list.children, (element, index) => ({
      element,
      index,
      names: Object.fromEntries(
        names.map((select) => [
          select.name,
          JSON.parse(element.getAttribute(`data-${select.name}`) || "[]"),
        ]),
      ),
      rating: element.dataset.rating ? Number(element.dataset.rating) : null,
      status: element.dataset.status,
      text: element.dataset.text || "",
      title: element.querySelector(".course-review-item-title")?.textContent || "",
    }));
    const orders = {
      date: (a, b) => a.index - b.index,
      rating: (a, b) => (b.rating ?? -1) - (a.rating ?? -1) || a.index - b.index,
      title: (a, b) => compare(a.title, b.title) || a.index - b.index,
    };

    const params = new URLSearchParams(window.location.search);
    for (const control of controls) {
      const wanted = params.get(control.name);
      if (!wanted) continue;
      if (control === text) control.value = wanted;
      else choose(control, wanted, numbers);
    }

    const selectedKey = (select) =>
      select && select.value !== "" ? select.selectedOptions[0].dataset.key : null;
    let shownOrder = "date";

    const update = () => {
      const wantedNames = names
        .map((select) => [select.name, selectedKey(select)])
        .filter(([, wanted]) => wanted !== null);
      const minimum = rating && rating.value !== "" ? Number(rating.value) : null;
      const wantedStatus = selectedKey(status);
      const words = text ? key(text.value).split(" ").filter(Boolean) : [];
      let shown = 0;
      for (const item of items) {
        const visible =
          wantedNames.every(([name, wanted]) => item.names[name].includes(wanted)) &&
          (minimum === null || (item.rating !== null && item.rating >= minimum)) &&
          (wantedStatus === null || item.status === wantedStatus) &&
          words.every((word) => item.text.includes(word));
        // Only what changes is touched: a long list costs a layout per change, not per review.
        if (item.element.hidden === visible) item.element.hidden = !visible;
        shown += visible ? 1 : 0;
      }
      const order = sort && sort.value in orders ? sort.value : "date";
      if (order !== shownOrder) {
        const fragment = document.createDocumentFragment();
        for (const item of items.slice().sort(orders[order])) fragment.append(item.element);
        list.append(fragment);
        shownOrder = order;
      }
      const total = items.length;
      const label = fill(total === 1 ? count.dataset.one : count.dataset.other, {
        shown: numbers.format(shown),
        total: numbers.format(total),
      });
      // Only a change is announced: screen readers read the status region when it changes.
      if (count.textContent !== label) count.textContent = label;
      if (noMatch) noMatch.hidden = shown > 0;
    };

    const writeUrl = () => {
      const url = new URL(window.location.href);
      for (const control of controls) {
        const isDefault =
          control.value === "" || (control === sort && control.value === sort.options[0].value);
        if (isDefault) url.searchParams.delete(control.name);
        else url.searchParams.set(control.name, control.value);
      }
      // Keep the state: Material keeps the scroll position there.
      window.history.replaceState(window.history.state, "", url);
      showInWindmillAddressBar(url);
    };

    form.addEventListener("input", () => {
      update();
      writeUrl();
    });
    // Enter in the text box would reload the page; the list is already filtered.
    form.addEventListener("submit", (event) => event.preventDefault());
    form.querySelector("[data-filter-clear]")?.addEventListener("click", () => {
      for (const control of controls) if (control !== sort) control.value = "";
      update();
      writeUrl();
    });

    update();
    form.hidden = false;
  };

  // Material's instant navigation swaps pages without loading this script again: it tells of
  // each new page on its `document$`. Without Material, once the page is parsed.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
