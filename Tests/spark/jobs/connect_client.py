"""A Spark Connect client session: runs a fixed list of operations against a server and reports
each one (ok / error, the first line of the error, time). Run with the Python of the client
version under test:  python connect_client.py sc://127.0.0.1:PORT SCRATCH_DIR
"""
import json
import os
import sys
import time
import traceback

t_start = time.monotonic()
import pyspark  # noqa: E402
from pyspark.sql import SparkSession, functions as F  # noqa: E402

remote, scratch = sys.argv[1], sys.argv[2]
client = pyspark.__version__
ops = []


def op(name, core=False):
    def deco(fn):
        ops.append((name, fn, core))
        return fn
    return deco


@op("server version", core=True)
def _version(spark):
    return spark.version


@op("DataFrame groupBy/agg/orderBy", core=True)
def _groupby(spark):
    rows = (spark.range(1000).withColumn("k", F.col("id") % 7).groupBy("k")
            .agg(F.count("*").alias("n"), F.sum("id").alias("s")).orderBy("k").collect())
    assert len(rows) == 7 and rows[0]["n"] == 143 and rows[0]["s"] == 71071, rows[:2]
    return f"{len(rows)} rows"


@op("SQL query", core=True)
def _sql(spark):
    r = spark.sql("SELECT 1 + 1 AS two, upper('spark') AS s").collect()[0]
    assert r["two"] == 2 and r["s"] == "SPARK"
    return "ok"


@op("temp view + SQL", core=True)
def _view(spark):
    spark.range(10).createOrReplaceTempView("compat_v")
    r = spark.sql("SELECT count(*) AS c, sum(id) AS s FROM compat_v").collect()[0]
    assert (r["c"], r["s"]) == (10, 45)
    return "ok"


@op("Python UDF", core=True)
def _udf(spark):
    double = F.udf(lambda x: x * 2, "long")
    rows = spark.range(3).select(double("id").alias("d")).collect()
    assert [r["d"] for r in rows] == [0, 2, 4], rows
    return "ok"


@op("createDataFrame from local rows")
def _create(spark):
    rows = spark.createDataFrame([(1, "a"), (2, "b")], "x int, y string").filter("x > 1").collect()
    assert [tuple(r) for r in rows] == [(2, "b")]
    return "ok"


@op("toPandas")
def _topandas(spark):
    pdf = spark.range(5).toPandas()
    assert pdf.shape == (5, 1)
    return str(pdf.shape)


@op("createDataFrame from pandas")
def _from_pandas(spark):
    import pandas as pd
    df = spark.createDataFrame(pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}))
    assert df.count() == 3
    return "ok"


@op("pandas UDF (Arrow)")
def _pandas_udf(spark):
    import pandas as pd

    @F.pandas_udf("long")
    def plus_one(s: pd.Series) -> pd.Series:
        return s + 1
    rows = spark.range(3).select(plus_one("id").alias("p")).collect()
    assert [r["p"] for r in rows] == [1, 2, 3]
    return "ok"


@op("groupBy().applyInPandas")
def _apply_in_pandas(spark):
    def center(pdf):
        pdf["v"] = pdf["v"] - pdf["v"].mean()
        return pdf
    df = spark.range(6).select((F.col("id") % 2).alias("g"), F.col("id").cast("double").alias("v"))
    rows = df.groupBy("g").applyInPandas(center, "g long, v double").collect()
    assert len(rows) == 6
    return "ok"


@op("mapInPandas")
def _map_in_pandas(spark):
    def f(it):
        for pdf in it:
            yield pdf[pdf.id % 2 == 0]
    assert spark.range(10).mapInPandas(f, "id long").count() == 5
    return "ok"


@op("window function")
def _window(spark):
    from pyspark.sql.window import Window
    w = Window.partitionBy("k").orderBy("id")
    rows = (spark.range(20).withColumn("k", F.col("id") % 2).withColumn("r", F.row_number().over(w))
            .filter("r = 1").orderBy("k").collect())
    assert [r["id"] for r in rows] == [0, 1]
    return "ok"


@op("catalog.listTables")
def _catalog(spark):
    names = [t.name for t in spark.catalog.listTables()]
    assert "compat_v" in names, names
    return ",".join(names)


@op("explain / schema")
def _explain(spark):
    df = spark.range(3).withColumn("x", F.col("id") * 2)
    assert [f.name for f in df.schema.fields] == ["id", "x"]
    df.explain()
    return "ok"


@op("write + read parquet")
def _parquet(spark):
    path = os.path.join(scratch, f"parquet-{client}")
    spark.range(100).withColumn("k", F.col("id") % 3).write.mode("overwrite").parquet(path)
    assert spark.read.parquet(path).filter("k = 1").count() == 33
    return "ok"


@op("cache / persist")
def _cache(spark):
    df = spark.range(50).cache()
    assert df.count() == 50
    df.unpersist()
    return "ok"


