"""Shared building blocks of the Streamlit dashboard (no page content here)."""
