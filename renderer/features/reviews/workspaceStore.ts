import { create } from 'zustand';
import type { ReviewDetail } from '../../../shared/reviews/contract';
import { api, messageOf } from '../../api/client';
import { reportError } from '../../ui/toasts';

interface WorkspaceState {
  detail: ReviewDetail | null;
  loadingId: string | null;
  error: string | null;
  open: (reviewId: string) => Promise<void>;
  /** Runs a call that returns the updated review; shows its error as a toast and rethrows. */
  apply: (call: () => Promise<ReviewDetail>) => Promise<ReviewDetail>;
  close: () => void;
}

export const useWorkspace = create<WorkspaceState>((set, get) => ({
  detail: null,
  loadingId: null,
  error: null,
  open: async (reviewId) => {
    if (get().detail?.review.id === reviewId || get().loadingId === reviewId) return;
    set({ loadingId: reviewId, error: null });
    try {
      const detail = await api.getReview({ reviewId });
      set({ detail, loadingId: null });
    } catch (error) {
      set({ error: messageOf(error), loadingId: null, detail: null });
    }
  },
  apply: async (call) => {
    try {
      const detail = await call();
      set({ detail });
      return detail;
    } catch (error) {
      reportError(error);
      throw error;
    }
  },
  close: () => set({ detail: null, error: null }),
}));
