/** View state of the meeting-procedure tools: which coffee break this person closed. */
import { create } from 'zustand';

interface ProceduresUi {
  /** The coffee break whose overlay this person closed ("Back to the meeting"). */
  readonly closedBreakId: string | null;
  closeBreak(id: string): void;
  reopenBreak(): void;
}

export const useProceduresUi = create<ProceduresUi>()((set) => ({
  closedBreakId: null,
  closeBreak: (id) => set({ closedBreakId: id }),
  reopenBreak: () => set({ closedBreakId: null }),
}));
