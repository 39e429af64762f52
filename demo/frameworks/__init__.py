"""The demo competency frameworks: the adult framework, and the children's and Prevent ones."""
