/* Pegasus Atlas page script (served from the atlas's own origin; no third party).
 * - a first-party cookie `atlas_vw` with the viewport width, so charts are laid out for phones;
 * - keeps <html lang dir> in step with ?lang= as the single-page app changes its URL;
 * - inside an embed iframe, tells the embedding page the content height (embed.js sizes it);
 * - gives every outbound link rel="noopener noreferrer" (the server also sends
 *   Referrer-Policy: no-referrer);
 * - opens the atlas's own links (a case file, a story step, "explore this view") in the same
 *   tab, as a reader expects of a site's own links (Streamlit opens every markdown link in a
 *   new tab); inside an embed they still open a new tab, never inside the article's frame. */
(function () {
  "use strict";
  var RTL = { ar: true };
  function setWidth() {
    document.cookie = "atlas_vw=" + Math.round(window.innerWidth) +
      "; path=/; max-age=86400; SameSite=Strict";
  }
  function syncLang() {
    var lang = new URLSearchParams(window.location.search).get("lang");
    if (!lang) return;
    var root = document.documentElement;
    if (root.lang !== lang) root.lang = lang;
    var dir = RTL[lang] ? "rtl" : "ltr";
    if (root.dir !== dir) root.dir = dir;
  }
  var embedded = !!new URLSearchParams(window.location.search).get("embed");
  function guardLinks(node) {
    var links = (node.querySelectorAll ? node : document).querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.host && a.host !== window.location.host) {
        a.setAttribute("rel", "noopener noreferrer");
        a.setAttribute("referrerpolicy", "no-referrer");
      } else if (a.host && !embedded && a.getAttribute("target") === "_blank" &&
                 a.closest('[data-testid="stMarkdownContainer"]')) {
        a.removeAttribute("target");
      }
    }
  }
  // code blocks (links, citations, snippets) may scroll sideways: reachable by keyboard
  function focusableCode(node) {
    var blocks = (node.querySelectorAll ? node : document).querySelectorAll(
      '[data-testid="stCode"] pre:not([tabindex])');
    for (var i = 0; i < blocks.length; i++) blocks[i].setAttribute("tabindex", "0");
  }
  var lastHeight = 0;
  function postHeight() {
    if (window.parent === window) return;
    if (!new URLSearchParams(window.location.search).get("embed")) return;
    var main = document.querySelector('[data-testid="stMainBlockContainer"]') || document.body;
    var h = Math.ceil(main.getBoundingClientRect().height) + 8;
    if (Math.abs(h - lastHeight) > 2) {
      lastHeight = h;
      window.parent.postMessage({ type: "pegasus-atlas:height", height: h }, "*");
    }
  }
  setWidth();
  syncLang();
  window.addEventListener("resize", setWidth);
  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var out = original.apply(this, arguments);
      syncLang();
      return out;
    };
  });
  window.addEventListener("popstate", syncLang);
  var observer = new MutationObserver(function () {
    guardLinks(document);
    focusableCode(document);
    postHeight();
  });
  function start() {
    observer.observe(document.body, { childList: true, subtree: true });
    guardLinks(document);
    postHeight();
    if (window.ResizeObserver) new ResizeObserver(postHeight).observe(document.body);
  }
  // Charts measure their text when drawn; the Arabic web font may arrive after that, so lines
  // measured with a fallback font would sit in the wrong place. Once fonts have loaded, a
  // resize event makes Plotly lay its charts out again with the real glyph widths.
  if (document.fonts && document.fonts.addEventListener) {
    document.fonts.addEventListener("loadingdone", function () {
      window.dispatchEvent(new Event("resize"));
    });
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
