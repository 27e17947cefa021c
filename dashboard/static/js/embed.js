/* Pegasus Atlas embed script: sizes each embedded chart to its content and lays it out for the
 * width it actually has. Served by the atlas itself (no CDN); MIT, like the atlas.
 * Protocol: the embedded page posts {type: "pegasus-atlas:height", height} to its parent; this
 * script accepts it only from the atlas's own origin and only for the iframe that sent it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src, window.location.href).origin : "*";
  function frames() {
    return document.querySelectorAll(".pegasus-atlas-embed iframe");
  }
  window.addEventListener("message", function (event) {
    if (origin !== "*" && event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== "pegasus-atlas:height" || !(data.height > 0)) return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      if (list[i].contentWindow === event.source) {
        list[i].style.height = Math.min(Math.ceil(data.height), 4000) + "px";
      }
    }
  });
  function fit() {
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var frame = list[i];
      var width = Math.round(frame.getBoundingClientRect().width);
      if (!width) continue;
      var url = new URL(frame.src);
      var asked = parseInt(url.searchParams.get("w") || "0", 10);
      if (Math.abs(width - asked) > 40) {
        url.searchParams.set("w", String(width));
        frame.src = url.toString();
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fit);
  else fit();
})();
