"""Mødemateriale: choose the agenda, write notes, download slides/PDF/Excel, or present the meeting."""
import streamlit as st

from steering_core import notes, overview
from steering_core.meeting import agenda, document, slides, workbook
from steering_core.meeting.pack import scope_key
from steering_core.texts import t
from ui import cache, components, context, presentation

page = context.current()
store = page.source.store
items = agenda.items(store)
chosen = [i for i in st.session_state.get("w_agenda", agenda.DEFAULT_AGENDA) if i in items]
request = context.request()
pack = cache.meeting_pack(str(store.path), store.version_stamp(), request, tuple(chosen)) if chosen else None

if st.session_state.get("w_present") and pack:
    opening = overview.first_screen(cache.tiles(str(store.path), store.version_stamp(), page.last, page.filters))[0]
    wanted = presentation.show(pack, st.session_state.get("w_slide", 0), opening)
    if wanted != st.session_state.get("w_slide", 0):
        st.session_state["w_present"] = wanted >= 0
        st.session_state["w_slide"] = max(wanted, 0)
        st.rerun()
    st.stop()

st.title(t("meeting.title"))
st.caption(f"{t('meeting.intro')} · {page.kommune} · {page.scope} · {page.first} – {page.last}")
# The agenda and the mode live in plain session keys: a widget's own state would be dropped
# while presentation mode is on and the widgets are not drawn.
st.session_state["agenda_widget"], st.session_state["present_widget"] = chosen, False
st.multiselect(t("meeting.agenda"), list(items), key="agenda_widget", format_func=lambda i: items[i].title,
               on_change=context.keep, args=("w_agenda", "agenda_widget"))
st.toggle(t("meeting.present"), key="present_widget", help=t("meeting.present_help"),
          on_change=context.keep, args=("w_present", "present_widget"))
if not pack:
    st.info(t("meeting.empty_agenda"))
    st.stop()

st.subheader(t("meeting.download"))
name = f"moede_{page.last}"
buttons = st.columns(3)
for column, (label, writer, suffix, mime) in zip(buttons, [
        (t("meeting.pptx"), slides.pptx_bytes, "pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        (t("meeting.pdf"), document.pdf_bytes, "pdf", "application/pdf"),
        (t("meeting.xlsx"), workbook.xlsx_bytes, "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]):
    column.download_button(label, data=lambda writer=writer: writer(pack), file_name=f"{name}.{suffix}",
                           mime=mime, key=f"pack_{suffix}", on_click="ignore", icon=":material/download:")

for item_id, item in zip(chosen, pack.items):
    st.divider()
    components.figure(item.figure, key=f"meeting_{item_id}")
    with st.form(f"note_{item_id}"):
        text = st.text_area(t("meeting.note_label"), value=item.note.text if item.note else "",
                            max_chars=notes.MAX_LENGTH, key=f"note_text_{item_id}")
        author = st.text_input(t("meeting.author"), value=item.note.author if item.note else "",
                               key=f"note_author_{item_id}")
        if st.form_submit_button(t("meeting.save_note")):
            saved = notes.save(store, item_id, page.last, scope_key(page.filters), text, author)
            st.success(t("meeting.note_saved", version=saved.version))
