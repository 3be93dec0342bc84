#!/usr/bin/env python3
"""Known truth of the export covariate (docs/effect-chain.md, "Known truth").

Compares the cross-cutting series estimates of `measure --series` on `generate --chain` registers against
truth.json, for several covariate sets, at 2 years (2021H2), 5 years (2024H2) and latest (2026H2).

Usage (from the repository root, after `dotnet build src/GlobalMidt.Effects.Cli -c Release`):
    python3 benchmarks/export-covariate/known_truth.py [--seeds 1,2,3,4,5] [--firms 20000] [--work DIR] [--settings all|export]
Prints a markdown table: per horizon, outcome and covariate set the truth (mean over seeds), the errors
(estimate - truth) per seed, their mean and RMSE, the mean 95 % interval width and how often the interval holds
the truth. Estimates are the `*_estimate` fields (not zeroed where p >= alpha).
"""
import argparse
import json
import math
import os
import subprocess

CLI = ["dotnet", "src/GlobalMidt.Effects.Cli/bin/Release/net10.0/globalmidt-effects.dll"]
HORIZONS = [("2 years", "2021H2"), ("5 years", "2024H2"), ("latest", "2026H2")]
# outcome label, JSON object, estimate key, truth key
OUTCOMES = [
    ("jobs", "employment", "jobs_created_estimate", "true_jobs"),
    ("added export (mio. DKK)", "export", "added_export_estimate_mdkk", "true_added_export_mdkk"),
    ("additional exporters", "new_exporters", "additional_exporters_estimate", "true_additional_exporters"),
]
SETTINGS = [
    ("default (fte,turnover,growth)", "fte,turnover,growth"),  # given explicitly: left unset, a register with export adds it
    ("+ export", "fte,turnover,growth,export"),
    ("+ exporter", "fte,turnover,growth,exporter"),
    ("+ export, exporter", "fte,turnover,growth,export,exporter"),
]


def run(args):
    rows = {}
    for seed in args.seeds:
        d = os.path.join(args.work, f"chain{seed}")
        if not os.path.exists(os.path.join(d, "truth.json")):
            subprocess.run(CLI + ["generate", "--chain", "--firms", str(args.firms), "--seed", str(seed), "--out", d],
                           check=True, stdout=subprocess.DEVNULL)
        truth = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
        true_rows = {t["period"]: t for t in truth["series"] if t["by"] == "group" and t["cross_cutting"]}
        for name, covariates in args.settings:
            cmd = CLI + ["measure", "--firms", f"{d}/firms.csv", "--participants", f"{d}/participants.csv",
                         "--budgets", f"{d}/budgets.csv", "--history", "2012H1", "--baseline", "2016H2",
                         "--series", "--format", "json"]
            if covariates is not None:
                cmd += ["--covariates", covariates]
            out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            est_rows = {s["period"]: s for s in out["series"] if s["cross_cutting"]}
            for _, period in HORIZONS:
                for label, obj, key, tkey in OUTCOMES:
                    e = est_rows[period][obj]
                    t = true_rows[period][tkey]
                    rows.setdefault((period, label, name), []).append(
                        (t, e[key] - t, e["ci_high"] - e["ci_low"], e["ci_low"] <= t <= e["ci_high"]))
    print("| horizon | outcome | covariates | truth (mean) | errors, seeds " + ",".join(map(str, args.seeds))
          + " | mean error | RMSE | mean CI width | truth in CI |")
    print("|---|---|---|---|---|---|---|---|---|")
    for hname, period in HORIZONS:
        for label, *_ in OUTCOMES:
            for name, _ in args.settings:
                r = rows[(period, label, name)]
                n = len(r)
                errs = [x[1] for x in r]
                fmt = "{:.1f}" if label == "additional exporters" else "{:.0f}"
                print(f"| {hname} ({period}) | {label} | {name} | {fmt.format(sum(x[0] for x in r) / n)} | "
                      + ", ".join(fmt.format(x) for x in errs)
                      + f" | {fmt.format(sum(errs) / n)} | {fmt.format(math.sqrt(sum(x * x for x in errs) / n))}"
                      + f" | {fmt.format(sum(x[2] for x in r) / n)} | {sum(x[3] for x in r)}/{n} |")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--seeds", default="1,2,3,4,5", type=lambda s: [int(x) for x in s.split(",")])
    p.add_argument("--firms", default=20000, type=int)
    p.add_argument("--work", default="/tmp/exportcov-known-truth")
    p.add_argument("--settings", default="all", choices=["all", "export"],
                   help="all: the four covariate sets; export: default and + export only")
    a = p.parse_args()
    a.settings = SETTINGS if a.settings == "all" else SETTINGS[:2]
    run(a)
