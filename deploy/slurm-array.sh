#!/usr/bin/env bash
# annotext over a corpus as a Slurm job array: one array task per shard, then `combine` as a
# job that starts when every task has succeeded:
#
#   jid=$(sbatch --parsable deploy/slurm-array.sh /shared/corpus /shared/dataset)
#   sbatch --dependency=afterok:"$jid" --cpus-per-task=2 --mem=2G \
#       --wrap="annotext combine /shared/dataset || [ \$? -eq 1 ]"
#
# Each task's SLURM_ARRAY_TASK_ID is its shard (`--shards 8`), so the array is --array=0-7 and
# a failed task can be run again on its own, as the same shard (`sbatch --array=5
# deploy/slurm-array.sh …`): it replaces its own files only. The corpus and the dataset are on
# a file system every node mounts; the dataset goes to a folder of its own.
#
# Exit status 1 means "done, but some inputs could not be read" (the task's log names them): it
# counts as success here, so that one bad file among thousands does not hold back `combine`
# (which then exits 1 too, after writing the workbook, and says how many were left out).
#SBATCH --job-name=annotext-shards
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=04:00:00
#SBATCH --output=annotext-%A-%a.log
set -euo pipefail

corpus=${1:?usage: sbatch deploy/slurm-array.sh CORPUS DATASET}
dataset=${2:?usage: sbatch deploy/slurm-array.sh CORPUS DATASET}
# The number of shards: the whole array's size, fixed here (SLURM_ARRAY_TASK_COUNT is 1 when
# one task is run again alone).
shards=8

annotext run "$corpus" --out "$dataset" --shards "$shards" --quiet || [ $? -eq 1 ]
