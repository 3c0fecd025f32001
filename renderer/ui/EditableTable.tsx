import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/client';

export interface Column {
  key: string;
  label: string;
  /** Options make the column a select; otherwise it is a text input. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  required?: boolean;
  width?: string;
}

type Values = Record<string, string>;

interface Props<Row extends { id: string }> {
  caption: string;
  columns: Column[];
  rows: Row[];
  valuesOf: (row: Row) => Values;
  addLabel: string;
  onAdd: (values: Values) => Promise<unknown>;
  onUpdate: (id: string, values: Values) => Promise<unknown>;
  onRemove: (row: Row) => Promise<unknown>;
  /** Lets a table fill one field of the new row from another (e.g. a sector from a name). */
  deriveDraft?: (previous: Values, next: Values) => Values;
}

function blank(columns: Column[]): Values {
  return Object.fromEntries(columns.map((column) => [column.key, column.options?.[0]?.value ?? '']));
}

/**
 * A table whose rows can be added, edited in place and removed, used for the team and the
 * organisations. Enter saves, Escape cancels an edit; errors appear next to the field at fault.
 */
export function EditableTable<Row extends { id: string }>({ caption, columns, rows, valuesOf, addLabel, onAdd, onUpdate, onRemove, deriveDraft }: Props<Row>) {
  const [draft, setDraft] = useState<Values>(() => blank(columns));
  const [draftErrors, setDraftErrors] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<{ id: string; values: Values; errors: Record<string, string> } | null>(null);

  const missing = (values: Values) => Object.fromEntries(columns.filter((c) => c.required && !values[c.key]?.trim()).map((c) => [c.key, `${c.label} is required`]));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const errors = missing(draft);
    setDraftErrors(errors);
    if (Object.keys(errors).length > 0) return;
    try {
      await onAdd(draft);
      setDraft(blank(columns));
      (document.getElementById(`${caption}-new-${columns[0]?.key}`) as HTMLInputElement | null)?.focus();
    } catch (error) {
      setDraftErrors(fieldErrors(error));
    }
  };

  const saveEdit = async () => {
    if (!editing) return;
    const errors = missing(editing.values);
    if (Object.keys(errors).length > 0) return setEditing({ ...editing, errors });
    try {
      await onUpdate(editing.id, editing.values);
      setEditing(null);
    } catch (error) {
      setEditing({ ...editing, errors: fieldErrors(error) });
    }
  };

  const control = (column: Column, values: Values, onChange: (value: string) => void, error: string | undefined, id?: string, autoFocus?: boolean) =>
    column.options ? (
      <select id={id} aria-label={column.label} value={values[column.key]} onChange={(e) => onChange(e.target.value)}>
        {column.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    ) : (
      <input
        id={id}
        aria-label={column.label}
        aria-invalid={Boolean(error)}
        autoFocus={autoFocus}
        value={values[column.key] ?? ''}
        placeholder={column.placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    );

  return (
    <div className="card">
      <table className="table editable">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} style={column.width ? { width: column.width } : undefined}>
                {column.label}
              </th>
            ))}
            <th className="row-actions" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + 1} className="hint">
                None yet.
              </td>
            </tr>
          )}
          {rows.map((row) =>
            editing?.id === row.id ? (
              <tr
                key={row.id}
                className="editing"
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void saveEdit();
                  }
                  if (e.key === 'Escape') setEditing(null);
                }}
              >
                {columns.map((column, index) => (
                  <td key={column.key}>
                    {control(
                      column,
                      editing.values,
                      (value) => setEditing({ ...editing, values: { ...editing.values, [column.key]: value } }),
                      editing.errors[column.key],
                      undefined,
                      index === 0,
                    )}
                    {editing.errors[column.key] && <div className="error-text">{editing.errors[column.key]}</div>}
                  </td>
                ))}
                <td className="row-actions">
                  <button className="primary small" onClick={() => void saveEdit()}>
                    Save
                  </button>
                  <button className="small" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </td>
              </tr>
            ) : (
              <tr key={row.id}>
                {columns.map((column) => {
                  const value = valuesOf(row)[column.key] ?? '';
                  return <td key={column.key}>{column.options?.find((o) => o.value === value)?.label ?? value}</td>;
                })}
                <td className="row-actions">
                  <button className="small" onClick={() => setEditing({ id: row.id, values: valuesOf(row), errors: {} })}>
                    Edit
                  </button>
                  <button className="small danger" onClick={() => void onRemove(row)}>
                    Remove
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <form className="add-row" onSubmit={(event) => void add(event)} noValidate aria-label={addLabel}>
        {columns.map((column) => (
          <div key={column.key} className={`field${draftErrors[column.key] ? ' field-error' : ''}`}>
            {control(
              column,
              draft,
              (value) => {
                const next = { ...draft, [column.key]: value };
                setDraft(deriveDraft ? deriveDraft(draft, next) : next);
                setDraftErrors(({ [column.key]: _cleared, ...rest }) => rest);
              },
              draftErrors[column.key],
              `${caption}-new-${column.key}`,
            )}
            {draftErrors[column.key] && <div className="error-text">{draftErrors[column.key]}</div>}
          </div>
        ))}
        <button type="submit" className="primary">
          {addLabel}
        </button>
      </form>
    </div>
  );
}
