#!/usr/bin/env python3
"""Write the testing pages (English and Russian) from the suites' committed figures: the Spark
compatibility pages whole, and the "Figures from the last run" section of the chart-tests pages.

    python3 scripts/gen-testing-pages.py            # from content/data/spark-results.json
    python3 scripts/gen-testing-pages.py --collect  # first copy the last run's figures
                                                    # (Tests/spark/out/compat.json + bench.json,
                                                    # Tests/charts/out/summary.json) into
                                                    # content/data/{spark,chart}-results.json
    python3 scripts/gen-testing-pages.py --check    # exit 1 if the committed pages are stale

Nothing on the pages is typed in by hand: every figure comes from the JSON. Only the standard
library is used.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "content" / "data" / "spark-results.json"
OUT_DIR = REPO / "Tests" / "spark" / "out"
PAGES = {"en": REPO / "content" / "en" / "testing" / "spark-compatibility.md",
         "ru": REPO / "content" / "ru" / "testing" / "spark-compatibility.md"}
CHART_DATA = REPO / "content" / "data" / "chart-results.json"
CHART_SUMMARY = REPO / "Tests" / "charts" / "out" / "summary.json"
CHART_PAGES = {"en": REPO / "content" / "en" / "testing" / "chart-tests.md",
               "ru": REPO / "content" / "ru" / "testing" / "chart-tests.md"}

REPRODUCE = """\
make test-spark     # History Server and Spark Connect checks, benchmark at scale 0.01
make bench-spark    # the benchmark at its default scale (not part of make test)
python3 scripts/gen-testing-pages.py --collect   # copy the figures, rewrite both pages"""


# ------------------------------------------------------------------ helpers

def slug(text: str) -> str:
    """The docsite's heading anchors (GitHub style): lower case, spaces to hyphens,
    letters, digits and underscores kept, everything else dropped."""
    out = []
    for ch in text.lower():
        if ch in " -":
            out.append("-")
        elif ch == "_" or ch.isalpha() or unicodedata.numeric(ch, None) is not None \
                or unicodedata.category(ch) == "Mn":
            out.append(ch)
    return "".join(out)


def source_hash(page_text: str) -> str:
    """First 16 hex digits of SHA-256 of a page's body (after the front matter), LF line
    endings, blank space trimmed at both ends."""
    text = page_text.replace("\r\n", "\n")
    lines = text.split("\n")
    assert lines[0] == "---", "page must start with front matter"
    end = lines.index("---", 1)
    body = "\n".join(lines[end + 1:]).strip(" \t\n\r")
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def num(n: int, lang: str) -> str:
    """Thousands grouped: 1,000,000 in English, 1 000 000 (no-break spaces) in Russian."""
    s = f"{n:,}"
    return s.replace(",", "\u00a0") if lang == "ru" else s


def dec(x: float, lang: str, nd: int = 2) -> str:
    """A decimal with a point in English and a comma in Russian."""
    out = f"{x:.{nd}f}"
    return out.replace(".", ",") if lang == "ru" else out


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def local_path(v: str) -> str:
    """Temporary folders of a run shown without their random part."""
    if v.startswith("file:///tmp/") or v.startswith("/tmp/"):
        return "file://<work>/" + v.rstrip("/").rsplit("/", 2)[-2] + "/" + v.rstrip("/").rsplit("/", 1)[-1]
    return v


def mib(n: float, lang: str) -> str:
    return dec(n / 1048576, lang, 1)


def kib_or_mib(n: float, lang: str) -> str:
    if n >= 1048576:
        return f"{dec(n / 1048576, lang, 1)} {'МиБ' if lang == 'ru' else 'MiB'}"
    return f"{dec(n / 1024, lang, 1)} {'КиБ' if lang == 'ru' else 'KiB'}"


def table(header: list[str], rows: list[list]) -> str:
    esc = lambda c: str(c).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


T = {  # UI strings of the generated pages
    "title": {"en": "Spark compatibility and version benchmark",
              "ru": "Совместимость Spark и сравнение версий"},
    "description": {"en": "History Server compatibility across Spark 3.5.7 and 4.1.0, Spark Connect with the charts' own settings, and a 3.5.7 vs 4.1.0 benchmark, measured on real Spark.",
                    "ru": "Совместимость History Server между Spark 3.5.7 и 4.1.0, Spark Connect с настройками из чартов и сравнение производительности 3.5.7 и 4.1.0, измеренные на настоящем Spark."},
    "h_verdicts": {"en": "Verdicts", "ru": "Выводы"},
    "h_hs": {"en": "History Server compatibility", "ru": "Совместимость History Server"},
    "h_formats": {"en": "Event log formats", "ru": "Форматы журналов событий"},
    "h_connect": {"en": "Spark Connect with the chart settings", "ru": "Spark Connect с настройками чартов"},
    "h_clients": {"en": "Older clients against the newer server", "ru": "Старые клиенты и новый сервер"},
    "h_bench": {"en": "Version benchmark", "ru": "Сравнение версий"},
    "h_repro": {"en": "Reproduce", "ru": "Как воспроизвести"},
    "h_limits": {"en": "Limits of these runs", "ru": "Ограничения этих прогонов"},
    "yes": {"en": "yes", "ru": "да"}, "no": {"en": "no", "ru": "нет"},
    "ok": {"en": "ok", "ru": "работает"}, "fails": {"en": "fails", "ru": "ошибка"},
    "defaults": {"en": "version defaults", "ru": "настройки версии по умолчанию"},
    "chart": {"en": "chart settings", "ru": "настройки чарта"},
    "not_run": {"en": "not run", "ru": "не запускалось"},
}


