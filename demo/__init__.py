"""Demo and scale data: the West Midlands partnership that `seed_demo` loads, and the synthetic
partnership-scale data `generate_scale_data` adds for benchmarks.

Kept out of the product apps so none of them ships demo content; this app depends on
competencies, cms and courses, and nothing there may import it.
"""
