"""The driver of scripts/bench-vs-keystoneclient (run it through that script).

  bench-vs-keystoneclient.py run --rust-bin PATH --url PUBLIC_URL
      alternating rounds of the Rust Client (examples/bench_client.rs, PATH),
      python-keystoneclient (this file, `worker`) and the raw floor (PATH --client raw)
      against the same Keystone v2.0; prints a table of the figures and the ratios (the
      median of the per-round ratios)
  bench-vs-keystoneclient.py worker --url PUBLIC_URL --workload W --workers N --calls N
      one keystoneclient measurement, one line of JSON, as examples/bench_client.rs prints

Workloads: validate (GET /v2.0/tokens/{id} of a second token), list (GET /v2.0/tenants),
create-delete (POST /v2.0/tenants + DELETE /v2.0/tenants/{id}, counted as one call), and
first-list (one client, one tenant list, print `first-list`, exit: timed from the process's
start by `run`). keystoneclient's workers are threads with one client (session) each, as a
requests session is not meant to be shared between threads; Rust's are tasks sharing one
Client. Both authenticate as admin on the public API and use the catalog's admin endpoint.

The floor (`bench_client --client raw`) is what a client that spends nothing on HTTP, JSON or
safety gets from this server on this machine: the same requests to the same admin URLs, with
the Client's headers, prebuilt and written on one blocking keep-alive socket per worker (std
threads), each answer read by its Content-Length, no JSON decoded but the created tenant's id;
its token comes from the Client before the timed calls. floor / keystoneclient is the ceiling
of the Rust / keystoneclient ratio on this machine and server, Rust / floor how much of it the
Client reaches.

Environment (for `run`): BENCH_ROUNDS (default 5), BENCH_CALLS (Rust and floor calls per
measurement, default 2000), BENCH_PY_CALLS (keystoneclient calls per measurement, default
640), BENCH_STARTS (start-to-first-list runs of each client, default 10), BENCH_WORKERS
(the concurrent worker count, default 64).
"""

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time

USER, PASSWORD, TENANT = "admin", "secret", "admin"


# --- keystoneclient worker ---------------------------------------------------------------


def make_client(url):
    from keystoneauth1 import session
    from keystoneauth1.identity import v2
    from keystoneclient.v2_0 import client

    auth = v2.Password(auth_url=url, username=USER, password=PASSWORD, tenant_name=TENANT)
    return client.Client(session=session.Session(auth=auth), interface="admin")


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_rss_kib():
    """VmHWM of /proc/self/status (KiB). Not the parent's wait4: a child's ru_maxrss counts
    the parent's pages from before exec."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def worker(args):
    if args.workload == "first-list":
        make_client(args.url).tenants.list()
        print("first-list", flush=True)
        print(json.dumps({"peak_rss_kib": peak_rss_kib()}))
        return
    clients = [make_client(args.url) for _ in range(args.workers)]
    subject = None
    if args.workload == "validate":
        from keystoneauth1 import session
        from keystoneauth1.identity import v2

        subject = session.Session(
            auth=v2.Password(
                auth_url=args.url, username=USER, password=PASSWORD, tenant_name=TENANT
            )
        ).get_token()
    names = itertools.count()
    pid = os.getpid()

    def call(ks):
        if args.workload == "validate":
            ks.tokens.validate(subject)
        elif args.workload == "list":
            ks.tenants.list()
        else:
            tenant = ks.tenants.create(tenant_name=f"bench-py-{pid}-{next(names)}")
            ks.tenants.delete(tenant)

    per_worker = max(1, args.calls // args.workers)  # fewer calls than workers: one each
    warmed = threading.Barrier(args.workers + 1)
    go = threading.Barrier(args.workers + 1)
    errors = []

    def body(ks):
        try:
            for _ in range(4):
                call(ks)
        except Exception as e:  # reported below, after the barriers
            errors.append(e)
        warmed.wait()
        go.wait()
        try:
            for _ in range(per_worker):
                call(ks)
        except Exception as e:
            errors.append(e)

    threads = [threading.Thread(target=body, args=(ks,)) for ks in clients]
    for t in threads:
        t.start()
    warmed.wait()
    cpu, started = cpu_seconds(), time.perf_counter()
    go.wait()
    for t in threads:
        t.join()
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    if errors:
        sys.exit(f"keystoneclient worker: {len(errors)} call(s) failed, first: {errors[0]!r}")
    calls = per_worker * args.workers
    print(json.dumps({
        "client": "keystoneclient", "workload": args.workload, "workers": args.workers,
        "calls": calls, "seconds": seconds, "calls_per_s": calls / seconds,
        "cpu_seconds": cpu, "peak_rss_kib": peak_rss_kib(),
    }))


# --- the alternating rounds ---------------------------------------------------------------


def env_int(name, default):
    return int(os.environ.get(name) or default)


def spawn(argv):
    """Runs argv to its end; the JSON of its last line."""
    p = subprocess.run(argv, stdout=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"{argv[0]} failed with exit status {p.returncode}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def first_list(argv):
    """Seconds from the spawn to the `first-list` line, and the process's peak RSS (KiB)."""
    started = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    elapsed = time.perf_counter() - started
    rest = p.stdout.read()
    if p.wait() != 0 or line.strip() != "first-list":
        sys.exit(f"{argv[0]}: no tenant list (exit status {p.returncode})")
    return elapsed, json.loads(rest.strip().splitlines()[-1])["peak_rss_kib"]