def t(key: str, lang: str) -> str:
    return T[key][lang]


# ------------------------------------------------------------------ sections

REGISTRY_RUNS = [("chart-4.1", "4.1", "spark-connect"), ("chart-4.1-history-server", "4.1", "history-server"),
                 ("chart-3.5", "3.5", "spark-connect"), ("chart-3.5-history-server", "3.5", "history-server")]

def verdicts(d: dict, lang: str) -> str:
    compat = d["compat"]
    hs = compat.get("history_server", {})
    rows = []
    for hsv in ("4.1.0", "3.5.7"):
        for writer in ("3.5.7", "4.1.0"):
            apps = [(k, a) for k, run in hs.items() if run["history_server"] == hsv
                    for a in run["apps"] if a["written_by"] == writer]
            if not apps:
                continue
            ok = all(not a["problems"] for _, a in apps)
            variants = sorted({a["variant"] for _, a in apps} | {hs[k]["settings"] for k, _ in apps})
            vtext = ", ".join(t(v, lang) for v in variants)
            n = len(apps)
            if lang == "en":
                q = f"{hsv} History Server reads {writer} event logs"
                ev = f"{n} app/settings combinations, every job, stage and SQL execution listed with the status the log records ({vtext})"
            else:
                q = f"History Server {hsv} читает журналы событий {writer}"
                ev = (f"{n} {plural_ru(n, 'сочетание', 'сочетания', 'сочетаний')} приложения и настроек: каждое задание, "
                      f"каждая стадия и каждый SQL-запрос показаны со статусом из журнала ({vtext})")
            rows.append([q, t("yes", lang) if ok else t("no", lang), ev])
    conn = compat.get("connect", {})
    base = next((r for r in (conn.get("chart-4.1"), conn.get("baseline")) if r and r.get("summary")), None)
    if base:
        for client in ("4.1.0", "3.5.7"):
            s = base["summary"].get(client)
            if not s:
                continue
            n_ok, n_all = len(s["ok"]), len(s["ok"]) + len(s["failed"])
            failed = ", ".join(s["failed"]) or "—"
            where = {"en": " (server with the spark-4.1 chart settings)", "ru": " (сервер с настройками чарта spark-4.1)"}[lang] \
                if base.get("chart") else ""
            if lang == "en":
                q = f"pyspark {client} client against a 4.1.0 Connect server{where}"
                ev = f"{n_ok} of {n_all} operations work; failing: {failed}"
                v = "yes" if not s["failed"] else "partly"
            else:
                q = f"Клиент pyspark {client} с сервером Spark Connect 4.1.0{where}"
                ev = f"работают {n_ok} из {n_all} {'операции' if n_all % 10 == 1 and n_all % 100 != 11 else 'операций'}; не работают: {failed}"
                v = "да" if not s["failed"] else "частично"
            rows.append([q, v, ev])
    for key, short, comp in REGISTRY_RUNS:
        reg = compat.get("connect", {}).get(key, {}).get("registry")
        if reg:
            n = len(reg["keys"])
            probs = reg.get("problems", [])
            if lang == "en":
                q = f"spark-{short} chart, {comp}: every Spark property known to Spark {reg['spark_version']} and accepted"
                ev = f"{n} properties checked against the version's own configuration registry; {len(probs)} problems"
            else:
                q = f"Чарт spark-{short}, {comp}: все свойства Spark известны Spark {reg['spark_version']} и принимаются"
                ev = f"по реестру конфигурации самой версии проверено {n} {plural_ru(n, 'свойство', 'свойства', 'свойств')}; проблем: {len(probs)}"
            rows.append([q, t("yes", lang) if not probs else t("no", lang), ev])
    bench = d.get("benchmark")
    if bench:
        g = bench["geomean_ratio_4_1_over_3_5"]
        same = all(r["same_result"] for r in bench["comparison"])
        if lang == "en":
            q = "4.1.0 at parity or better than 3.5.7 (local[2])"
            v = "yes" if g <= 1.05 else ("within noise" if g < 1.15 else "no")
            ev = f"geometric mean of time ratios 4.1.0/3.5.7 = {g:.2f} over {len(bench['comparison'])} queries; identical results: {'yes' if same else 'no'}"
        else:
            q = "4.1.0 не медленнее 3.5.7 (local[2])"
            v = "да" if g <= 1.05 else ("в пределах шума" if g < 1.15 else "нет")
            nq = len(bench['comparison'])
            ev = (f"среднее геометрическое отношений времени 4.1.0/3.5.7 = {dec(g, lang)} по {nq} "
                  f"{'запросу' if nq % 10 == 1 and nq % 100 != 11 else 'запросам'}; результаты совпадают: {'да' if same else 'нет'}")
        rows.append([q, v, ev])
    hdr = {"en": ["Question", "Verdict", "Evidence"], "ru": ["Вопрос", "Ответ", "Основание"]}[lang]
    return table(hdr, rows)


