/** "1 passage", "3 passages". */
export const plural = (count: number, noun: string, plural = `${noun}s`): string => `${count.toLocaleString('en-GB')} ${count === 1 ? noun : plural}`;
