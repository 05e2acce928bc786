"""Real-browser tests: the app served by Streamlit on the demo database, driven by headless Chromium."""