def hs_section(d: dict, lang: str) -> str:
    hs = d["compat"].get("history_server", {})
    rows = []
    for key in sorted(hs):
        run = hs[key]
        for a in run["apps"]:
            rows.append([run["history_server"], t(run["settings"], lang), a["written_by"], t(a["variant"], lang),
                         f"{a['jobs']['listed']}/{a['jobs']['expected']}",
                         f"{a['stages']['listed']}/{a['stages']['expected']} ({a['stages']['skipped']})",
                         f"{a['sql']['listed']}/{a['sql']['expected']}", a.get("ui_page_status", ""),
                         t("yes", lang) if not a["problems"] else "; ".join(a["problems"])[:120]])
    hdr = {"en": ["History Server", "its settings", "log written by", "writer settings", "jobs listed/in log",
                  "stages listed/in log (skipped)", "SQL listed/in log", "UI page", "all statuses match"],
           "ru": ["History Server", "его настройки", "журнал записал", "настройки записи", "заданий показано/в журнале",
                  "стадий показано/в журнале (пропущено)", "SQL показано/в журнале", "страница UI", "все статусы совпадают"]}[lang]
    timings = []
    for key in sorted(hs):
        run = hs[key]
        timings.append(f"{run['history_server']} ({t(run['settings'], lang)}): "
                       + (f"ready in {dec(run['ready_s'], lang)} s, all apps listed {dec(run['all_listed_s'], lang)} s later, "
                           f"peak RSS {run['peak_rss_mb']} MiB"
                          if lang == "en" else
                          f"готов за {dec(run['ready_s'], lang)} с, все приложения видны ещё через {dec(run['all_listed_s'], lang)} с, "
                          f"пиковый RSS {run['peak_rss_mb']} МиБ"))
    if lang == "en":
        intro = ("Each History Server was started over one directory holding every log below, and each application was "
                 "checked through `/api/v1/applications`, `/jobs`, `/stages`, `/sql` and `/environment` and its UI page. "
                 "The expected jobs, stages and SQL executions and their statuses are read from the event log itself.")
    else:
        intro = ("Каждый History Server запускался над одним каталогом со всеми журналами ниже; каждое приложение "
                 "проверялось через `/api/v1/applications`, `/jobs`, `/stages`, `/sql` и `/environment`, а также по его "
                 "странице UI. Ожидаемые задания, стадии и SQL-запросы со статусами берутся из самого журнала событий.")
    skipped = {k: v for k, v in d["compat"].get("skipped", {}).items() if "History Server" in k or "writer" in k}
    extra = ""
    if skipped:
        extra = "\n\n" + "\n".join(f"- {k}: {'skipped' if lang == 'en' else 'пропущено'}: {v}" for k, v in sorted(skipped.items()))
    notes = {k: v for k, v in d["compat"].get("notes", {}).items() if "writer" in k}
    if notes:
        if lang == "en":
            extra += "\n\n" + ("The charts render only `spark.eventLog.enabled` and `spark.eventLog.dir` for the Connect "
                                "server, so the logs they produce are the version-default logs above (their History "
                                "Server settings were applied in the rows marked chart settings).")
        else:
            extra += "\n\n" + ("Чарты задают для сервера Connect только `spark.eventLog.enabled` и `spark.eventLog.dir`, "
                                "поэтому их журналы совпадают с журналами настроек версии по умолчанию выше (настройки "
                                "History Server из чартов применены в строках с пометкой «настройки чарта»).")
    return intro + "\n\n" + table(hdr, rows) + "\n\n" + "\n".join(f"- {x}" for x in timings) + extra


def formats_section(d: dict, lang: str) -> str:
    rows = []
    for w in d["compat"].get("writers", []):
        files = w["files"]
        main = [f for f in files if not f["path"].endswith(".crc")]
        layout = ("rolling directory `eventlog_v2_*`" if lang == "en" else "каталог с ротацией `eventlog_v2_*`") \
            if any(f["path"].startswith("eventlog_v2_") for f in main) else \
            ("single file" if lang == "en" else "один файл")
        codec = "zstd" if any(f["path"].endswith(".zstd") for f in main) else ("none" if lang == "en" else "нет")
        size = sum(f["bytes"] for f in main)
        conf = ", ".join(f"`{k}={v}`" for k, v in sorted(w.get("event_log_conf", {}).items())
                         if k not in ("spark.eventLog.dir", "spark.eventLog.enabled")) or "—"
        c = w["counts"]
        rows.append([w["spark_version"], t(w["variant"], lang), layout, codec, kib_or_mib(size, lang),
                     f"{c['jobs']} / {c['stages']} / {c['sql']}", conf, dec(w['wall_s'], lang, 1)])
    hdr = {"en": ["Spark", "settings", "layout", "compression", "size", "jobs / stages / SQL", "extra settings", "job wall s"],
           "ru": ["Spark", "настройки", "структура", "сжатие", "размер", "задания / стадии / SQL", "доп. настройки", "время задания, с"]}[lang]
    intro = ("The same job (a groupBy, a join and a SQL query over 20,000 rows, local[2]) on each version. Both versions "
             "returned identical results." if lang == "en" else
             "Одно и то же задание (groupBy, join и SQL-запрос по 20 000 строк, local[2]) на каждой версии. Обе версии "
             "вернули одинаковые результаты.")
    return intro + "\n\n" + table(hdr, rows)


