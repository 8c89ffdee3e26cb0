# Sourced by the benchmark scripts.

# best COMMAND…: the best wall time of 3 runs of a command, in seconds.
best() {
  python3 - "$@" <<'PY'
import subprocess, sys, time
times = []
for _ in range(3):
    start = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - start)
print(f"{min(times):.3f}")
PY
}