@op("spark.conf get/set (session SQL conf)")
def _conf(spark):
    spark.conf.set("spark.sql.shuffle.partitions", "3")
    assert spark.conf.get("spark.sql.shuffle.partitions") == "3"
    return "ok"


@op("Python UDTF")
def _udtf(spark):
    from pyspark.sql.functions import udtf

    @udtf(returnType="n int")
    class Count:
        def eval(self, k: int):
            for i in range(k):
                yield (i,)
    assert Count(F.lit(3)).count() == 3
    return "ok"


@op("streaming (rate source, foreachBatch-free memory sink)")
def _stream(spark):
    q = (spark.readStream.format("rate").option("rowsPerSecond", 5).load()
         .writeStream.format("memory").queryName("compat_rate").start())
    try:
        q.processAllAvailable()
    finally:
        q.stop()
    return "ok"


@op("observe / DataFrame.observe metrics")
def _observe(spark):
    from pyspark.sql import Observation
    obs = Observation("o")
    spark.range(10).observe(obs, F.count(F.lit(1)).alias("n")).collect()
    assert obs.get["n"] == 10
    return "ok"


@op("parameterized SQL (named args)")
def _params(spark):
    r = spark.sql("SELECT :x + 1 AS y", args={"x": 41}).collect()[0]
    assert r["y"] == 42
    return "ok"


@op("mapInArrow")
def _map_in_arrow(spark):
    def f(it):
        for batch in it:
            yield batch
    assert spark.range(7).mapInArrow(f, "id long").count() == 7
    return "ok"


@op("streaming foreachBatch")
def _foreach_batch(spark):
    seen = os.path.join(scratch, f"fb-{client}")

    def sink(df, batch_id):
        df.write.mode("append").parquet(seen)
    q = (spark.readStream.format("rate").option("rowsPerSecond", 5).load()
         .writeStream.foreachBatch(sink).start())
    try:
        q.processAllAvailable()
    finally:
        q.stop()
    return "ok"


@op("addArtifacts (.py module used by a UDF)")
def _artifacts(spark):
    mod = os.path.join(scratch, f"compat_helper_{client.replace('.', '_')}.py")
    with open(mod, "w") as fh:
        fh.write("def triple(x):\n    return x * 3\n")
    spark.addArtifacts(mod, pyfile=True)
    name = os.path.basename(mod)[:-3]

    def use(x):
        import importlib
        return importlib.import_module(name).triple(x)
    rows = spark.range(3).select(F.udf(use, "long")("id").alias("t")).collect()
    assert [r["t"] for r in rows] == [0, 3, 6], rows
    return "ok"


@op("localCheckpoint")
def _local_checkpoint(spark):
    assert spark.range(5).localCheckpoint().count() == 5
    return "ok"


@op("interruptAll")
def _interrupt(spark):
    spark.interruptAll()
    return "ok"


@op("server SQL semantics: SELECT 1/0")
def _ansi(spark):
    # Not a pass/fail check: the server's defaults decide (ANSI mode is on by default in 4.x).
    try:
        v = spark.sql("SELECT 1/0 AS x").collect()[0]["x"]
        return f"returns {v} (ANSI off)"
    except Exception as e:
        return "raises " + (str(e).split("]")[0].lstrip("[") if "]" in str(e) else type(e).__name__)


EXPECT_CONF = json.loads(os.environ.get("COMPAT_EXPECT_CONF") or "{}")
if EXPECT_CONF:
    @op("session sees the server's spark.sql.* settings")
    def _expect_conf(spark):
        diff = {k: (v, spark.conf.get(k, None)) for k, v in EXPECT_CONF.items()
                if spark.conf.get(k, None) != v}
        assert not diff, diff
        return f"{len(EXPECT_CONF)} keys match"


results = []
t0 = time.monotonic()
try:
    spark = SparkSession.builder.remote(remote).getOrCreate()
    connect_s = time.monotonic() - t0
except Exception as e:  # the session itself failed
    print(json.dumps({"client": client, "connected": False, "error": repr(e)[:500]}))
    sys.exit(0)
for name, fn, core in ops:
    t = time.monotonic()
    try:
        detail = fn(spark)
        results.append({"op": name, "core": core, "ok": True, "detail": str(detail)[:200],
                        "seconds": round(time.monotonic() - t, 2)})
    except Exception as e:  # record, keep going
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        results.append({"op": name, "core": core, "ok": False, "error_type": type(e).__name__,
                        "error": first[:300], "seconds": round(time.monotonic() - t, 2),
                        "trace": traceback.format_exc(limit=3)[-800:]})
try:
    spark.stop()
except Exception:
    pass
print(json.dumps({"client": client, "connected": True, "connect_s": round(connect_s, 2),
                  "total_s": round(time.monotonic() - t_start, 2), "ops": results}))