def connect_section(d: dict, lang: str) -> str:
    c = d["compat"].get("connect", {})
    parts = []
    ch = c.get("chart-4.1", {})
    if not ch.get("registry") and not ch.get("clients"):
        reason = d["compat"].get("skipped", {}).get("Spark Connect with spark-4.1 chart settings", "")
        parts.append(("The chart test did not run: " if lang == "en" else "Тест с чартом не запускался: ") + (reason or "—"))
        return "\n\n".join(parts)
    if lang == "en":
        parts.append("The charts were rendered with Helm (helm-python-sdk); the properties of the ConfigMap key "
                     "`spark-defaults.conf` of the `spark-connect` subchart were checked key by key against the "
                     "configuration registry of the matching Spark version (an unknown key or a value the version's "
                     "converter rejects fails the test), then a local 4.1.0 Connect server was started with them.")
    else:
        parts.append("Чарты отрисованы настоящим Helm (helm-python-sdk); свойства из ключа `spark-defaults.conf` "
                     "ConfigMap сабчарта `spark-connect` проверены по одному по реестру конфигурации соответствующей "
                     "версии Spark (неизвестный ключ или значение, которое не принимает конвертер версии, проваливает тест), "
                     "затем с ними запущен локальный сервер Spark Connect 4.1.0.")
    rows = []
    for key, short, comp in REGISTRY_RUNS:
        reg = c.get(key, {}).get("registry")
        if not reg:
            continue
        st: dict[str, int] = {}
        for v in reg["keys"].values():
            st[v["status"]] = st.get(v["status"], 0) + 1
        vc = sum(1 for v in reg["keys"].values() if v.get("value_check") == "ok")
        rows.append([f"spark-{short}", comp, reg["spark_version"], len(reg["keys"]), st.get("known", 0), vc,
                     st.get("open-namespace", 0), len(reg.get("problems", []))])
    hdr = {"en": ["chart", "component", "checked with Spark", "properties", "registered keys", "values converted", "open namespaces (spark.hadoop.* …)", "problems"],
           "ru": ["чарт", "компонент", "проверено на Spark", "свойств", "зарегистрированных ключей", "значений проверено", "открытые пространства (spark.hadoop.* …)", "проблем"]}[lang]
    parts.append(table(hdr, rows))
    dropped = ch.get("dropped", {})
    replaced = ch.get("replaced", {})
    if dropped or replaced:
        rows = [[f"`{k}`", ("dropped" if lang == "en" else "убрано"), why] for k, why in sorted(dropped.items())]
        rows += [[f"`{k}`", ("replaced" if lang == "en" else "заменено"), f"`{a}` → `{local_path(b)}`"]
                 for k, (a, b) in sorted(replaced.items())]
        hdr = {"en": ["property", "local run", "why / how"], "ru": ["свойство", "локальный запуск", "почему / как"]}[lang]
        parts.append(("Only what needs a cluster was removed; locations point at local folders:" if lang == "en" else
                      "Убрано только то, что требует кластера; пути указывают на локальные каталоги:")
                     + "\n\n" + table(hdr, rows))
    if ch.get("server_ready_s") is not None:
        parts.append((f"With the remaining {len(ch['local_properties'])} properties the server listened after "
                      f"{dec(ch['server_ready_s'], lang)} s; peak RSS of the server process tree {ch['server_peak_rss_mb']} MiB."
                      if lang == "en" else
                      f"С оставшимися {len(ch['local_properties'])} свойствами сервер начал принимать соединения через "
                      f"{dec(ch['server_ready_s'], lang)} с; пиковый RSS дерева процессов сервера {ch['server_peak_rss_mb']} МиБ."))
    srv = c.get("chart-3.5", {}).get("server_run")
    if srv:
        parts.append(("spark-3.5 Connect server: " if lang == "en" else "Сервер Spark Connect из spark-3.5: ")
                     + (srv if lang == "en" else
                        "не запускался: в пакете pyspark 3.5.7 с PyPI нет jar-файла spark-connect_2.12 (Spark 3.5 "
                        "поставляет его отдельно через Maven), поэтому действует только проверка по реестру; ключи "
                        "spark.connect.* проверены по реестру 4.1.0"))
    return "\n\n".join(parts)


