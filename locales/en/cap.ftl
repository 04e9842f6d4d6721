# The cap page.
