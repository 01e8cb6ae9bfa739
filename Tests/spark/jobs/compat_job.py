"""A small job with event logging on: a groupBy, a join and a SQL query, local[2].

Run with the Python of the Spark line under test:
    python compat_job.py --name NAME --event-dir DIR [--conf k=v ...]
Prints one JSON line: app id, Spark version, the results (to compare versions) and the files
the event log produced.
"""
import argparse
import hashlib
import json
import os
import time

t0 = time.monotonic()
from pyspark.sql import SparkSession, functions as F  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--name", required=True)
ap.add_argument("--event-dir", required=True)
ap.add_argument("--conf", action="append", default=[])
a = ap.parse_args()

os.makedirs(a.event_dir, exist_ok=True)
b = (SparkSession.builder.master("local[2]").appName(a.name)
     .config("spark.ui.enabled", "false")
     .config("spark.driver.memory", "768m")
     .config("spark.sql.shuffle.partitions", "4")
     .config("spark.eventLog.enabled", "true")
     .config("spark.eventLog.dir", "file://" + os.path.abspath(a.event_dir)))
for kv in a.conf:
    k, v = kv.split("=", 1)
    b = b.config(k, v)
spark = b.getOrCreate()
t_session = time.monotonic() - t0
sc = spark.sparkContext

orders = spark.range(0, 20000).select(
    F.col("id").alias("order_id"),
    (F.col("id") % 500).alias("cust_id"),
    ((F.col("id") * 7) % 1000 / 10).alias("amount"))
customers = spark.range(0, 500).select(
    F.col("id").alias("cust_id"),
    F.concat(F.lit("seg"), (F.col("id") % 5).cast("string")).alias("segment"))

res = {}
res["groupby"] = [tuple(r) for r in orders.groupBy("cust_id")
                  .agg(F.count("*").alias("n"), F.sum("amount").alias("s"))
                  .orderBy("cust_id").collect()]
res["join"] = [tuple(r) for r in orders.join(customers.hint("shuffle_hash"), "cust_id")
               .groupBy("segment").agg(F.round(F.sum("amount"), 2).alias("s"))
               .orderBy("segment").collect()]
orders.createOrReplaceTempView("orders")
customers.createOrReplaceTempView("customers")
res["sql"] = [tuple(r) for r in spark.sql("""
    SELECT c.segment, count(*) AS n, round(avg(o.amount), 4) AS avg_amount
    FROM orders o JOIN customers c ON o.cust_id = c.cust_id
    WHERE o.amount > 10 GROUP BY c.segment ORDER BY c.segment""").collect()]

digest = {k: hashlib.sha256(json.dumps(v, default=str).encode()).hexdigest()[:16] for k, v in res.items()}
app_id = sc.applicationId
version = spark.version
conf = {k: v for k, v in sc.getConf().getAll() if k.startswith("spark.eventLog.")}
spark.stop()
files = []
for root, _dirs, names in os.walk(a.event_dir):
    for n in names:
        if app_id in n or app_id in root:
            p = os.path.join(root, n)
            files.append({"path": os.path.relpath(p, a.event_dir), "bytes": os.path.getsize(p)})
print(json.dumps({"app_id": app_id, "name": a.name, "spark_version": version, "digest": digest,
                  "rows": {k: len(v) for k, v in res.items()}, "event_log_conf": conf,
                  "files": sorted(files, key=lambda f: f["path"]),
                  "session_s": round(t_session, 2), "total_s": round(time.monotonic() - t0, 2)}))
