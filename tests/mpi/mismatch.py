"""mpiexec -n P python tests/mpi/mismatch.py (P >= 2): process 1 builds another model; every process
prints the error DataParallel gave it, one line per case: ``process r: ValueError: ...``."""
from mpi4py import MPI

from tests.mpi.scenario import mismatched

comm = MPI.COMM_WORLD
for message in mismatched(comm):
    print(f"process {comm.rank}: {message}", flush=True)