def clients_section(d: dict, lang: str) -> str:
    c = d["compat"].get("connect", {})
    runs = [("baseline", c.get("baseline")), ("chart-4.1", c.get("chart-4.1"))]
    runs = [(k, r) for k, r in runs if r and r.get("clients")]
    if not runs:
        return "—"
    ops: list[str] = []
    for _, r in runs:
        for cl in r["clients"].values():
            for o in cl.get("ops", []):
                if o["op"] not in ops:
                    ops.append(o["op"])
    cols, hdr = [], ["operation" if lang == "en" else "операция"]
    for k, r in runs:
        label = ("local settings" if lang == "en" else "локальные настройки") if k == "baseline" else t("chart", lang)
        for v in ("4.1.0", "3.5.7"):
            if v in r["clients"]:
                cols.append(r["clients"][v])
                hdr.append(f"{v} → 4.1.0, {label}")
    rows = []
    for name in ops:
        row = [name]
        for cl in cols:
            o = next((x for x in cl.get("ops", []) if x["op"] == name), None)
            if o is None:
                row.append("—")
            elif o["ok"]:
                row.append(t("ok", lang) + (f" ({o['detail']})" if name.startswith("server SQL") else ""))
            else:
                row.append(f"{t('fails', lang)}: {o['error'][:90]}")
        rows.append(row)
    intro = ("Each client session ran the same operations; the table shows which work. Python UDFs run on the server "
             "with the server's own PySpark; client and server Python minor versions must match."
             if lang == "en" else
             "Каждая клиентская сессия выполняла одни и те же операции; в таблице видно, какие работают. Python UDF "
             "выполняются на сервере его собственным PySpark; минорные версии Python клиента и сервера должны совпадать.")
    return intro + "\n\n" + table(hdr, rows)


def bench_section(d: dict, lang: str) -> str:
    b = d.get("benchmark")
    if not b:
        return ("No benchmark figures yet: run `make bench-spark`." if lang == "en"
                else "Данных сравнения пока нет: запустите `make bench-spark`.")
    g = b["data"]
    v35, v41 = b["versions"]["3.5.7"], b["versions"]["4.1.0"]
    if lang == "en":
        intro = (f"TPC-H-like data generated deterministically (every column a hash of the row number) at scale "
                 f"{b['scale']:g}: {g['total_rows']:,} rows in 6 tables (lineitem {g['rows']['lineitem']:,}, orders "
                 f"{g['rows']['orders']:,}, customer {g['rows']['customer']:,}, part {g['rows']['part']:,}), "
                 f"{mib(g['total_parquet_bytes'], lang)} MiB of Parquet, read by both versions. local[2], 1 GiB driver, "
                 f"each version's defaults otherwise; median of {b['reps']} runs after {b['warmup']} warm-up run(s). "
                 f"Shuffle bytes and peak execution memory (largest stage) come from the live application's REST API "
                 f"for exactly the jobs of one run.")
    else:
        intro = (f"Данные в духе TPC-H, сгенерированные детерминированно (каждый столбец — хеш номера строки), масштаб "
                 f"{b['scale']:g}: {num(g['total_rows'], lang)} строк в 6 таблицах (lineitem {num(g['rows']['lineitem'], lang)}, "
                 f"orders {num(g['rows']['orders'], lang)}, customer {num(g['rows']['customer'], lang)}, part "
                 f"{num(g['rows']['part'], lang)}), {mib(g['total_parquet_bytes'], lang)} МиБ Parquet; обе версии читают одни и те же "
                 f"файлы. local[2], driver 1 ГиБ, остальное — настройки версии по умолчанию; медиана {b['reps']} "
                 f"{'прогона' if b['reps'] == 1 else 'прогонов'} после {b['warmup']} "
                 f"{'прогревочного' if b['warmup'] == 1 else 'прогревочных'}. Объём shuffle и пиковая память исполнения (самая большая стадия) взяты "
                 f"из REST API работающего приложения ровно для заданий одного прогона.")
    rows = []
    for r in b["comparison"]:
        q = r["query"]
        a, c = v35["queries"][q], v41["queries"][q]
        rows.append([f"`{q}`", dec(r['median_3_5_7_s'], lang), dec(r['median_4_1_0_s'], lang), dec(r['ratio_4_1_over_3_5'], lang),
                     f"{kib_or_mib(a['shuffle_read_bytes'], lang)} / {kib_or_mib(a['shuffle_write_bytes'], lang)}",
                     f"{kib_or_mib(c['shuffle_read_bytes'], lang)} / {kib_or_mib(c['shuffle_write_bytes'], lang)}",
                     f"{mib(a['peak_execution_memory_bytes'], lang)} / {mib(c['peak_execution_memory_bytes'], lang)}",
                     t("yes", lang) if r["same_result"] else t("no", lang)])
    hdr = {"en": ["query", "3.5.7, s", "4.1.0, s", "4.1.0 / 3.5.7", "shuffle read / write, 3.5.7",
                  "shuffle read / write, 4.1.0", "peak execution memory MiB, 3.5.7 / 4.1.0", "same result"],
           "ru": ["запрос", "3.5.7, с", "4.1.0, с", "4.1.0 / 3.5.7", "shuffle чтение / запись, 3.5.7",
                  "shuffle чтение / запись, 4.1.0", "пиковая память исполнения, МиБ, 3.5.7 / 4.1.0", "результат совпадает"]}[lang]
    if lang == "en":
        tail = (f"Geometric mean of the 4.1.0/3.5.7 time ratios: **{b['geomean_ratio_4_1_over_3_5']:.2f}** "
                f"(below 1 means 4.1.0 is faster). Driver JVM peak RSS: 3.5.7 {v35['driver_jvm_peak_rss_mb']} MiB, "
                f"4.1.0 {v41['driver_jvm_peak_rss_mb']} MiB. The whole run took {b['wall_s']:.0f} s on {b['cpus']} cores "
                f"(finished {b['finished']}).")
    else:
        tail = (f"Среднее геометрическое отношений времени 4.1.0/3.5.7: **{dec(b['geomean_ratio_4_1_over_3_5'], lang)}** "
                f"(меньше 1 — 4.1.0 быстрее). Пиковый RSS JVM driver-а: 3.5.7 — {v35['driver_jvm_peak_rss_mb']} МиБ, "
                f"4.1.0 — {v41['driver_jvm_peak_rss_mb']} МиБ. Весь прогон занял {b['wall_s']:.0f} с на "
                f"{b['cpus']} ядрах (завершён {b['finished']}).")
    la = b.get("load_average_1m")
    if la:
        if lang == "en":
            tail += (f" Both versions ran side by side in warm processes and each query alternated between them run "
                     f"by run (A B B A), so background load hit both alike; the machine's 1-minute load average "
                     f"ranged {dec(la['min'], lang)}–{dec(la['max'], lang)} on {b['cpus']} cores during the runs.")
        else:
            tail += (f" Обе версии работали параллельно в прогретых процессах, и каждый запрос выполнялся на них по "
                     f"очереди (A B B A), так что фоновая нагрузка влияла на обе одинаково; средняя загрузка машины "
                     f"за минуту во время прогонов — от {dec(la['min'], lang)} до {dec(la['max'], lang)} на {b['cpus']} ядрах.")
    return intro + "\n\n" + table(hdr, rows) + "\n\n" + tail


