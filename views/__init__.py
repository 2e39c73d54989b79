"""Dashboard pages: each module has `render(page: PageContext)`."""
