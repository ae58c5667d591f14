/** The worker's log: refusals and failures, with a prefix that makes them easy to find. */
export function log(message: string, detail?: unknown): void {
  if (detail === undefined) console.warn(`[chatgptt] ${message}`);
  else console.warn(`[chatgptt] ${message}`, detail);
}
