"""Streamlit view helpers shared by the pages: cached loaders, URL-bound
filters, evidence display and page furniture. Pages stay thin: they read
filters, call `idm_data` functions and draw."""
