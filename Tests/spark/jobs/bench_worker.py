"""Benchmark worker, run with the Python of one Spark line.

    python bench_worker.py generate --data DIR --scale S
    python bench_worker.py serve --data DIR --ui-port P     (requests on stdin, see serve())

`generate` writes TPC-H-like tables as Parquet, deterministically (every column is a hash of
the row number, no random generator), so both versions read the same bytes. `serve` runs the
queries it is asked for, timing each and reading shuffle and memory figures for exactly the
jobs of that run from the live application's REST API (jobs are tagged with a job group).
"""
import argparse
import hashlib
import json
import os
import time
import urllib.request

from pyspark.sql import SparkSession, functions as F

TABLES = {  # rows at scale 1.0
    "lineitem": 1_000_000, "orders": 250_000, "customer": 25_000,
    "part": 20_000, "supplier": 1_000, "nation": 25,
}

QUERIES = {
    "q1_pricing_summary": """
        SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty,
               round(sum(l_extendedprice), 2) AS sum_base,
               round(sum(l_extendedprice * (1 - l_discount)), 2) AS sum_disc,
               round(sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)), 2) AS sum_charge,
               round(avg(l_quantity), 4) AS avg_qty, count(*) AS n
        FROM lineitem WHERE l_shipdate <= date '1998-09-02'
        GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus""",
    "q3_shipping_priority": """
        SELECT l_orderkey, round(sum(l_extendedprice * (1 - l_discount)), 2) AS revenue,
               o_orderdate, o_shippriority
        FROM customer JOIN orders ON c_custkey = o_custkey
             JOIN lineitem ON l_orderkey = o_orderkey
        WHERE c_mktsegment = 'BUILDING' AND o_orderdate < date '1995-03-15'
              AND l_shipdate > date '1995-03-15'
        GROUP BY l_orderkey, o_orderdate, o_shippriority
        ORDER BY revenue DESC, o_orderdate, l_orderkey LIMIT 10""",
    "q5_revenue_by_nation": """
        SELECT n_name, round(sum(l_extendedprice * (1 - l_discount)), 2) AS revenue
        FROM customer JOIN orders ON c_custkey = o_custkey
             JOIN lineitem ON l_orderkey = o_orderkey
             JOIN supplier ON l_suppkey = s_suppkey AND c_nationkey = s_nationkey
             JOIN nation ON s_nationkey = n_nationkey
        WHERE o_orderdate >= date '1994-01-01' AND o_orderdate < date '1995-01-01'
        GROUP BY n_name ORDER BY revenue DESC, n_name""",
    "q18_large_orders": """
        SELECT c_custkey, o_orderkey, o_orderdate, round(o_totalprice, 2) AS total, sum(l_quantity) AS qty
        FROM customer JOIN orders ON c_custkey = o_custkey JOIN lineitem ON o_orderkey = l_orderkey
        WHERE o_orderkey IN (SELECT l_orderkey FROM lineitem GROUP BY l_orderkey HAVING sum(l_quantity) > 200)
        GROUP BY c_custkey, o_orderkey, o_orderdate, o_totalprice
        ORDER BY total DESC, o_orderdate, o_orderkey LIMIT 100""",
    "window_top_orders": """
        SELECT o_orderpriority, count(*) AS n, round(avg(running), 2) AS avg_running
        FROM (SELECT o_custkey, o_orderpriority,
                     rank() OVER (PARTITION BY o_custkey ORDER BY o_totalprice DESC, o_orderkey) AS rk,
                     sum(o_totalprice) OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
              FROM orders) t
        WHERE rk <= 3 GROUP BY o_orderpriority ORDER BY o_orderpriority""",
    "skewed_join": """
        SELECT /*+ MERGE(part) */ p_brand, count(*) AS n,
               round(sum(l_extendedprice), 2) AS price
        FROM lineitem JOIN part ON l_partkey = p_partkey
        GROUP BY p_brand ORDER BY p_brand""",
}


