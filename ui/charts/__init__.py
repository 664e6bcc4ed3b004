"""Figure builders: pure functions from tables to Plotly figures, tested without Streamlit."""
