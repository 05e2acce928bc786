// What Streamlit 1.67 offers no setting for, done in the browser (loaded once per tab by ui.components):
// 1. Charts speak through one sentence (WCAG 2.1, 1.1.1). Vega puts every mark into the SVG's
//    accessibility tree, some without a name; the SVG leaves the tree, and the chart's container
//    carries our description (Figure.text_alternative). The overview's sparklines, drawn by Streamlit
//    from a spec of its own, get a sentence naming their tile.
// 2. Streamlit's own English in its widgets ("Upload", "200MB per file", "No results") in Danish:
//    only inside widgets, so a page or figure named "Upload" is left alone.
(() => {
  if (window.__steeringFixes) return;
  window.__steeringFixes = true;
  const config = __CONFIG__;
  const rules = config.widgetTexts.map(([pattern, replacement]) => [new RegExp(pattern), replacement]);
  const labelRules = config.widgetLabels.map(([pattern, replacement]) => [new RegExp(pattern), replacement]);
  const widgetScope = config.widgetScope;

  const describeCharts = () => document.querySelectorAll('svg.marks:not([aria-hidden])').forEach(svg => {
    svg.setAttribute('aria-hidden', 'true');
    if (svg.closest('[aria-label]')) return;
    const metric = svg.closest('[data-testid="stMetric"]');
    const label = metric && metric.querySelector('[data-testid="stMetricLabel"]');
    svg.parentElement.setAttribute('role', 'img');
    svg.parentElement.setAttribute('aria-label',
      config.sparkline.replace('{label}', label ? label.innerText.trim() : ''));
  });

  const translate = node => {
    const text = node.nodeValue;
    if (!text || !node.parentElement || !node.parentElement.closest(widgetScope)) return;
    for (const [pattern, replacement] of rules) {
      if (pattern.test(text)) { node.nodeValue = text.replace(pattern, replacement); return; }
    }
  };
  const translateWithin = root => {
    if (root.nodeType === Node.TEXT_NODE) { translate(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (!root.closest(widgetScope) && !root.querySelector(widgetScope)) return;  // charts, text: nothing to do
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) translate(walker.currentNode);
  };

  // What a screen reader says of a widget: Streamlit's aria-labels are English too ("Help for ...").
  const translateLabels = () => document.querySelectorAll(config.labelScope).forEach(element => {
    const label = element.getAttribute('aria-label');
    for (const [pattern, replacement] of labelRules) {
      if (pattern.test(label)) { element.setAttribute('aria-label', label.replace(pattern, replacement)); return; }
    }
  });

  new MutationObserver(records => {
    for (const record of records) {
      if (record.type === 'characterData') translate(record.target);
      else record.addedNodes.forEach(translateWithin);
    }
    describeCharts();
    translateLabels();
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
  translateWithin(document.body);
  describeCharts();
  translateLabels();
})();
