"""Jaro–Winkler similarities as an independent library computes them, for test/resolution.

Usage: python3 jaro_winkler.py jellyfish|rapidfuzz < pairs.json. Reads a JSON list of [a, b]
pairs and prints {"library", "values": [{"jaro", "jaroWinkler"} per pair]} as the named library
computes them (both with Winkler's prefix of at most four and scaling factor 0.1).
"""

import json
import sys
import warnings

# jellyfish 0.8 warns about its own C argument parsing on stderr.
warnings.simplefilter("ignore")

pairs = json.load(sys.stdin)
if sys.argv[1] == "jellyfish":
    import jellyfish

    jaro = jellyfish.jaro_similarity
    jaro_winkler = jellyfish.jaro_winkler_similarity
    library = f"jellyfish {getattr(jellyfish, '__version__', '?')}"
else:
    import rapidfuzz
    from rapidfuzz.distance import Jaro, JaroWinkler

    jaro = Jaro.similarity
    jaro_winkler = JaroWinkler.similarity
    library = f"rapidfuzz {rapidfuzz.__version__}"

json.dump({"library": library, "values": [{"jaro": jaro(a, b), "jaroWinkler": jaro_winkler(a, b)} for a, b in pairs]}, sys.stdout)
