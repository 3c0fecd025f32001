/**
 * After a move to another screen the control that was pressed is often gone ("← back", "Create
 * review", a saved form), which leaves the focus on the page body: the next Tab starts from the
 * top and a screen reader says nothing. Once the new screen shows its heading, the heading takes
 * the focus, unless something on the screen (the notes editor, a dialog, the pressed tab) already
 * has it. Gives up after three seconds, for a screen that never finishes loading.
 */
export function focusScreenHeading(): () => void {
  let frames = 0;
  let handle = 0;
  const step = () => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      return;
    }
    if (++frames < 180) handle = requestAnimationFrame(step);
  };
  handle = requestAnimationFrame(step);
  return () => cancelAnimationFrame(handle);
}

/** The skip link: past the top bar to the screen's heading (or the screen itself, if it has none). */
export function skipToContent(): void {
  const main = document.querySelector<HTMLElement>('main');
  const target = main?.querySelector<HTMLElement>('h1') ?? main;
  if (!target) return;
  target.tabIndex = -1;
  target.focus();
}
