"""IDM Atlas: the entry point. It sets up the pages, and the server that warms up as it starts (`ui.warm_up`).

The page files live in `app_pages/`, not `pages/`: Streamlit treats a folder
named `pages/` as old-style multipage navigation until `st.navigation` first
runs, so a shared deep link opened first after a restart would bypass this file.
"""

from pathlib import Path

import streamlit as st

from ui import warm_up
from ui.first_run import collector_held_off

# a local icon: a Material or emoji icon makes every visitor's browser fetch it from fonts.gstatic.com
FAVICON = Path(__file__).parent / "static" / "favicon.svg"


def pages() -> dict[str, list[st.Page]]:
    """The navigation (built in a visitor's run: st.Page needs one)."""
    return {
        "Atlas": [
            st.Page("app_pages/overview.py", title="Overview", icon=":material/home:", default=True),
            st.Page("app_pages/themes.py", title="Themes", icon=":material/grid_on:", url_path="themes"),
            st.Page("app_pages/takeaways.py", title="Takeaways", icon=":material/checklist:", url_path="takeaways"),
            st.Page("app_pages/countries.py", title="Countries", icon=":material/public:", url_path="countries"),
            st.Page("app_pages/organisations.py", title="Organisations and people", icon=":material/groups:",
                    url_path="organisations"),
            st.Page("app_pages/network.py", title="Partnership network", icon=":material/hub:", url_path="network"),
            st.Page("app_pages/explorer.py", title="Explorer", icon=":material/search:", url_path="explorer"),
            st.Page("app_pages/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
            st.Page("app_pages/cooccurrence.py", title="Theme co-occurrence", icon=":material/join_inner:",
                    url_path="cooccurrence"),
        ],
        "About the data": [
            st.Page("app_pages/method.py", title="Method and accuracy", icon=":material/science:",
                    url_path="method"),
            st.Page("app_pages/add_document.py", title="Add a document", icon=":material/upload_file:",
                    url_path="add"),
        ],
    }


if __name__ == "__main__":  # a visitor's run: Streamlit runs this file as __main__
    with collector_held_off():
        st.set_page_config(page_title="IDM Atlas", page_icon=str(FAVICON), layout="wide")
        st.navigation(pages()).run()
else:  # `streamlit run dashboard.py` imports this file (not as __main__) to find `app`, the server it runs
    app = st.App(__file__, lifespan=warm_up.lifespan)
