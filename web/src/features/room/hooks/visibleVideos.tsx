/**
 * Tells the meeting core which remote videos are on screen and how large they are drawn, so that
 * only those are received, each in a fitting simulcast layer. Every rendered remote tile
 * registers its video box; off-page tiles are not rendered and so not registered.
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode, type RefObject } from 'react';
import { normalizeVisible, sameVisible, type VisibleVideo } from '../logic/visibleVideos';

type Priority = 'high' | 'normal';

interface Entry {
  readonly participantId: string;
  readonly source: 'camera' | 'screen';
  readonly priority: Priority;
  width: number;
  height: number;
}

export class VisibleVideoRegistry {
  private readonly entries = new Map<Element, Entry>();
  private readonly observer: ResizeObserver | null;
  private readonly report: (videos: VisibleVideo[]) => void;
  private last: VisibleVideo[] = [];
  private scheduled = false;
  private closed = true;

  constructor(report: (videos: VisibleVideo[]) => void) {
    this.report = report;
    this.observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((records) => {
            for (const r of records) {
              const entry = this.entries.get(r.target);
              if (entry) {
                entry.width = r.contentRect.width;
                entry.height = r.contentRect.height;
              }
            }
            this.schedule();
          });
  }

  register(element: Element, participantId: string, source: 'camera' | 'screen', priority: Priority = 'normal'): () => void {
    const rect = element.getBoundingClientRect();
    this.entries.set(element, { participantId, source, priority, width: rect.width, height: rect.height });
    this.observer?.observe(element);
    this.schedule();
    return () => {
      this.observer?.unobserve(element);
      this.entries.delete(element);
      this.schedule();
    };
  }

  /** The current list, in device pixels, normalized. */
  current(): VisibleVideo[] {
    const dpr = typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
    return normalizeVisible(
      [...this.entries.values()].map((e) => ({
        participantId: e.participantId,
        source: e.source,
        width: e.width * dpr,
        height: e.height * dpr,
        priority: e.priority,
      })),
    );
  }

  /** Sends the list now when it differs from the last one sent. */
  flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    const next = this.current();
    if (sameVisible(next, this.last)) return;
    this.last = next;
    this.report(next);
  }

  /** Starts reporting (on mount; again after a StrictMode remount). */
  open(): void {
    this.closed = false;
    this.schedule();
  }

  close(): void {
    this.closed = true;
    this.observer?.disconnect();
    this.entries.clear();
    this.last = [];
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    // Coalesce the registrations of one render (a page change unmounts and mounts many tiles).
    setTimeout(() => this.flush(), 0);
  }
}

const RegistryContext = createContext<VisibleVideoRegistry | null>(null);

export function VisibleVideosProvider({
  report,
  children,
}: {
  readonly report: (videos: VisibleVideo[]) => void;
  readonly children: ReactNode;
}) {
  const registry = useMemo(() => new VisibleVideoRegistry(report), [report]);
  useEffect(() => {
    registry.open();
    return () => registry.close();
  }, [registry]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

/**
 * Registers the element as a visible remote video while `enabled` (not for the own tiles), with
 * its priority (`tilePriority`).
 */
export function useVisibleVideo(
  ref: RefObject<Element | null>,
  participantId: string,
  source: 'camera' | 'screen',
  enabled: boolean,
  priority: Priority = 'normal',
): void {
  const registry = useContext(RegistryContext);
  useEffect(() => {
    const el = ref.current;
    if (!enabled || registry === null || el === null) return undefined;
    return registry.register(el, participantId, source, priority);
  }, [registry, ref, participantId, source, enabled, priority]);
}
