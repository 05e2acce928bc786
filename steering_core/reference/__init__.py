"""Reference figures: other municipalities and the whole country, beside the municipality's own data.

They come from three places, and are kept apart from the municipality's own data throughout:

- ``builtin``: figures printed in the source reports (002 Bilagstabel 2.6, 000 Tabel 2.1);
- an upload of a key-figure sheet ``Referencetal`` (FLIS or other sources), ``keyfigures``;
- Danmarks Statistik's Statbank files as users download them, ``statbank``.

Uploads are read like the quarterly workbook (same readers, same CPR guard, Danish problems naming
sheet, row and column) by ``importer`` and stored by ``store.write_reference`` in the table
``referencetal``, which the engine never reads. ``fields`` declares what a reference row may hold.
This package never imports streamlit.
"""
