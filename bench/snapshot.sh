#!/bin/sh
# Run bench/run.py on a frozen copy of one commit, so that the engineers committing to and
# rebuilding the shared worktree during a long run cannot change the code being measured.
#
#     bench/snapshot.sh COMMIT [bench/run.py options...]
#
# The copy (git archive) goes to a temporary folder, its Rust core is built there with
# cargo (release, as maturin builds it), and run.py runs from it with the worktree's venv
# for the dependencies: PYTHONPATH puts the copy's cleanup package before the editable
# install's. The copy is deleted afterwards.
set -eu
commit=$(git rev-parse --verify "${1:?usage: bench/snapshot.sh COMMIT [run.py options]}^{commit}")
shift
root=$(git rev-parse --show-toplevel)
python="$root/.venv/bin/python"
snap=$(mktemp -d "${TMPDIR:-/tmp}/mt-cleanup-snapshot-XXXXXX")
trap 'rm -rf "$snap"' EXIT
git -C "$root" archive "$commit" | tar -x -C "$snap"
# cleanup/rules is a symbolic link to rules/ in the repository; git archive keeps it.
PYO3_PYTHON="$python" cargo build --quiet --release --manifest-path "$snap/crates/mtcore-py/Cargo.toml" \
    --target-dir "$snap/target"
cp "$snap/target/release/lib_core.so" "$snap/cleanup/_core.abi3.so"
echo "bench/snapshot.sh: measuring $commit from $snap" >&2
cd "$snap"
PYTHONPATH="$snap" PYTHONDONTWRITEBYTECODE= "$python" bench/run.py "$@"