def limits_section(d: dict, lang: str) -> str:
    suite = d["compat"].get("suite", {})
    if lang == "en":
        items = [
            "Everything ran locally (local[2], loopback) from the PyPI pyspark packages on Java 17; no Kubernetes, "
            "no object storage, no Hive Metastore service. Event logs and warehouses were local folders.",
            "The 3.5 Connect server was not started: its jar is not in the PyPI package.",
            "Timings come from a shared 2-core machine; treat differences under about 15 % as noise.",
            f"The last `make test-spark` run took {suite.get('wall_s', '?')} s "
            f"({suite.get('passed', '?')} passed, {suite.get('failed', '?')} failed, {suite.get('skipped', 0)} skipped).",
            "`scripts/test-history-server-compat.sh`, `scripts/test-spark-4.1-smoke.sh`, "
            "`scripts/test-spark-3.5-smoke.sh`, `scripts/test-coexistence.sh` and "
            "`scripts/benchmark-spark-versions.sh` run these checks locally; with `--cluster` they port-forward to "
            "releases on a real cluster, which was not available here (only their argument handling is tested).",
        ]
    else:
        items = [
            "Всё запускалось локально (local[2], loopback) из пакетов pyspark с PyPI на Java 17; без Kubernetes, "
            "объектного хранилища и отдельного Hive Metastore. Журналы событий и хранилища таблиц — локальные каталоги.",
            "Сервер Spark Connect 3.5 не запускался: его jar-файла нет в пакете на PyPI.",
            "Время измерено на общей машине с 2 ядрами; разницу меньше примерно 15 % считайте шумом.",
            f"Последний прогон `make test-spark` занял {suite.get('wall_s', '?')} с "
            f"(успешно: {suite.get('passed', '?')}, с ошибкой: {suite.get('failed', '?')}, пропущено: {suite.get('skipped', 0)}).".replace(
                f"{suite.get('wall_s', '?')} с", f"{dec(suite['wall_s'], lang, 1) if 'wall_s' in suite else '?'} с"),
            "`scripts/test-history-server-compat.sh`, `scripts/test-spark-4.1-smoke.sh`, "
            "`scripts/test-spark-3.5-smoke.sh`, `scripts/test-coexistence.sh` и "
            "`scripts/benchmark-spark-versions.sh` запускают эти проверки локально; с `--cluster` они пробрасывают "
            "порты к релизам в настоящем кластере, которого здесь не было (проверена только обработка их аргументов).",
        ]
    return "\n".join(f"- {x}" for x in items)


