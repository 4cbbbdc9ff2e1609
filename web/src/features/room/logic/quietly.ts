/** Runs a fire-and-forget meeting command: the core reports refusals as `action_failed` notifications. */
export function quietly(p: Promise<void>): void {
  void p.catch(() => undefined);
}
