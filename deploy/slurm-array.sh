#!/usr/bin/env bash
# annotext over a corpus as a Slurm job array: one array task per shard, then `combine` as a
# job that starts when every task has succeeded:
#
#   jid=$(sbatch --parsable deploy/slurm-array.sh /shared/corpus /shared/dataset)
#   sbatch --dependency=afterok:"$jid" --cpus-per-task=2 --mem=4G \
#       --wrap="annotext combine /shared/dataset"
#
# Each task reads SLURM_ARRAY_TASK_ID (counted from SLURM_ARRAY_TASK_MIN, so --array=1-8 works
# too) through `--shards`; keep --shards equal to the number of tasks in --array. The corpus and
# the dataset are on a file system every node mounts. A failed task can be run again on its own
# (`sbatch --array=5 deploy/slurm-array.sh …`): it replaces its own files only.
#SBATCH --job-name=annotext-shards
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=04:00:00
#SBATCH --output=annotext-%A-%a.log
set -euo pipefail

corpus=${1:?usage: sbatch deploy/slurm-array.sh CORPUS DATASET}
dataset=${2:?usage: sbatch deploy/slurm-array.sh CORPUS DATASET}
shards=8   # the number of tasks in --array above

annotext run "$corpus" --out "$dataset" --shards "$shards" --quiet

