import type { ReviewDetail } from '../../../shared/reviews/contract';
import { TEAM_ROLE_LABELS, TEAM_ROLES, type TeamMember, type TeamRole } from '../../../shared/reviews/domain';
import { api } from '../../api/client';
import { EditableTable } from '../../ui/EditableTable';
import { notify } from '../../ui/toasts';
import { useWorkspace } from './workspaceStore';

const COLUMNS = [
  { key: 'name', label: 'Name', required: true, placeholder: 'Full name', width: '30%' },
  { key: 'role', label: 'Role', options: TEAM_ROLES.map((role) => ({ value: role, label: TEAM_ROLE_LABELS[role] })) },
  { key: 'background', label: 'Background', placeholder: 'e.g. Local government' },
];

export function TeamTab({ detail }: { detail: ReviewDetail }) {
  const apply = useWorkspace((state) => state.apply);
  return (
    <EditableTable<TeamMember>
      caption="Review team"
      columns={COLUMNS}
      rows={detail.team}
      valuesOf={(member) => ({ name: member.name, role: member.role, background: member.background })}
      addLabel="Add team member"
      onAdd={(values) =>
        apply(() => api.addTeamMember({ reviewId: detail.review.id, name: values.name ?? '', role: values.role as TeamRole, background: values.background ?? '' }))
      }
      onUpdate={(memberId, values) => apply(() => api.updateTeamMember({ memberId, name: values.name ?? '', role: values.role as TeamRole, background: values.background ?? '' }))}
      onRemove={async (member) => {
        await apply(() => api.removeTeamMember({ memberId: member.id }));
        notify(`${member.name} removed from the team`, () => void apply(() => api.restoreTeamMember({ memberId: member.id })));
      }}
    />
  );
}
