import streamlit as st

st.title("add_document")
st.info("This page is being built.")
