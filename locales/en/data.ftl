# The data page.
