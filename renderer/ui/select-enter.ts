/**
 * Enter in a text field submits its form, but not in a select: a form whose last field is a
 * select ("Kind", "Organisation") could not be sent from the keyboard without a Tab to its
 * button. Here Enter on a select submits its form as Enter on a text field would.
 */
export function submitFormsOnEnterInSelects(target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const select = event.target;
    if (event.key !== 'Enter' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!(select instanceof HTMLSelectElement) || !select.form) return;
    event.preventDefault();
    select.form.requestSubmit();
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
