import streamlit as st

st.title("network")
st.info("This page is being built.")
