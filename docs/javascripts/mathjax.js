// MathJax 3 configuration for pymdownx.arithmatex (generic mode); MathJax itself is served
// from assets/mathjax/ (docs/hooks/mathjax.py), so no page needs a network connection.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
};
