// Wide tables scroll sideways on phones: their scroll boxes must be reachable by keyboard too.
window.addEventListener("load", function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
  });
});
