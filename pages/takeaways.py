import streamlit as st

st.title("takeaways")
st.info("This page is being built.")
