"""The quarterly spreadsheet upload: template, reading, CPR guard, validation, preview, commit, history.

Public entry points:

- ``importer.prepare(files, store=..., stated_quarter=...)`` -> ``Prepared`` (never writes; each file is read
  by ``reading.read_isolated`` in a child process, ``sandbox``, with a memory limit and a timeout)
- ``importer.commit(prepared, store=..., user=...)`` -> ``CommitResult`` (one transaction)
- ``batches.history(store)``, ``batches.undo(store, batch_id)``, ``batches.batch_rows(store, batch_id)``
- ``template.write_template(path)``, ``template.template_bytes()``
- ``report.report_bytes(prepared)`` / ``report.write_report(prepared, path)``
- ``cli.main(argv)`` (``import``) and ``cli.template_main(argv)`` (``template``)

This package never imports streamlit.
"""
