# The lake page.