def page(d: dict, lang: str, src_hash: str | None = None) -> str:
    heads = [("h_verdicts", verdicts), ("h_hs", hs_section), ("h_formats", formats_section),
             ("h_connect", connect_section), ("h_clients", clients_section), ("h_bench", bench_section),
             ("h_repro", None), ("h_limits", limits_section)]
    fm = ["---", f"title: {json.dumps(t('title', lang), ensure_ascii=False)}",
          f"description: {json.dumps(t('description', lang), ensure_ascii=False)}", "weight: 20"]
    if src_hash:
        fm.append(f"source_hash: {src_hash}")
    fm.append("---")
    gen = d["compat"].get("suite", {}).get("finished", "?")
    if lang == "en":
        lead = (f"Generated by `scripts/gen-testing-pages.py` from `content/data/spark-results.json` "
                f"(suite run finished {gen}). Do not edit by hand.")
    else:
        lead = (f"Страница создана `scripts/gen-testing-pages.py` из `content/data/spark-results.json` "
                f"(прогон завершён {gen}). Не редактируйте вручную.")
    body = [lead]
    for key, fn in heads:
        en_title = T[key]["en"]
        title = t(key, lang) if lang == "en" else f"{t(key, lang)} {{#{slug(en_title)}}}"
        body.append(f"## {title}")
        body.append("```sh\n" + REPRODUCE + "\n```" if fn is None else fn(d, lang))
    return "\n".join(fm) + "\n\n" + "\n\n".join(body) + "\n"


def render_all(d: dict) -> dict[str, str]:
    en = page(d, "en")
    ru = page(d, "ru", source_hash(en))
    return {"en": en, "ru": ru}


# ------------------------------------------------------------------ chart-tests figures

CHART_HEADING = {"en": "## Figures from the last run",
                 "ru": "## Цифры последнего прогона {#figures-from-the-last-run}"}
CT = {  # words of the chart figures section
    "figure": {"en": "Figure", "ru": "Показатель"}, "value": {"en": "Value", "ru": "Значение"},
    "renders": {"en": "Renders (chart × values set)", "ru": "Рендеров (чарт × набор values)"},
    "objects": {"en": "Objects rendered", "ru": "Отрендерено объектов"},
    "overlays": {"en": "Example overlays rendered", "ru": "Отрендерено примеров оверлеев"},
    "pss_pods": {"en": "Pod templates checked for Pod Security", "ru": "Шаблонов подов проверено на Pod Security"},
    "pss_checks": {"en": "Pod Security rule checks", "ru": "Проверок правил Pod Security"},
    "pss_profiles": {"en": "Pod Security profiles", "ru": "Профили Pod Security"},
    "kube": {"en": "Kubernetes versions validated against", "ru": "Версии Kubernetes, по схемам которых шла проверка"},
    "kube_val": {"en": "Strict Kubernetes schema validations", "ru": "Строгих проверок по схемам Kubernetes"},
    "linted": {"en": "Charts and subcharts linted", "ru": "Проверено lint-ом чартов и сабчартов"},
    "crs": {"en": "Custom resources validated against their CRD", "ru": "Пользовательских ресурсов проверено по их CRD"},
    "images": {"en": "Distinct pinned images", "ru": "Различных закреплённых образов"},
    "conf_files": {"en": "`spark-defaults.conf` files checked", "ru": "Проверено файлов `spark-defaults.conf`"},
    "config_keys": {"en": "Configuration keys checked against their reader", "ru": "Ключей конфигурации проверено по их читателю"},
    "and": {"en": "and", "ru": "и"},
    "per_render": {"en": "Objects per render:", "ru": "Объектов на рендер:"},
    "chart": {"en": "Chart", "ru": "Чарт"}, "values": {"en": "Values", "ru": "Values"},
    "n_objects": {"en": "Objects", "ru": "Объектов"},
    "kinds": {"en": "Objects by kind over all renders:", "ru": "Объекты по видам во всех рендерах:"},
    "linted_list": {"en": "Charts linted:", "ru": "Проверены lint-ом:"},
    "schema": {"en": "Schema properties with a description and a type:", "ru": "Свойства схемы с описанием и типом:"},
    "properties": {"en": "Properties", "ru": "Свойств"},
    "images_list": {"en": "Images pinned across all renders:", "ru": "Образы, закреплённые во всех рендерах:"},
    "image": {"en": "Image", "ru": "Образ"},
}
RENDER_VARIANTS = {  # summary.json render labels that are not example overlays
    "defaults": {"en": "defaults", "ru": "значения по умолчанию"},
    "coexistence": {"en": "coexistence (3 charts, one namespace)", "ru": "совместная установка (3 чарта, один namespace)"},
    "external-services": {"en": "existing S3 and PostgreSQL", "ru": "внешние S3 и PostgreSQL"},
    "webhook-and-example": {"en": "webhook and SparkPi example on", "ru": "webhook и пример SparkPi включены"},
    "operations-options": {"en": "JSON logs, metrics with monitors, service mesh, Celeborn on",
                           "ru": "JSON-журналы, метрики с мониторами, service mesh и Celeborn включены"},
}


def ct(key: str, lang: str) -> str:
    return CT[key][lang]


def render_label(variant: str, lang: str) -> str:
    if variant.endswith((".yaml", ".yml")):
        return f"[{variant}](../../examples/{variant})"
    if variant not in RENDER_VARIANTS:
        raise ValueError(f"{CHART_DATA.name}: render variant {variant!r} has no words in "
                         f"RENDER_VARIANTS of {Path(__file__).name}; add its English and Russian label")
    return RENDER_VARIANTS[variant][lang]