def spread(values):
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def run(args):
    rounds = env_int("BENCH_ROUNDS", 5)
    rust_calls = env_int("BENCH_CALLS", 2000)
    py_calls = env_int("BENCH_PY_CALLS", 640)
    starts = env_int("BENCH_STARTS", 10)
    many = env_int("BENCH_WORKERS", 64)
    python = [sys.executable, os.path.abspath(__file__), "worker"]
    clients = {
        "rust": lambda w, n, k: [args.rust_bin, "--url", args.url, "--workload", w,
                                 "--workers", str(k), "--calls", str(n)],
        "keystoneclient": lambda w, n, k: python + ["--url", args.url, "--workload", w,
                                                    "--workers", str(k), "--calls", str(n)],
        "raw": lambda w, n, k: [args.rust_bin, "--client", "raw", "--url", args.url,
                                "--workload", w, "--workers", str(k), "--calls", str(n)],
    }
    calls = {"rust": rust_calls, "keystoneclient": py_calls, "raw": rust_calls}
    print(f"{rounds} alternating rounds; Rust {rust_calls} (the floor too) and keystoneclient "
          f"{py_calls} calls per measurement; figures are medians, ratios the median of the "
          f"per-round ratios [lowest-highest]", flush=True)
    head = (f"{'workload':<22} {'Rust calls/s':>12} {'ksc calls/s':>12} "
            f"{'throughput Rust/ksc':>24} {'Rust CPU/call':>14} {'ksc CPU/call':>13} "
            f"{'floor calls/s':>13} {'ceiling floor/ksc':>22} {'Rust/floor':>20} "
            f"{'floor CPU/call':>14}")
    print(head, flush=True)
    peak = {"rust": 0, "keystoneclient": 0}
    names = ["rust", "keystoneclient", "raw"]
    for workload in ["validate", "list", "create-delete"]:
        for workers in [1, many]:
            got = {n: [] for n in names}
            ratios = {"rust/ksc": [], "raw/ksc": [], "rust/raw": []}
            for r in range(rounds):
                # The order rotates from round to round: each client goes first, second, last.
                order = names[r % 3:] + names[:r % 3]
                for name in order:
                    m = spawn(clients[name](workload, calls[name], workers))
                    got[name].append(m)
                    if name in peak:
                        peak[name] = max(peak[name], m["peak_rss_kib"])
                per_s = {n: got[n][-1]["calls_per_s"] for n in names}
                ratios["rust/ksc"].append(per_s["rust"] / per_s["keystoneclient"])
                ratios["raw/ksc"].append(per_s["raw"] / per_s["keystoneclient"])
                ratios["rust/raw"].append(per_s["rust"] / per_s["raw"])
            med = {n: statistics.median(m["calls_per_s"] for m in v) for n, v in got.items()}
            cpu = {n: statistics.median(m["cpu_seconds"] / m["calls"] * 1e3 for m in v)
                   for n, v in got.items()}
            label = f"{workload} x{workers}" + (" (seq.)" if workers == 1 else " workers")
            print(f"{label:<22} {med['rust']:>12.0f} {med['keystoneclient']:>12.0f} "
                        f"{spread(ratios['rust/ksc']) + 'x':>24} {cpu['rust']:>11.3f} ms "
                        f"{cpu['keystoneclient']:>10.3f} ms "
                        f"{med['raw']:>13.0f} {spread(ratios['raw/ksc']) + 'x':>22} "
                        f"{spread(ratios['rust/raw']) + 'x':>20} {cpu['raw']:>11.3f} ms", flush=True)

    times = {"rust": [], "keystoneclient": []}
    rss = {"rust": [], "keystoneclient": []}
    start_ratios = []
    for r in range(starts):
        order = ["rust", "keystoneclient"] if r % 2 == 0 else ["keystoneclient", "rust"]
        for name in order:
            t, m = first_list(clients[name]("first-list", 1, 1))
            times[name].append(t)
            rss[name].append(m)
        start_ratios.append(times["keystoneclient"][-1] / times["rust"][-1])

    print()
    ms = {n: statistics.median(v) * 1e3 for n, v in times.items()}
    mib = {n: statistics.median(v) / 1024 for n, v in rss.items()}
    print(f"start to first tenant list ({starts} runs each): Rust {ms['rust']:.1f} ms, "
          f"keystoneclient {ms['keystoneclient']:.1f} ms; keystoneclient / Rust "
          f"{spread(start_ratios)}x")
    print(f"peak RSS, start to first tenant list: Rust {mib['rust']:.1f} MiB, "
          f"keystoneclient {mib['keystoneclient']:.1f} MiB")
    print(f"peak RSS, highest over the throughput runs: Rust {peak['rust'] / 1024:.1f} MiB, "
          f"keystoneclient {peak['keystoneclient'] / 1024:.1f} MiB")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="mode", required=True)
    r = sub.add_parser("run")
    r.add_argument("--rust-bin", required=True)
    r.add_argument("--url", required=True)
    w = sub.add_parser("worker")
    w.add_argument("--url", required=True)
    w.add_argument("--workload", required=True,
                   choices=["validate", "list", "create-delete", "first-list"])
    w.add_argument("--workers", type=int, default=1)
    w.add_argument("--calls", type=int, default=100)
    args = p.parse_args()
    run(args) if args.mode == "run" else worker(args)


if __name__ == "__main__":
    main()
