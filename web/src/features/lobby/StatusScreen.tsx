import type { ReactNode } from 'react';

/** A centred full-window message (checking the link, waiting room, left, errors). */
export function StatusScreen({ title, busy, children }: { readonly title: string; readonly busy?: boolean; readonly children?: ReactNode }) {
  return (
    <main className="status-screen" id="main-content">
      <div className="status-screen__card" role={busy ? 'status' : undefined}>
        {busy && <span className="spinner" aria-hidden="true" />}
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
