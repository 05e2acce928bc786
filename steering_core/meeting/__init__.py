"""Meeting material: the agenda, the pack of figures with headline numbers and notes, and its exports."""
