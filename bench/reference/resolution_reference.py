"""All-pairs name matching with rapidfuzz, the reference for bench/resolution.

Usage: python3 resolution_reference.py IN.json OUT.json. IN holds {"names": [...], "threshold": t}
(names already normalised); OUT gets {"pairs": [[i, j], ...] with i < j whose Jaro–Winkler
similarity is at least t, "seconds": the time of the comparison alone, "library": version}.
rapidfuzz's cdist compares every pair in C++ on one worker, the fastest plain all-pairs
approach there is in Python; it is a single string threshold, no blocking and no model.
"""

import json
import sys
import time

import numpy as np
import rapidfuzz
from rapidfuzz.distance import JaroWinkler
from rapidfuzz.process import cdist

with open(sys.argv[1], encoding="utf-8") as f:
    job = json.load(f)
names = job["names"]
started = time.perf_counter()
scores = cdist(names, names, scorer=JaroWinkler.normalized_similarity, score_cutoff=job["threshold"], workers=1, dtype=np.float32)
i, j = np.nonzero(np.triu(scores, k=1) >= job["threshold"])
seconds = time.perf_counter() - started
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump({"pairs": np.stack([i, j], axis=1).tolist(), "seconds": seconds, "library": f"rapidfuzz {rapidfuzz.__version__}"}, f)
