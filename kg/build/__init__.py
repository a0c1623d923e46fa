"""Stage 6, building: compose stages 1-5 over a corpus (chunks, workers, the cache, shards) and write the output."""