def h(col, seed, n):
    """Deterministic pseudo-random integer in [0, n) from a column and a seed."""
    return F.pmod(F.xxhash64(col, F.lit(seed)), F.lit(n))


def generate(spark, data, scale):
    rows = {t: max(int(n * scale), 25 if t == "nation" else 10) for t, n in TABLES.items()}
    n_orders, n_cust, n_part, n_supp = rows["orders"], rows["customer"], rows["part"], rows["supplier"]
    base = F.to_date(F.lit("1992-01-01"))
    id_ = F.col("id")
    nation = spark.range(rows["nation"]).select(
        id_.alias("n_nationkey"), F.concat(F.lit("NATION_"), id_.cast("string")).alias("n_name"),
        (id_ % 5).alias("n_regionkey"))
    supplier = spark.range(n_supp).select(id_.alias("s_suppkey"), h(id_, 1, 25).alias("s_nationkey"))
    part = spark.range(n_part).select(
        id_.alias("p_partkey"), F.concat(F.lit("Brand#"), (h(id_, 2, 5) + 1).cast("string"),
                                         (h(id_, 3, 5) + 1).cast("string")).alias("p_brand"),
        F.element_at(F.array(*[F.lit(x) for x in ("STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO")]),
                     (h(id_, 4, 6) + 1).cast("int")).alias("p_type"))
    segs = F.array(*[F.lit(x) for x in ("AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY")])
    customer = spark.range(n_cust).select(
        id_.alias("c_custkey"), h(id_, 5, 25).alias("c_nationkey"),
        F.element_at(segs, (h(id_, 6, 5) + 1).cast("int")).alias("c_mktsegment"))
    prios = F.array(*[F.lit(x) for x in ("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW")])
    orders = spark.range(n_orders).select(
        id_.alias("o_orderkey"), h(id_, 7, n_cust).alias("o_custkey"),
        F.date_add(base, h(id_, 8, 2400).cast("int")).alias("o_orderdate"),
        F.element_at(prios, (h(id_, 9, 5) + 1).cast("int")).alias("o_orderpriority"),
        F.lit(0).alias("o_shippriority"),
        (h(id_, 10, 50_000_000) / 100.0 + 1000).alias("o_totalprice"))
    # lineitem: ~4 lines per order; 30 % of lines point at part 0 (the skewed key)
    li = spark.range(rows["lineitem"])
    orderkey = h(id_, 11, n_orders)
    skewed = F.when(h(id_, 12, 100) < 30, F.lit(0)).otherwise(h(id_, 13, n_part))
    lineitem = li.select(
        orderkey.alias("l_orderkey"), skewed.alias("l_partkey"), h(id_, 14, n_supp).alias("l_suppkey"),
        (h(id_, 15, 50) + 1).cast("double").alias("l_quantity"),
        (h(id_, 16, 10_000_000) / 100.0 + 900).alias("l_extendedprice"),
        (h(id_, 17, 11) / 100.0).alias("l_discount"), (h(id_, 18, 9) / 100.0).alias("l_tax"),
        F.element_at(F.array(F.lit("A"), F.lit("N"), F.lit("R")), (h(id_, 19, 3) + 1).cast("int")).alias("l_returnflag"),
        F.element_at(F.array(F.lit("F"), F.lit("O")), (h(id_, 20, 2) + 1).cast("int")).alias("l_linestatus"),
        F.date_add(base, (h(id_, 21, 2500)).cast("int")).alias("l_shipdate"))
    sizes = {}
    for name, df in [("nation", nation), ("supplier", supplier), ("part", part), ("customer", customer),
                     ("orders", orders), ("lineitem", lineitem)]:
        path = os.path.join(data, name)
        df.coalesce(2).write.mode("overwrite").parquet(path)
        sizes[name] = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path)
                          for f in fs if f.endswith(".parquet"))
    return {"scale": scale, "rows": rows, "parquet_bytes": sizes,
            "total_rows": sum(rows.values()), "total_parquet_bytes": sum(sizes.values())}


