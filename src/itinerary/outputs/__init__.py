"""What a reader gets: the page, exports, the folium view, stats; written atomically."""
