import { create } from 'zustand';
import { messageOf } from '../api/client';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  /** Offered as an "Undo" button, e.g. after removing someone from the team. */
  undo?: () => void | Promise<void>;
}

interface ToastState {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id'>) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;
const DISMISS_AFTER_MS = 8000;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (toast) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-2), { ...toast, id }] });
    setTimeout(() => get().dismiss(id), toast.tone === 'error' ? DISMISS_AFTER_MS * 2 : DISMISS_AFTER_MS);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
}));

export const notify = (message: string, undo?: Toast['undo']) => useToasts.getState().show({ message, tone: 'info', ...(undo ? { undo } : {}) });
export const notifyError = (message: string) => useToasts.getState().show({ message, tone: 'error' });

/** The one way a screen reports a failed call: the message (ours are written for reviewers) as an error toast. */
export const reportError = (error: unknown): void => notifyError(messageOf(error));
