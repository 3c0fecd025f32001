export { fileToBase64 } from '../../ui/files';
import type { EvidenceItem } from '../../../shared/evidence/domain';
import { api } from '../../api/client';
import { reportError } from '../../ui/toasts';

/** Opens an attachment read-only in the system viewer (desktop) or saves a copy (browser, or a file not safe to open). */
export async function openAttachment(attachment: EvidenceItem['attachments'][number]): Promise<void> {
  try {
    const { opened, refused } = await api.openAttachment({ attachmentId: attachment.id });
    if (opened) return;
    // Not safe to hand to the system: only a copy is saved, and the reviewer is told why.
    if (refused) reportError(new Error(refused));
    const file = await api.readAttachment({ attachmentId: attachment.id });
    const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    reportError(error);
  }
}

export const formatBytes = (bytes: number) => (bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
