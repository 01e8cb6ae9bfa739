"""The version benchmark at a tiny scale, so that it cannot rot: every query runs on both
versions, returns the same answer on both, and the REST API yields its shuffle figures."""
from __future__ import annotations

import bench


def test_benchmark_runs_at_tiny_scale(spark_lines, work, results):
    res = bench.run_benchmark(scale=0.01, reps=1, warmup=0, work=work / "bench")
    results["benchmark_smoke"] = res
    table = bench.table(res)
    print(table)
    assert len(res["comparison"]) == 6
    for r in res["comparison"]:
        assert r["same_result"], f"{r['query']}: 3.5.7 and 4.1.0 disagree"
    for v, vr in res["versions"].items():
        for q, m in vr["queries"].items():
            assert m["rows"] > 0 and m["jobs"] > 0, (v, q, m)
            if q != "q1_pricing_summary":
                assert m["shuffle_write_bytes"] > 0, (v, q, m)
    assert "| skewed_join" in table
