"""Streamlit helpers shared by the pages: the sidebar context, caching and common elements."""
