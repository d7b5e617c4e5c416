/**
 * Runs tasks with at most `concurrency` in flight, returning results in task order.
 * onDone sees each result as it arrives (progress output).
 */
export async function runPool<T, R>(
  tasks: readonly T[],
  concurrency: number,
  work: (task: T) => Promise<R>,
  onDone?: (result: R) => void,
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      const result = await work(tasks[index]!);
      results[index] = result;
      onDone?.(result);
    }
  };
  const workers = Math.max(1, Math.min(concurrency, tasks.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return results;
}
