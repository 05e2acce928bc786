"""Texts for accessibility (WCAG 2.1 AA), the print view and the widgets Streamlit labels in English."""

TEXTS = {
    "a11y.chart": {
        "da": "Diagram: {title}. Det viser {columns}. Tallene står i tabellen, der kan hentes som Excel under "
              "diagrammet.",
        "en": "Chart: {title}. It shows {columns}. The figures are in the table, downloadable as Excel below the "
              "chart.",
    },
    "a11y.sparkline": {
        "da": "Lille kurve: {label}, udviklingen over de seneste kvartaler. Tallene står i figuren på siden om "
              "emnet.",
        "en": "Small curve: {label}, the trend over the last quarters. The figures are in the topic page's chart.",
    },
}
