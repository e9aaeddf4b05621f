"""mpiexec -n P python tests/mpi/train_together.py: every data-parallel scenario, one line per process.

Prints ``process r of P: ok (k checks)`` or ``process r of P: FAILED`` and the failures; an unexpected
error aborts every process (so the launcher never waits on a process stuck in a collective).
"""
import sys
import traceback

from mpi4py import MPI

from tests.mpi.scenario import checkpoint_together, train_together

comm = MPI.COMM_WORLD
try:
    reports = [train_together(comm), checkpoint_together(comm)]
except BaseException:
    traceback.print_exc()
    sys.stdout.flush()
    comm.Abort(1)
failures = [line for report in reports for line in report.failures]
passed = sum(len(report.passed) for report in reports)
verdict = f"FAILED: {'; '.join(failures)}" if failures else f"ok ({passed} checks)"
print(f"process {comm.rank} of {comm.size}: {verdict}", flush=True)
sys.exit(1 if failures else 0)
