# The etl page.