def rest(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read().decode())


def metrics_for_group(base, group):
    """Sum shuffle figures and take the largest stage peak execution memory over the jobs of
    one job group, once the status store has seen them finish."""
    for _ in range(100):
        jobs = [j for j in rest(f"{base}/jobs") if j.get("jobGroup") == group]
        if jobs and all(j["status"] != "RUNNING" for j in jobs):
            break
        time.sleep(0.1)
    stage_ids = sorted({s for j in jobs for s in j["stageIds"]})
    read = write = spill = 0
    peak = 0
    tasks = 0
    for sid in stage_ids:
        for st in rest(f"{base}/stages/{sid}"):
            if st["status"] != "COMPLETE":
                continue
            read += st.get("shuffleReadBytes", 0)
            write += st.get("shuffleWriteBytes", 0)
            spill += st.get("memoryBytesSpilled", 0) + st.get("diskBytesSpilled", 0)
            peak = max(peak, st.get("peakExecutionMemory", 0))
            tasks += st.get("numCompleteTasks", 0)
    return {"jobs": len(jobs), "stages": len(stage_ids), "tasks": tasks, "shuffle_read_bytes": read,
            "shuffle_write_bytes": write, "spill_bytes": spill, "peak_execution_memory_bytes": peak}


def serve(spark, data):
    """Answer one request per stdin line, {"query": name, "group": tag}, with one JSON line:
    the query's wall time, a checksum of its rows and its shuffle/memory figures. The driver
    keeps a 3.5.7 and a 4.1.0 worker alive and alternates between them, so background load
    on the machine hits both versions alike."""
    import sys
    for t in TABLES:
        spark.read.parquet(os.path.join(data, t)).createOrReplaceTempView(t)
    sc = spark.sparkContext
    base = f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}"
    print(json.dumps({"ready": True, "spark_version": spark.version}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        if req.get("stop"):
            break
        sc.setJobGroup(req["group"], req["query"])
        t0 = time.perf_counter()
        rows = spark.sql(QUERIES[req["query"]]).collect()
        dt = time.perf_counter() - t0
        m = metrics_for_group(base, req["group"])
        print(json.dumps({"seconds": round(dt, 4), "rows": len(rows),
                          "checksum": hashlib.sha256(json.dumps([tuple(r) for r in rows], default=str)
                                                     .encode()).hexdigest()[:16], **m}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["generate", "serve"])
    ap.add_argument("--data", required=True)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--ui-port", default="0")
    a = ap.parse_args()
    t0 = time.monotonic()
    b = (SparkSession.builder.master("local[2]").appName(f"bench-{a.mode}")
         .config("spark.driver.memory", "1g")
         .config("spark.ui.port", a.ui_port)
         .config("spark.ui.showConsoleProgress", "false"))
    if a.mode == "generate":
        b = b.config("spark.ui.enabled", "false")
    spark = b.getOrCreate()
    version = spark.version
    if a.mode == "generate":
        res = {"generated_by": version, **generate(spark, a.data, a.scale)}
    else:
        serve(spark, a.data)
        jvm_pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
        peak_kb = 0
        for ln in open(f"/proc/{jvm_pid}/status"):
            if ln.startswith("VmHWM:"):
                peak_kb = int(ln.split()[1])
        res = {"spark_version": version, "driver_jvm_peak_rss_mb": round(peak_kb / 1024),
               "wall_s": round(time.monotonic() - t0, 1),
               "config": {k: spark.conf.get(k) for k in ("spark.sql.adaptive.enabled", "spark.sql.shuffle.partitions",
                                                          "spark.sql.ansi.enabled", "spark.driver.memory")}}
    spark.stop()
    print(json.dumps(res))


if __name__ == "__main__":
    main()
