import { create } from 'zustand';
import type { ReviewSummary } from '../../../shared/reviews/contract';
import { api, messageOf } from '../../api/client';

interface ReviewsState {
  reviews: ReviewSummary[];
  includeArchived: boolean;
  loaded: boolean;
  error: string | null;
  load: () => Promise<void>;
  setIncludeArchived: (value: boolean) => Promise<void>;
}

export const useReviews = create<ReviewsState>((set, get) => ({
  reviews: [],
  includeArchived: false,
  loaded: false,
  error: null,
  load: async () => {
    try {
      const reviews = await api.listReviews({ includeArchived: get().includeArchived });
      set({ reviews, loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: messageOf(error) });
    }
  },
  setIncludeArchived: async (value) => {
    set({ includeArchived: value });
    await get().load();
  },
}));
