"""One module per page: each turns engine results into figures (chart + table + definitions) ready to draw."""
