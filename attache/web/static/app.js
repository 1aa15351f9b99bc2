// A small enhancement: hovering any piece of a quote outlines all its pieces. Pages work without it.
document.addEventListener("mouseover", function (event) {
  var target = event.target.closest ? event.target.closest("[data-quote]") : null;
  document.querySelectorAll(".hover-quote").forEach(function (el) { el.classList.remove("hover-quote"); });
  if (!target) return;
  document.querySelectorAll('[data-quote="' + CSS.escape(target.dataset.quote) + '"]').forEach(function (el) {
    el.classList.add("hover-quote");
  });
});
