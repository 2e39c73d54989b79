"""Colour-blind-safe colours for every chart.

Categories use the Okabe-Ito palette; maps and ranked bars use the sequential 'viridis'
scheme (readable by the common forms of colour blindness and in greyscale); regions with
counts too small to compare are drawn in a muted grey.
"""

OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]
SEQUENTIAL_SCHEME = "viridis"
MUTED = "#BBBBBB"
NO_DATA = "#EEEEEE"

# The common outcome scale, from no sanction to dismissal, in a fixed order and colour.
OUTCOME_COLOURS = {
    "none": "#BBBBBB",
    "advice": "#56B4E9",
    "warning": "#0072B2",
    "suspension": "#E69F00",
    "demotion": "#CC79A7",
    "dismissal": "#D55E00",
    "imposed_not_served": "#F0E442",  # a flag, not a level: penalty imposed, not served
    "unknown": "#EEEEEE",
}
