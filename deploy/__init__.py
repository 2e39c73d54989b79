"""Serving the dashboard past one process: N Streamlit replicas behind HAProxy."""
