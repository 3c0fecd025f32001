import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EditableTable, type Column } from '../../renderer/ui/EditableTable';
import { FieldbookError } from '../../shared/errors';

interface Person {
  id: string;
  name: string;
  role: string;
}
const COLUMNS: Column[] = [
  { key: 'name', label: 'Name', required: true },
  {
    key: 'role',
    label: 'Role',
    options: [
      { value: 'reviewer', label: 'Reviewer' },
      { value: 'specialist_advisor', label: 'Specialist advisor' },
    ],
  },
];

function setup(rows: Person[], onAdd: (values: Record<string, string>) => Promise<unknown>, onUpdate = async (_id: string, _v: Record<string, string>) => undefined) {
  const removed: string[] = [];
  render(
    <EditableTable<Person>
      caption="Team"
      columns={COLUMNS}
      rows={rows}
      valuesOf={(p) => ({ name: p.name, role: p.role })}
      addLabel="Add person"
      onAdd={onAdd}
      onUpdate={onUpdate}
      onRemove={async (p) => removed.push(p.id)}
    />,
  );
  return { removed, form: screen.getByRole('form', { name: 'Add person' }) };
}

describe('EditableTable', () => {
  it('will not add a row without its required fields, and says which', async () => {
    const added: Array<Record<string, string>> = [];
    const { form } = setup([], async (values) => added.push(values));
    await userEvent.click(within(form).getByRole('button', { name: 'Add person' }));
    expect(screen.getByText('Name is required')).toBeTruthy();
    expect(added).toEqual([]);
    await userEvent.type(within(form).getByLabelText('Name'), 'Sam Okafor');
    expect(screen.queryByText('Name is required')).toBeNull(); // typing clears the message
  });

  it('adds with the keyboard alone and clears the form for the next person', async () => {
    const added: Array<Record<string, string>> = [];
    const { form } = setup([], async (values) => added.push(values));
    await userEvent.type(within(form).getByLabelText('Name'), 'Sam Okafor');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'specialist_advisor');
    await userEvent.type(within(form).getByLabelText('Name'), '{Enter}');
    expect(added).toEqual([{ name: 'Sam Okafor', role: 'specialist_advisor' }]);
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('');
  });

  it("shows the service's message next to the field it names", async () => {
    const { form } = setup([], async () => {
      throw new FieldbookError('conflict', 'Duplicate', [{ field: 'name', message: 'Already in the team' }]);
    });
    await userEvent.type(within(form).getByLabelText('Name'), 'Jo{Enter}');
    expect(screen.getByText('Already in the team')).toBeTruthy();
  });

  it('edits a row in place: Enter saves, Escape cancels', async () => {
    const updates: Array<[string, Record<string, string>]> = [];
    setup(
      [{ id: 'p1', name: 'Jo Fletcher', role: 'reviewer' }],
      async () => undefined,
      async (id, values) => {
        updates.push([id, values]);
      },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const input = screen.getAllByLabelText('Name')[0] as HTMLInputElement;
    await userEvent.clear(input);
    await userEvent.type(input, 'Jo Fletcher-Smith{Enter}');
    expect(updates).toEqual([['p1', { name: 'Jo Fletcher-Smith', role: 'reviewer' }]]);

    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    await userEvent.type(screen.getAllByLabelText('Name')[0] as HTMLInputElement, ' changed{Escape}');
    expect(updates).toHaveLength(1);
    expect(screen.getByRole('cell', { name: 'Jo Fletcher' })).toBeTruthy();
  });
});