def chart_figures(d: dict, lang: str) -> str:
    kv = d["kubernetes_versions"]
    rows = [["renders", d["renders"]], ["objects", d["objects_rendered"]], ["overlays", d["overlay_count"]],
            ["pss_pods", d["pss_pod_templates_checked"]], ["pss_checks", d["pss_checks"]],
            ["pss_profiles", ", ".join(d["pss_profiles"])],
            ["kube", f" {ct('and', lang)} ".join([", ".join(kv[:-1]), kv[-1]]) if len(kv) > 1 else kv[0]],
            ["kube_val", d["kubernetes_validations_strict"]], ["linted", len(d["charts_linted"])],
            ["crs", d["custom_resources_validated"]], ["images", len(d["images_pinned"])],
            ["conf_files", len(d["spark_defaults_keys"])]]
    if d.get("config_keys_checked"):
        rows.append(["config_keys", sum(sum(v.values()) for v in d["config_keys_checked"].values())])
    per_render = []
    for key, n in d["objects_per_render"].items():
        chart, variant = key.split(" [", 1)
        per_render.append([f"`{chart}`", render_label(variant.rstrip("]"), lang), n])
    out = [table([ct("figure", lang), ct("value", lang)], [[ct(k, lang), v] for k, v in rows]),
           ct("per_render", lang),
           table([ct("chart", lang), ct("values", lang), ct("n_objects", lang)], per_render),
           ct("kinds", lang) + " " + ", ".join(f"{k} {n}" for k, n in d["kinds"].items()) + ".",
           ct("linted_list", lang) + " " + ", ".join(f"`{c}`" for c in d["charts_linted"]) + ".",
           ct("schema", lang),
           table([ct("chart", lang), ct("properties", lang)],
                 [[f"`{c}`", n] for c, n in d["schema_properties_described"].items()]),
           ct("images_list", lang),
           table([ct("image", lang)], [[f"`{i}`"] for i in d["images_pinned"]])]
    return "\n\n".join(out)


def splice_section(text: str, heading: str, body: str, where: Path) -> str:
    """The page with the body of the `## ` section `heading` replaced (up to the next `## `)."""
    lines = text.split("\n")
    if heading not in lines:
        raise ValueError(f"{where}: heading {heading!r} not found")
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[:start] + ["", body, ""] + lines[end:])


def with_source_hash(ru: str, en: str) -> str:
    fm_end = ru.index("\n---\n", 4)
    head = "\n".join(ln if not ln.startswith("source_hash:") else f"source_hash: {source_hash(en)}"
                     for ln in ru[:fm_end].split("\n"))
    return head + ru[fm_end:]


def render_chart_pages(d: dict, current: dict[str, str]) -> dict[str, str]:
    """The chart-tests pages with their figures section made from d (summary.json's figures);
    the Russian page's source_hash follows the new English body."""
    en = splice_section(current["en"], CHART_HEADING["en"], chart_figures(d, "en"), CHART_PAGES["en"])
    ru = splice_section(current["ru"], CHART_HEADING["ru"], chart_figures(d, "ru"), CHART_PAGES["ru"])
    return {"en": en, "ru": with_source_hash(ru, en)}


def all_pages(collect_first: bool = False) -> dict[Path, str]:
    """Every generated page (path -> text) from the committed figures."""
    if collect_first:  # each suite's figures when that suite has run
        if not (OUT_DIR / "compat.json").exists() and not CHART_SUMMARY.exists():
            sys.exit(f"neither {OUT_DIR / 'compat.json'} nor {CHART_SUMMARY} exists: "
                     "run `make test-spark` or `make test-charts` first")
        if (OUT_DIR / "compat.json").exists():
            collect()
        if CHART_SUMMARY.exists():
            CHART_DATA.write_text(CHART_SUMMARY.read_text())
    d = json.loads(DATA.read_text())
    out = {PAGES[lang]: text for lang, text in render_all(d).items()}
    if CHART_DATA.exists():
        current = {lang: p.read_text(encoding="utf-8") for lang, p in CHART_PAGES.items()}
        out.update({CHART_PAGES[lang]: text for lang, text in
                    render_chart_pages(json.loads(CHART_DATA.read_text()), current).items()})
    return out


def collect() -> dict:
    compat = OUT_DIR / "compat.json"
    bench = OUT_DIR / "bench.json"
    if not compat.exists():
        sys.exit(f"{compat} missing: run `make test-spark` first")
    d = {"compat": json.loads(compat.read_text())}
    if bench.exists():
        d["benchmark"] = json.loads(bench.read_text())
    elif DATA.exists():
        d["benchmark"] = json.loads(DATA.read_text()).get("benchmark")
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(d, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--collect", action="store_true", help="copy Tests/spark/out/*.json into content/data first")
    ap.add_argument("--check", action="store_true", help="fail if the committed pages differ from the JSON")
    a = ap.parse_args()
    pages = all_pages(a.collect)
    if a.check:
        stale = [str(p) for p, text in pages.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print("stale: " + ", ".join(stale) + "; run python3 scripts/gen-testing-pages.py")
            return 1
        return 0
    for p, text in pages.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(REPO)}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
