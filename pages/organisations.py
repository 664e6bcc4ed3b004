import streamlit as st

st.title("organisations")
st.info("This page is being built.")
